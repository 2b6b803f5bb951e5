// Re-tagging drains through the tag queue: the scheduled run sends stale documents to it,
// never more than keeps the queue under its bound, resumes from its cursor on the next run,
// and the tag function tags them; a tagger change makes everything stale again.
import { beforeEach, expect, it } from 'vitest';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { enqueueStale } from '../src/pipeline/retag.js';
import { storeDependencies } from '../src/sources/adapters.js';
import { retagStale } from '../src/sources/run.js';
import { MemoryStore } from '../src/store/memory.js';
import { lambdaContext, loadHandlers, markerTagger, MemoryQueue, testTracker } from './support/pipeline.js';
import { localPages } from '../src/sources/pages.js';

// A unit test of the fan-out: the in-memory store (the contract suite holds it to the DynamoDB one).
const memoryStore = async () => {
  const store = new MemoryStore();
  await store.putTracker(testTracker);
  return store;
};
let store: MemoryStore;
beforeEach(async () => {
  store = await memoryStore();
});

it('fans stale documents out to the tag queue in bounded, resumable runs until none is left', async () => {
  const ingestQueue = new MemoryQueue();
  const ids = (await ingestDocuments(Array.from({ length: 25 }, (_, i) => ({ text: `f${i} [RU oppose ceasefire]` })), { store, queue: ingestQueue, defaultTracker: 'talks' })).map((r) => r.id);
  ingestQueue.sent = []; // as if those messages were lost: only the re-tag run can find the documents now

  const queue = new MemoryQueue();
  // An hour later: the documents are no longer fresh (their own tag messages would have been handled).
  const later = () => new Date(Date.now() + 3_600_000);
  const deps = storeDependencies({ store, pages: localPages, queue, taggerVersion: markerTagger.version, maxQueueDepth: 10, now: later });
  const { tag } = await loadHandlers();
  const handler = tag.createHandler(() => ({ store, tagger: markerTagger }));

  // A full queue takes nothing more.
  queue.sent = Array.from({ length: 10 }, () => ({ tracker: 'talks', documentId: ids[0]! }));
  expect(await retagStale(testTracker, deps, 100)).toMatchObject({ retagged: 0 });
  queue.sent = [];

  const runs: number[] = [];
  const sent = new Set<string>();
  for (let run = 0; run < 5; run++) {
    const report = await retagStale(testTracker, deps, 100);
    runs.push(report.retagged);
    for (const m of queue.sent) sent.add(m.documentId);
    expect((await handler(queue.drain(), lambdaContext)).batchItemFailures).toEqual([]);
    if (report.complete && report.retagged === 0) break;
  }
  expect(runs.slice(0, 3)).toEqual([10, 10, 5]);
  expect(sent).toEqual(new Set(ids));
  expect((await store.getMatrix('talks')).cells.find((c) => c.actor === 'RU' && c.term === 'ceasefire')?.oppose).toBe(25);

  // Nothing stale: a run sends nothing.
  expect((await enqueueStale({ tracker: 'talks', limit: 100 }, { store, queue, taggerVersion: markerTagger.version })).queued).toBe(0);
  // A new tagger version: all 25 are stale again (tagged ones are never "fresh").
  expect((await enqueueStale({ tracker: 'talks', limit: 100 }, { store, queue, taggerVersion: 'test-2' })).queued).toBe(25);
});

it('leaves out documents just ingested and never tagged: their tag message is on its way', async () => {
  await ingestDocuments([{ text: 'fresh [UA support nato]' }], { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
  const queue = new MemoryQueue();
  expect((await enqueueStale({ tracker: 'talks', limit: 10 }, { store, queue, taggerVersion: markerTagger.version })).queued).toBe(0);
  const later = () => new Date(Date.now() + 3_600_000);
  expect((await enqueueStale({ tracker: 'talks', limit: 10 }, { store, queue, taggerVersion: markerTagger.version, now: later })).queued).toBe(1);
});
