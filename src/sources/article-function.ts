// The page reader of the deployed re-ingest function: each page is read by the article
// function (functions/article.ts), invoked synchronously, so that this bundle carries no HTML
// parser. Its answer is checked against the wire schema; a SourceError there is one here.
// The Lambda client is imported at the first page read, not when the function starts: the
// re-tag schedule's runs read no page, and the client is a whole package of the runtime's SDK.
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { ConfigError, SourceError } from '../errors.js';
import { ArticleResponseSchema, type ArticleRequest } from './article-wire.js';
import type { PageRead, PageReader } from './run.js';

let sdk: Promise<typeof import('@aws-sdk/client-lambda')> | undefined;

export function articleFunctionPages(functionName: string, given?: Pick<LambdaClient, 'send'>): PageReader {
  let client = given;
  return {
    async read(url, { validators, fetch, extract }): Promise<PageRead> {
      // The article function fetches with its own, fixed policy (never loopback): a caller's policy would not reach it.
      if (fetch && Object.values(fetch).some((v) => v !== undefined && v !== false)) {
        throw new ConfigError('fetch options are for the in-process page reader (src/sources/pages.ts); the article function fetches with its own policy');
      }
      const request: ArticleRequest = { url, etag: validators?.etag, lastModified: validators?.lastModified, minTextLength: extract?.minTextLength };
      const { InvokeCommand, LambdaClient } = await (sdk ??= import('@aws-sdk/client-lambda'));
      client ??= new LambdaClient({});
      const out = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(request)) }));
      const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
      // The function failed as a whole (a crash, a timeout): not the page's fault as far as we know.
      if (out.FunctionError) throw new Error(`the article function failed on ${url} (${out.FunctionError}): ${text.slice(0, 300)}`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`the article function answered no JSON for ${url}`);
      }
      const parsed = ArticleResponseSchema.safeParse(json);
      if (!parsed.success) throw new Error(`the article function answered out of schema for ${url}: ${parsed.error.issues[0]!.message}`);
      const answer = parsed.data;
      if (answer.kind === 'failed') throw new SourceError(answer.reason, answer.message, answer.url);
      return answer;
    },
  };
}
