import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoStore } from '../src/store/store.js';
import { MemoryQueue, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
let client: Awaited<ReturnType<typeof storeWithTracker>>['client'];
let tableName: string;
beforeAll(async () => ({ store, drop, client, tableName } = await storeWithTracker()));
afterAll(async () => drop());

const ingest = (docs: unknown[]) => ingestDocuments(docs, { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
const stale = async () => (await store.findStaleDocuments('talks', { taggerVersion: 'none', trackerVersion: 'none' }, { limit: 100 })).items;

describe('ingesting stores each document once', () => {
  it('stores one document when the same text arrives in parallel, with or without URLs', async () => {
    const before = (await stale()).length;
    const text = 'Parallel arrival of one text.';
    const results = (await Promise.all([
      ingest([{ text }]),
      ingest([{ text, url: 'https://a.example/1' }]),
      ingest([{ text, url: 'https://b.example/1' }]),
      ingest([{ text }]),
    ])).flat();
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect((await stale()).length).toBe(before + 1);
  });

  it('treats a URL with another #fragment as the same document', async () => {
    const [a] = await ingest([{ url: 'https://news.example/x#top', text: 'Fragment one.' }]);
    const [b] = await ingest([{ url: 'https://news.example/x', text: 'Fragment one.' }]);
    expect(b).toMatchObject({ id: a!.id, duplicate: true });
    expect((await store.getDocument(a!.id))!.document.url).toBe('https://news.example/x');
  });

  it('keeps every version change consistent when two URLs swap texts', async () => {
    const [a] = await ingest([{ url: 'https://s.example/a', text: 'Text one.' }]);
    const [b] = await ingest([{ url: 'https://s.example/b', text: 'Text two.' }]);
    // b takes a's text: a new version of b, though the text guard stays with a.
    expect((await ingest([{ url: 'https://s.example/b', text: 'Text one.' }]))[0]).toMatchObject({ id: b!.id, status: 'updated', textVersion: 2 });
    expect((await ingest([{ url: 'https://s.example/b', text: 'Text three.' }]))[0]).toMatchObject({ id: b!.id, status: 'updated', textVersion: 3 });
    expect((await ingest([{ url: 'https://s.example/a', text: 'Text four.' }]))[0]).toMatchObject({ id: a!.id, status: 'updated', textVersion: 2 });
    // Text two is free again, text three belongs to b.
    expect((await ingest([{ text: 'Text two.' }]))[0]).toMatchObject({ status: 'created' });
    expect((await ingest([{ text: 'Text three.' }]))[0]).toMatchObject({ id: b!.id, duplicate: true });
  });

  it('keeps a long text whole through gzip', async () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `Sentence ${i} about the ceasefire.`).join(' ');
    const [doc] = await ingest([{ text, title: 'Long' }]);
    expect((await store.getDocument(doc!.id))!.document.text).toBe(text);
  });
});

describe('state kept for the scheduled re-ingestion', () => {
  it('remembers a source URL state per tracker and a re-tag cursor per tracker', async () => {
    const url = 'https://feed.example/rss';
    expect(await store.getSourceState('talks', url)).toBeUndefined();
    const state = { url, etag: '"abc"', lastModified: 'Tue, 18 Nov 2025 10:00:00 GMT', lastFetchedAt: '2025-11-18T10:00:00.000Z', lastStatus: '200' };
    await store.putSourceState('talks', state);
    expect(await store.getSourceState('talks', url)).toEqual(state);
    expect(await store.getSourceState('other', url)).toBeUndefined();
    expect(await store.getRetagCursor('talks')).toBeUndefined();
    await store.putRetagCursor('talks', 'a', '2025-11-18T10:00:00.000Z');
    expect(await store.getRetagCursor('talks')).toBe('a');
    await store.putRetagCursor('talks', undefined, '2025-11-18T11:00:00.000Z');
    expect(await store.getRetagCursor('talks')).toBeUndefined();
  });

  it('tells which URLs a tracker already holds, in one request per 100 URLs', async () => {
    await ingest([{ url: 'https://known.example/1', text: 'Known one.' }, { url: 'https://known.example/2#comments', text: 'Known two.' }]);
    const asked = ['https://known.example/1', 'https://known.example/2', 'https://known.example/1#top', 'https://unknown.example/3', 'not a url'];
    expect(await store.knownUrls('talks', asked)).toEqual(new Set(['https://known.example/1', 'https://known.example/2', 'https://known.example/1#top']));
    expect(await store.knownUrls('other', asked)).toEqual(new Set());
    const many = Array.from({ length: 230 }, (_, i) => `https://bulk.example/${i}`);
    expect((await store.knownUrls('talks', [...many, 'https://known.example/1'])).size).toBe(1);
  });
});

describe('an ingest stopped between its text guard and its document', () => {
  /** The same table through a client whose document writes fail, as if the function had stopped there. */
  function stoppingStore(): DynamoStore {
    const doc: DynamoDBDocumentClient = documentClient(client);
    const send = doc.send.bind(doc);
    (doc as { send: unknown }).send = async (command: unknown) => {
      if (command instanceof PutCommand && command.input.Item?.sk === 'META') throw new Error('stopped');
      return send(command as never);
    };
    return new DynamoStore(doc, tableName);
  }

  it('is finished, once, by an ingest of the same text under another URL', async () => {
    const text = 'A text whose first ingest stopped half-way.';
    await expect(ingestDocuments([{ text, url: 'https://first.example/a', title: 'First' }], { store: stoppingStore(), queue: new MemoryQueue(), defaultTracker: 'talks' })).rejects.toThrow('stopped');
    const queue = new MemoryQueue();
    const [other] = await ingestDocuments([{ text, url: 'https://second.example/b' }], { store, queue, defaultTracker: 'talks' });
    expect(other).toMatchObject({ status: 'duplicate', queued: true });
    // The document the first ingest promised, with its URL and title: queued for tagging.
    const found = await store.getDocument(other!.id);
    expect(found!.document).toMatchObject({ url: 'https://first.example/a', title: 'First', text });
    expect(queue.sent.map((m) => m.documentId)).toEqual([other!.id]);
    const [again] = await ingest([{ text, url: 'https://first.example/a', title: 'First' }]);
    expect(again).toMatchObject({ id: other!.id, status: 'duplicate' });
  });

  it('is finished by its own retry', async () => {
    const text = 'Another text whose first ingest stopped half-way.';
    await expect(ingestDocuments([{ text, url: 'https://first.example/c' }], { store: stoppingStore(), queue: new MemoryQueue(), defaultTracker: 'talks' })).rejects.toThrow('stopped');
    const [retried] = await ingest([{ text, url: 'https://first.example/c' }]);
    expect(retried).toMatchObject({ status: 'created', textVersion: 1 });
    expect((await store.getDocument(retried!.id))!.document.text).toBe(text);
  });
});
