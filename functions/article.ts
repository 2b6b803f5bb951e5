// The article Lambda: fetches one news page and extracts its article, for the re-ingest
// function (src/sources/article-function.ts invokes it). The HTML parser (linkedom,
// Readability) lives only in this bundle, and this function has no table or queue access:
// the code that parses untrusted pages can touch nothing else.
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { SourceError, ValidationError } from '../src/errors.js';
import { ArticleRequestSchema, type ArticleResponse } from '../src/sources/article-wire.js';
import type { FetchOptions } from '../src/sources/fetch.js';
import { localPages } from '../src/sources/pages.js';

// The service name comes from POWERTOOLS_SERVICE_NAME, as the stack sets it for every function.
export const logger = new Logger();

/** Lambda's limit on a synchronous invocation's response, less room for the envelope. */
export const MAX_ANSWER_BYTES = 6 * 1024 * 1024 - 4096;

/** The function's body; the options only for tests (the deployed function fetches with FETCH_DEFAULTS, never loopback). */
export function createArticle(fetch?: FetchOptions, maxAnswerBytes = MAX_ANSWER_BYTES) {
  return async (event: unknown): Promise<ArticleResponse> => {
    const parsed = ArticleRequestSchema.safeParse(event);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, 'article request');
    const { url, etag, lastModified, minTextLength } = parsed.data;
    try {
      const page = await localPages.read(url, { validators: { etag, lastModified }, fetch, extract: { minTextLength } });
      if (page.kind === 'not-modified') return page;
      const answer: ArticleResponse = { kind: 'article', article: page.article, ...(page.etag ? { etag: page.etag } : {}), ...(page.lastModified ? { lastModified: page.lastModified } : {}) };
      // A 5 MB page gives at most about 5 MB of text, but escaped as JSON it could pass the limit: refused as the page's fault.
      const bytes = Buffer.byteLength(JSON.stringify(answer));
      if (bytes > maxAnswerBytes) throw new SourceError('too-large', `the article is ${bytes} bytes as JSON, more than a Lambda answer may be`, url);
      return answer;
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      logger.info('page not read', { url, reason: err.reason, error: err.message });
      return { kind: 'failed', reason: err.reason, message: err.message, ...(err.url ? { url: err.url } : {}) };
    }
  };
}

export const handler = middy(createArticle()).use(injectLambdaContext(logger));
