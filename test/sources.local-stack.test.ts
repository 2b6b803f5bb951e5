// The re-ingestion on the local stack, the way `npm start` can run it: the reingest
// handler (allowed to reach this machine's feed server, unlike the deployed one) invoked
// by the local loop, documents going through the ingest path, the SQS shim and the tag handler.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DocumentResponseSchema } from '../src/api/schemas.js';
import { lambdaContext } from '../src/local/lambda.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { startReingestLoop } from '../src/sources/loop.js';
import { describeSource, type SourceReport } from '../src/sources/run.js';
import { documentId } from '../src/store/keys.js';
import { localEndpoint } from './support/dynamodb.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';

const trackerFile = fileURLToPath(new URL('../seeds/tracker.json', import.meta.url));

let stack: LocalStack;
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  stack = await startLocalStack({ port: 0, trackerFile, dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}` });
});
afterAll(async () => {
  await stack?.stop();
  await server?.close();
});

it('keeps ingesting from a local feed server: new articles are stored and tagged, later runs find nothing new', async () => {
  const { createReingest } = await import('../functions/reingest.js');
  const { localPages } = await import('../src/sources/pages.js');
  const lines: string[] = [];
  const reingest = createReingest({
    fetch: { allowLoopback: true },
    pages: localPages,
    sources: [
      { url: server.url('/feeds/rss.xml'), kind: 'feed', name: 'Gazette' },
      { url: server.url('/feeds/atom.xml'), kind: 'feed' },
      { url: server.url('/feeds/error'), kind: 'feed' },
    ],
    onSource: (report: SourceReport) => lines.push(describeSource(report)),
  });
  const results: Array<{ new: number; unchanged: number; failed: number }> = [];
  const errors: unknown[] = [];
  let third!: () => void;
  const threeRuns = new Promise<void>((resolve) => (third = resolve));
  const loop = startReingestLoop({
    intervalMs: 10,
    run: () => reingest({ 'detail-type': 'Scheduled Event', detail: {} }, lambdaContext({ functionName: 'reingest', timeoutMs: 600_000 })),
    onRun: (result) => {
      results.push(result);
      if (results.length === 3) third();
    },
    onError: (error) => {
      errors.push(error);
      third();
    },
  });
  await threeRuns;
  await loop.stop();

  expect(errors).toEqual([]);
  expect(results[0]).toMatchObject({ new: 4, unchanged: 0, failed: 1 });
  expect(results[1]).toMatchObject({ new: 0, unchanged: 2, failed: 1 });
  expect(lines).toContainEqual(expect.stringMatching(/^unchanged +Gazette <.*>: not modified since the last read$/));

  await stack.drained();
  const url = server.url('/articles/europe-counterproposal.html');
  const res = await fetch(`${stack.apiUrl}/documents/${documentId(stack.tracker.id, { url, contentHash: '' })}`);
  expect(res.status).toBe(200);
  const document = DocumentResponseSchema.parse(await res.json());
  expect(document).toMatchObject({ url, title: 'European allies draft a counter-proposal', publishedAt: '2025-11-23T09:15:00.000Z' });
  expect(document.taggedWith).toBeDefined();
});
