// The re-ingestion run against the real store on DynamoDB Local: the shared ingest path,
// source state and the tag path's re-tagging, with the fixture feeds on loopback.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES_TAGGER_VERSION } from '../src/core/versions.js';
import { loadTrackerFile, trackerVersion, type Tracker } from '../src/core/tracker.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { storeDependencies } from '../src/sources/adapters.js';
import { runReingest, type ReingestOptions } from '../src/sources/run.js';
import { documentId } from '../src/store/keys.js';
import type { DynamoStore } from '../src/store/store.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { MemoryQueue, storeWithTracker } from './support/pipeline.js';
import { localPages } from '../src/sources/pages.js';

let server: FeedServer;
let tracker: Tracker;
let store: DynamoStore;
let drop: () => Promise<void>;
beforeAll(async () => {
  server = await startFeedServer();
  tracker = await loadTrackerFile('seeds/tracker.json');
  ({ store, drop } = await storeWithTracker(tracker));
});
afterAll(async () => {
  await server.close();
  await drop();
});

const options: ReingestOptions = { fetch: { allowLoopback: true, timeoutMs: 5_000 }, retagLimit: 0 };

describe('re-ingestion into the DynamoDB store', () => {
  it('stores new articles through the ingest path, queues them, and finds nothing new on the second run', async () => {
    const queue = new MemoryQueue();
    const deps = storeDependencies({ store, pages: localPages, queue });
    const sources = [
      { url: server.url('/feeds/rss.xml'), kind: 'feed' as const, name: 'Gazette' },
      { url: server.url('/feeds/atom.xml'), kind: 'feed' as const },
      { url: server.url('/articles/standalone-page.html'), kind: 'page' as const },
      { url: server.url('/feeds/malformed.xml'), kind: 'feed' as const },
    ];
    const first = await runReingest(tracker, deps, options, sources);
    expect(first).toMatchObject({ new: 5, unchanged: 0, failed: 1, duplicates: 0 });
    expect(queue.sent).toHaveLength(5);

    const url = server.url('/articles/kyiv-rejects-cession.html');
    const stored = await store.getDocument(documentId(tracker.id, { url, contentHash: '' }));
    expect(stored?.document).toMatchObject({ url, title: 'Kyiv rejects ceding territory under the draft plan', publishedAt: '2025-11-21T08:30:00.000Z', source: 'Gazette', tracker: tracker.id });

    const before = server.requests.length;
    const second = await runReingest(tracker, deps, options, sources);
    expect(second).toMatchObject({ new: 0, unchanged: 3, failed: 1 });
    // Feed items already stored are not fetched again; the page source (no validators) is, and is a duplicate.
    expect(server.requests.slice(before).filter((r) => r.path.startsWith('/articles/')).map((r) => r.path)).toEqual(['/articles/standalone-page.html']);
    expect(second.duplicates).toBe(1);
  });

  it('keeps validators per tracker, so another tracker reading the same feed gets it in full', async () => {
    const other = { ...tracker, id: 'other-tracker' };
    await store.putTracker(other);
    const deps = storeDependencies({ store, pages: localPages, queue: new MemoryQueue() });
    const summary = await runReingest(other, deps, options, [{ url: server.url('/feeds/rss.xml'), kind: 'feed' }]);
    expect(summary).toMatchObject({ new: 2, unchanged: 0 });
  });

  it('sends stored documents of an older version to the tag queue in bounded batches, resuming from the stored cursor', async () => {
    const queue = new MemoryQueue();
    // An hour after the ingest: untagged documents are no longer waiting for their own tag message.
    const deps = storeDependencies({ store, pages: localPages, queue, now: () => new Date(Date.now() + 3_600_000) });
    const run = () => runReingest(tracker, deps, { ...options, retagLimit: 2 }, []);
    const batches: number[] = [];
    for (let i = 0; i < 5; i++) {
      batches.push((await run()).retagged);
      // The tag function's part: tag what the run queued.
      for (const message of queue.sent.splice(0)) await tagStoredDocument(message, { store });
    }
    // Five untagged documents from the first test, at most two per run, then nothing is stale.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(5);
    expect(Math.max(...batches)).toBeLessThanOrEqual(2);
    expect(batches.at(-1)).toBe(0);
    const current = { taggerVersion: RULES_TAGGER_VERSION, trackerVersion: trackerVersion(tracker) };
    const url = server.url('/articles/geneva-talks.html');
    const stored = await store.getDocument(documentId(tracker.id, { url, contentHash: '' }));
    expect(stored?.document.taggedWith).toMatchObject(current);
  });
});

describe('items the ingest path refuses', () => {
  it('fails the item with the reason the ingest path gives, and reads the other items', async () => {
    const long = `${server.url('/articles/')}${'x'.repeat(2100)}.html`;
    const path = '/feeds/long-link.xml';
    server.override(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<rss version="2.0"><channel><item><link>${long}</link></item><item><link>${server.url('/articles/moscow-welcomes-plan.html')}</link></item></channel></rss>`);
    });
    const article = readFileSync(new URL('fixtures/feeds/articles/geneva-talks.html', import.meta.url), 'utf8');
    server.override(new URL(long).pathname, (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(article));
    const other = { ...tracker, id: 'long-links' };
    await store.putTracker(other);
    const summary = await runReingest(other, storeDependencies({ store, pages: localPages, queue: new MemoryQueue() }), options, [{ url: server.url(path), kind: 'feed' }]);
    expect(summary.reports[0]).toMatchObject({ status: 'new', ingested: 1 });
    expect(summary.reports[0]!.itemFailures).toEqual([expect.objectContaining({ reason: 'ingest', url: long })]);
    expect(summary.reports[0]!.itemFailures[0]!.message).toMatch(/url/);
  });
});
