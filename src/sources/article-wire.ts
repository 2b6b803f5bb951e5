// What the re-ingest function sends the article function and what it answers (a page to read;
// its article, a 304, or the SourceError that stopped it). zod/mini, not zod: the article
// function's bundle is the HTML parser plus this, and zod's classic API alone is about 100 KB.
import * as z from 'zod/mini';
import { SOURCE_FAILURE_REASONS } from '../errors.js';

export const ArticleRequestSchema = z.object({
  url: z.string().check(z.minLength(1)),
  etag: z.optional(z.string()),
  lastModified: z.optional(z.string()),
  minTextLength: z.optional(z.number().check(z.int(), z.nonnegative())),
});
export type ArticleRequest = z.infer<typeof ArticleRequestSchema>;

export const ArticleResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-modified') }),
  z.object({
    kind: z.literal('article'),
    article: z.object({ title: z.optional(z.string()), text: z.string(), publishedAt: z.optional(z.string()) }),
    etag: z.optional(z.string()),
    lastModified: z.optional(z.string()),
  }),
  z.object({ kind: z.literal('failed'), reason: z.enum(SOURCE_FAILURE_REASONS), message: z.string(), url: z.optional(z.string()) }),
]);
export type ArticleResponse = z.infer<typeof ArticleResponseSchema>;
