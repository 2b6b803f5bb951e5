// The cell consumer under the stream's redelivery, on DynamoDB Local: a batch delivered again,
// bisected, or re-read together with later records counts each document change exactly once
// (the cells' marks per stream shard, src/store/cell-stream.ts), and another shard's records
// are counted beside them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { cellChanges, pendingCounts, type DocumentChange } from '../src/store/cell-stream.js';
import { documentChanges } from '../src/store/dynamo/stream.js';
import type { DynamoStore } from '../src/store/store.js';
import { startStreamPump, type StreamBatch } from '../src/local/streams.js';
import { localEndpoint } from './support/dynamodb.js';
import { markerTagger, MemoryQueue, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
let tableName: string;
// Small batches, so that the poller itself delivers the taggings in several.
beforeAll(async () => ({ store, drop, tableName } = await storeWithTracker(undefined, undefined, { batchSize: 4 })));
afterAll(async () => drop());

const matrix = async () => (await store.getMatrix('talks')).cells.map((c) => [c.actor, c.term, c.support, c.oppose, c.mixed, c.total, c.latest?.document]);

describe('the pure core', () => {
  const image = (id: string, cells: string[], tagRevision: number) => ({ id, tracker: 'talks', cells, tagRevision });
  const changes: DocumentChange[] = [
    { sequence: '100', after: image('a', [], 0) },
    { sequence: '200', before: image('a', [], 0), after: image('a', ['RU\tnato\tsupport\t2030-01-01'], 1) },
    { sequence: '300', before: image('b', [], 0), after: image('b', ['RU\tnato\toppose\t2030-01-02'], 1) },
    { sequence: '400', before: image('a', ['RU\tnato\tsupport\t2030-01-01'], 1), after: image('a', ['RU\tnato\tmixed\t2030-01-01'], 2) },
  ];
  it('sums a batch per cell and counts only what lies above the mark', () => {
    const [cell] = cellChanges(changes);
    expect(cell).toMatchObject({ actor: 'RU', term: 'nato' });
    expect(pendingCounts(cell!.contributions, undefined)).toEqual({ support: 0, oppose: 1, mixed: 1, total: 2, through: 400n });
    expect(pendingCounts(cell!.contributions, 300n)).toEqual({ support: -1, oppose: 0, mixed: 1, total: 0, through: 400n });
    expect(pendingCounts(cell!.contributions, 400n)).toBeUndefined();
    expect(cell!.documents.find((d) => d.document === 'a')).toMatchObject({ rev: 2, after: { stance: 'mixed' } });
  });
});

describe('a stream batch delivered again', () => {
  it('whole, bisected, or with later records, counts every change once', async () => {
    const inputs = Array.from({ length: 6 }, (_, i) => ({ url: `https://news.example/redeliver/${i}`, publishedAt: `2031-01-0${i + 1}`, text: `doc ${i} [RU ${i % 2 ? 'oppose' : 'support'} nato] [UA mixed ceasefire]` }));
    const docs = await ingestDocuments(inputs, { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    for (const d of docs) await tagStoredDocument({ tracker: 'talks', documentId: d.id }, { store, tagger: markerTagger });
    const once = await matrix();
    expect(once).toContainEqual(['RU', 'nato', 3, 3, 0, 6, docs[5]!.id]);
    expect(once).toContainEqual(['UA', 'ceasefire', 0, 0, 6, 6, docs[5]!.id]);

    // Every record of the stream so far, as the poller read them; delivered again in every way Lambda may.
    const { records, shardId } = await streamSoFar();
    const all = documentChanges(records);
    await store.applyCellStream(shardId, all);
    expect(await matrix()).toEqual(once);
    const half = Math.ceil(all.length / 2);
    await store.applyCellStream(shardId, all.slice(0, half));
    await store.applyCellStream(shardId, all.slice(half));
    expect(await matrix()).toEqual(once);
    for (let i = 0; i < all.length; i += 3) await store.applyCellStream(shardId, all.slice(i, i + 3));
    expect(await matrix()).toEqual(once);

    // A re-tag that flips one stance, read together with the old records: only the new change counts.
    await ingestDocuments([{ ...inputs[0]!, text: 'doc 0 again [RU oppose nato] [UA mixed ceasefire]' }], { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    await tagStoredDocument({ tracker: 'talks', documentId: docs[0]!.id }, { store, tagger: markerTagger });
    await store.settled();
    const later = await streamSoFar();
    await store.applyCellStream(later.shardId, documentChanges(later.records));
    expect(await matrix()).toContainEqual(['RU', 'nato', 2, 4, 0, 6, docs[5]!.id]);

    // The same changes from another shard are other changes: counted beside (the mark is per shard).
    await store.applyCellStream(`${shardId}-other`, all);
    expect((await matrix()).find((c) => c[0] === 'UA' && c[1] === 'ceasefire')![5]).toBe(12);
  });
});

/** Every document record of the stream so far, read by a second poller that only keeps them. */
async function streamSoFar() {
  const batches: StreamBatch[] = [];
  const pump = startStreamPump({ endpoint: localEndpoint(), region: 'us-east-1', tableName, deliver: async (b) => void batches.push(b) });
  await pump.catchUp();
  await pump.stop();
  return { records: batches.flatMap((b) => b.Records), shardId: batches[0]!.shardId };
}
