// Article pages on AWS are read by the article function, the one bundle with the HTML parser:
// the re-ingest function invokes it and gets the same article, the same SourceError reasons,
// as reading the page in process; a crashed or garbled answer is an error, never an article.
import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createArticle } from '../functions/article.js';
import { ConfigError, SourceError, ValidationError } from '../src/errors.js';
import { articleFunctionPages } from '../src/sources/article-function.js';
import { localPages } from '../src/sources/pages.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const lambda = mockClient(LambdaClient);
// The function's own body behind the mocked Invoke; the deployed one never fetches from loopback, this one must.
const article = createArticle({ allowLoopback: true });
// The SDK wraps the payload's bytes in a blob adapter; the reader only decodes them.
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as InvokeCommandOutput['Payload'];
beforeEach(() => {
  lambda.reset();
  lambda.on(InvokeCommand).callsFake(async (input: { FunctionName: string; Payload: Uint8Array }) => {
    expect(input.FunctionName).toBe('stance-article');
    return { StatusCode: 200, Payload: encode(await article(JSON.parse(new TextDecoder().decode(input.Payload)))) };
  });
});
const pages = () => articleFunctionPages('stance-article', new LambdaClient({ region: 'us-east-1' }));

it('reads a page into the same article as the in-process reader', async () => {
  const url = server.url('/articles/kyiv-rejects-cession.html');
  const remote = await pages().read(url, {});
  expect(remote).toEqual(JSON.parse(JSON.stringify(await localPages.read(url, { fetch: { allowLoopback: true } }))));
  expect(remote).toMatchObject({ kind: 'article', article: { text: expect.stringContaining('\n\n') } });
});

it('passes the page\'s failure on as the same SourceError', async () => {
  const read = pages().read(server.url('/articles/no-article.html'), {});
  await expect(read).rejects.toBeInstanceOf(SourceError);
  await expect(pages().read(server.url('/articles/no-article.html'), {})).rejects.toMatchObject({ reason: 'no-article' });
  await expect(pages().read(server.url('/missing'), {})).rejects.toMatchObject({ reason: 'http-status' });
});

it('refuses an article too big for a Lambda answer as the page\'s fault, too-large', async () => {
  const url = server.url('/articles/kyiv-rejects-cession.html');
  expect(await createArticle({ allowLoopback: true }, 100)({ url })).toMatchObject({ kind: 'failed', reason: 'too-large', url });
});

it('refuses a bad request in the function, and treats a crash or an answer out of schema as errors', async () => {
  await expect(article({ url: 42 })).rejects.toBeInstanceOf(ValidationError);
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: encode({ errorMessage: 'boom' }) });
  await expect(pages().read('https://news.example/a', {})).rejects.toThrow(/article function failed on https:\/\/news.example\/a \(Unhandled\)/);
  lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ kind: 'article', article: { title: 'no text' } }) });
  await expect(pages().read('https://news.example/a', {})).rejects.toThrow(/out of schema/);
});

it('refuses a fetch policy it cannot pass on: the article function fetches with its own', async () => {
  await expect(pages().read('https://news.example/a', { fetch: { allowLoopback: true } })).rejects.toBeInstanceOf(ConfigError);
  expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
});
