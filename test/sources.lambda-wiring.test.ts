// The deployed re-ingestion handler builds its store and queue from the environment, reads
// the stored tracker's sources, and never fetches from loopback (only the local stack and
// the tests may allow that, by building their own handler).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resetEnvCache } from '../src/config.js';
import { parseTracker } from '../src/core/tracker.js';
import { localEndpoint } from './support/dynamodb.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { lambdaContext, storeWithTracker, testTracker } from './support/pipeline.js';

let drop: () => Promise<void>;
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  const tracker = parseTracker({ ...testTracker, sources: [{ url: server.url('/feeds/rss.xml') }] }, 'test tracker');
  const stored = await storeWithTracker(tracker);
  drop = stored.drop;
  Object.assign(process.env, {
    TABLE_NAME: stored.tableName,
    TRACKER_ID: tracker.id,
    // Never reached in these tests: nothing is ingested.
    TAG_QUEUE_URL: 'http://127.0.0.1:9/000000000000/unused',
    // Never invoked either: the loopback feed is refused before any page is read.
    ARTICLE_FUNCTION_NAME: 'stance-tracker-article-unused',
    AWS_ENDPOINT_URL_DYNAMODB: localEndpoint(),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  resetEnvCache();
});
afterAll(async () => {
  await server.close();
  await drop();
});

it('runs on a scheduled event with the stored tracker and refuses its loopback source', async () => {
  const { handler } = await import('../functions/reingest.js');
  const event = { version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2025-11-25T06:00:00Z', region: 'us-east-1', resources: [], detail: {} };
  const result = await handler(event, lambdaContext);
  expect(result).toEqual({ trackerId: 'talks', sources: 1, new: 0, unchanged: 0, failed: 1, retagged: 0 });
  expect(server.requests).toEqual([]);
});

it('fails clearly when the event names a tracker the table does not hold', async () => {
  const { handler } = await import('../functions/reingest.js');
  await expect(handler({ detail: { trackerId: 'nope' } }, lambdaContext)).rejects.toThrow(/no tracker "nope"/);
});

it('on the re-tag schedule only fans stale documents out: no source is read', async () => {
  const { handler } = await import('../functions/reingest.js');
  const result = await handler({ detail: { task: 'retag' } }, lambdaContext);
  expect(result).toEqual({ trackerId: 'talks', sources: 0, new: 0, unchanged: 0, failed: 0, retagged: 0 });
  expect(server.requests).toEqual([]);
});
