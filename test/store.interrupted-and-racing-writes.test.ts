// What a crash of the cell consumer half-way through a stream batch, or a write racing it or a
// tagging, leaves on DynamoDB Local: the cells' latest records still move, and the counts stay
// those of the records. The consumer here is the same DynamoStore code over a client that can
// stop or race on purpose; the stream poller retries a failed batch bisected, as Lambda does.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StanceRecord, TaggableDocument } from '../src/core/records.js';
import type { Tracker } from '../src/core/tracker.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument, type Tagger } from '../src/pipeline/tag.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoStore } from '../src/store/store.js';
import { markerTagger, MemoryQueue, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
let client: Awaited<ReturnType<typeof storeWithTracker>>['client'];
let tableName: string;
/** The store that applies the stream's batches: the plain store unless a test sets one. */
let consumer: DynamoStore | undefined;
beforeAll(async () => ({ store, drop, client, tableName } = await storeWithTracker(undefined, undefined, { consumer: () => consumer ?? store })));
afterEach(() => {
  consumer = undefined;
});
afterAll(async () => drop());

/** The same table through a client whose `send` runs `before` first (it may throw, as a crash). */
function interceptedStore(before: (command: unknown) => Promise<void>): DynamoStore {
  const doc: DynamoDBDocumentClient = documentClient(client);
  const send = doc.send.bind(doc);
  (doc as { send: unknown }).send = async (command: unknown) => {
    await before(command);
    return send(command as never);
  };
  return new DynamoStore(doc, tableName);
}

const ingest = (docs: unknown[], into: DynamoStore = store) => ingestDocuments(docs, { store: into, queue: new MemoryQueue(), defaultTracker: 'talks' });
const cell = async (actor: string, term: string) => (await store.getMatrix('talks')).cells.find((c) => c.actor === actor && c.term === term);

describe('a stream batch whose consumer stopped after the counts, before the latest records moved', () => {
  it('is delivered again: counted once, and the latest record moves', async () => {
    const [doc] = await ingest([{ url: 'https://news.example/crash', publishedAt: '2030-01-01', text: 'x [US support ceasefire]' }]);
    let stops = 0;
    consumer = interceptedStore(async (command) => {
      if (command instanceof UpdateCommand && String(command.input.Key?.sk).startsWith('LATEST#') && stops++ === 0) throw new Error('stopped');
    });
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    // The first delivery added the counts and stopped; the retry (bisected) finds them counted by the cell's mark.
    expect(await cell('US', 'ceasefire')).toMatchObject({ support: 1, total: 1, latest: { document: doc!.id, stance: 'support' } });
    expect(stops).toBeGreaterThan(1);
  });
});

/** Another tagger version that reads every marker the other way. */
const flippingTagger: Tagger<Tracker> = {
  ...markerTagger,
  version: 'test-flip',
  tag: (doc: TaggableDocument, tracker: Tracker): StanceRecord[] =>
    markerTagger.tag(doc, tracker).map((r) => ({ ...r, stance: r.stance === 'support' ? 'oppose' : 'support' })),
};

describe('a new text version ingested while a tagging of the old one commits', () => {
  it('keeps the counts those of the records', async () => {
    const [doc] = await ingest([{ url: 'https://news.example/race', publishedAt: '2030-02-01', text: 'v1 [UA support sanctions]' }]);
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    expect(await cell('UA', 'sanctions')).toMatchObject({ support: 1, oppose: 0, total: 1 });

    // Between the ingest's reads and its transaction, a re-tag (another tagger version) of the old text commits.
    let raced = false;
    const racing = interceptedStore(async (command) => {
      if (raced || !(command instanceof TransactWriteCommand)) return;
      raced = true;
      await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: flippingTagger });
    });
    const [updated] = await ingest([{ url: 'https://news.example/race', publishedAt: '2030-02-01', text: 'v2 [UA mixed sanctions]' }], racing);
    expect(raced).toBe(true);
    expect(updated).toMatchObject({ status: 'updated', textVersion: 2 });

    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    const found = await store.getDocument(doc!.id);
    expect(found!.records.map((r) => r.stance)).toEqual(['mixed']);
    expect(await cell('UA', 'sanctions')).toMatchObject({ support: 0, oppose: 0, mixed: 1, total: 1 });
  });
});

describe('two documents whose records leave a cell, re-tagged at the same time', () => {
  it('leave the latest record on one that still has a record', async () => {
    const days = ['2030-03-01', '2030-03-02', '2030-03-03'];
    const [c, b, a] = await ingest(days.map((day, i) => ({ url: `https://news.example/both${i}`, publishedAt: day, text: `${day} [RU oppose nato]` })));
    for (const r of [c, b, a]) await tagStoredDocument({ tracker: 'talks', documentId: r!.id }, { store, tagger: markerTagger });
    expect(await cell('RU', 'nato')).toMatchObject({ total: 3, latest: { document: a!.id } });
    await ingest([2, 1].map((i) => ({ url: `https://news.example/both${i}`, publishedAt: days[i], text: 'no stance now' })));

    // The consumer of A's re-tag finds B as the next latest; before it writes that, B's re-tag runs to the end.
    let raced = false;
    consumer = interceptedStore(async (command) => {
      if (raced || !(command instanceof PutCommand) || command.input.Item?.document !== b!.id) return;
      raced = true;
      await tagStoredDocument({ tracker: 'talks', documentId: b!.id }, { store, tagger: markerTagger });
    });
    await tagStoredDocument({ tracker: 'talks', documentId: a!.id }, { store, tagger: markerTagger });
    await store.settled();
    expect(raced).toBe(true);
    expect(await cell('RU', 'nato')).toMatchObject({ total: 1, latest: { document: c!.id } });
  });
});

describe('two taggings of one document whose latest-record moves overlap', () => {
  it('leave the latest record of the one that committed last', async () => {
    const url = 'https://news.example/overlap';
    const [older] = await ingest([{ url: `${url}-older`, publishedAt: '2030-04-01', text: 'older [US oppose sanctions]' }]);
    const [doc] = await ingest([{ url, publishedAt: '2030-04-02', text: 'v1 [US support sanctions]' }]);
    for (const r of [older, doc]) await tagStoredDocument({ tracker: 'talks', documentId: r!.id }, { store, tagger: markerTagger });
    expect(await cell('US', 'sanctions')).toMatchObject({ total: 2, latest: { document: doc!.id } });
    await ingest([{ url, publishedAt: '2030-04-02', text: 'v2 no stance' }]);

    // The re-tag of v2 takes the record out; while its consumer looks for the next latest, v3 puts it back and is tagged to the end.
    let raced = false;
    consumer = interceptedStore(async (command) => {
      if (raced || !(command instanceof QueryCommand) || !String(command.input.ExpressionAttributeValues?.[':pk']).startsWith('TERM#')) return;
      raced = true;
      await ingest([{ url, publishedAt: '2030-04-02', text: 'v3 [US support sanctions]' }]);
      await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    });
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    await store.settled();
    expect(raced).toBe(true);
    expect((await store.getDocument(doc!.id))!.records.map((r) => r.stance)).toEqual(['support']);
    expect(await cell('US', 'sanctions')).toMatchObject({ total: 2, latest: { document: doc!.id, stance: 'support' } });
  });
});

describe('a tagging stopped after its commit, before its record deletes, then a new version of its document', () => {
  it('leaves no record behind: the new version keeps the records to delete, and its tagging deletes them', async () => {
    const url = 'https://news.example/stopped-then-revised';
    const [doc] = await ingest([{ url, publishedAt: '2030-02-01', text: 'a [US support ceasefire] [RU oppose sanctions]' }]);
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    const dropsRussia: Tagger<Tracker> = { ...markerTagger, tag: (d, t) => markerTagger.tag(d, t).filter((r) => r.actor !== 'RU') };
    const stopping = interceptedStore(async (command) => {
      if (command instanceof BatchWriteCommand) throw new Error('stopped');
    });
    await expect(tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store: stopping, tagger: dropsRussia })).rejects.toThrow('stopped');
    const [revised] = await ingest([{ url, publishedAt: '2030-02-01', text: 'b [US support ceasefire]' }]);
    expect(revised!.status).toBe('updated');
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store, tagger: markerTagger });
    const left = await documentClient(client).send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'TERM#talks#sanctions' }, ConsistentRead: true }),
    );
    expect((left.Items ?? []).filter((i) => String(i.sk).endsWith(`#${doc!.id}`))).toEqual([]);
    expect((await store.getDocument(doc!.id))!.records.map((r) => `${r.actor}/${r.term}`)).toEqual(['US/ceasefire']);
  });
});
