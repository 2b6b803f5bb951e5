// One suite, two stores: what the pipeline may rely on, checked on the DynamoDB store (over
// DynamoDB Local) and on the in-memory store that unit tests use.
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../src/errors.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { MemoryStore } from '../src/store/memory.js';
import type { Store } from '../src/store/ports.js';
import { markerTagger, MemoryQueue, storeWithTracker, testTracker } from './support/pipeline.js';

const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

const implementations: Array<[string, () => Promise<Store>]> = [
  [
    'DynamoStore on DynamoDB Local',
    async () => {
      const { store, drop } = await storeWithTracker();
      drops.push(drop);
      return store;
    },
  ],
  [
    'MemoryStore',
    async () => {
      const store = new MemoryStore();
      await store.putTracker(testTracker);
      return store;
    },
  ],
];

describe.each(implementations)('%s', (_name, open) => {
  const ingest = (store: Store, docs: unknown[]) => ingestDocuments(docs, { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
  const tag = (store: Store, id: string, tagger = markerTagger) => tagStoredDocument({ tracker: 'talks', documentId: id }, { store, tagger });

  it('stores a document once: by URL, then by content', async () => {
    const store = await open();
    const [a] = await ingest(store, [{ url: 'https://news.example/a#top', text: 'alpha text' }]);
    expect(a).toMatchObject({ status: 'created', textVersion: 1 });
    const [again] = await ingest(store, [{ url: 'https://news.example/a', text: 'alpha   text' }]);
    expect(again).toMatchObject({ status: 'duplicate', id: a!.id });
    const [other] = await ingest(store, [{ url: 'https://news.example/b', text: 'alpha text' }]);
    expect(other).toMatchObject({ status: 'duplicate', id: a!.id });
    const [changed] = await ingest(store, [{ url: 'https://news.example/a', text: 'alpha text, corrected' }]);
    expect(changed).toMatchObject({ status: 'updated', id: a!.id, textVersion: 2 });
    expect((await store.getDocument(a!.id))!.document.text).toBe('alpha text, corrected');
    expect(await store.knownUrls('talks', ['https://news.example/a', 'https://news.example/zzz', 'not a url'])).toEqual(new Set(['https://news.example/a']));
    expect(await store.getDocument('0'.repeat(20))).toBeUndefined();
    await expect(store.requireTracker('nope')).rejects.toThrow(NotFoundError);
  });

  it('tags exactly once: counts match the records, again and in parallel', async () => {
    const store = await open();
    const ids = (await ingest(store, [
      { text: 'a [RU oppose ceasefire] [UA support ceasefire]', publishedAt: '2025-09-01' },
      { text: 'b [RU mixed ceasefire] [US support sanctions]', publishedAt: '2025-09-02' },
    ])).map((r) => r.id);
    for (const id of ids) expect((await tag(store, id)).changed).toBe(true);
    const once = (await store.getMatrix('talks')).cells;
    expect(once.find((c) => c.actor === 'RU' && c.term === 'ceasefire')).toMatchObject({ oppose: 1, mixed: 1, total: 2, latest: { stance: 'mixed', document: ids[1] } });
    for (const id of ids) expect((await tag(store, id)).changed).toBe(false);
    await Promise.all(ids.flatMap((id) => [tag(store, id), tag(store, id)]));
    expect((await store.getMatrix('talks')).cells).toEqual(once);
  });

  it('refuses a tagging from a stale snapshot with ConflictError', async () => {
    const store = await open();
    const [doc] = await ingest(store, [{ text: 'c [UA support nato]' }]);
    const snapshot = (await store.getDocument(doc!.id))!;
    const records = markerTagger.tag({ id: doc!.id, text: snapshot.document.text }, testTracker);
    const taggedWith = { taggerVersion: 'test-1', trackerVersion: (await store.requireTracker('talks')).version, taggedAt: '2025-01-01T00:00:00Z' };
    await store.replaceRecords(snapshot, records, taggedWith);
    await expect(store.replaceRecords(snapshot, records, taggedWith)).rejects.toThrow(ConflictError);
    expect((await store.getMatrix('talks')).cells.find((c) => c.actor === 'UA' && c.term === 'nato')?.total).toBe(1);
  });

  it('moves the latest stance back when a re-tag removes the latest record', async () => {
    const store = await open();
    const results = await ingest(store, ['2025-07-01', '2025-07-02', '2025-07-03'].map((day, i) => ({ url: `https://news.example/l${i}`, publishedAt: day, text: `${day} [RU support sanctions]` })));
    for (const r of results) await tag(store, r.id);
    await ingest(store, [{ url: 'https://news.example/l2', publishedAt: '2025-07-03', text: 'no stance now' }]);
    await tag(store, results[2]!.id);
    expect((await store.getMatrix('talks')).cells.find((c) => c.actor === 'RU' && c.term === 'sanctions')).toMatchObject({ total: 2, latest: { document: results[1]!.id } });
  });

  it('says whether a duplicate\'s stored copy is tagged (ingest queues it again while not)', async () => {
    const store = await open();
    const first = await store.ingestDocument({ tracker: 'talks', url: 'https://news.example/q1', publishedAt: '2025-06-01T00:00:00.000Z', text: 'q [UA support nato]' }, '2025-06-01T00:00:00.000Z');
    const byText = () => store.ingestDocument({ tracker: 'talks', url: 'https://news.example/q2', publishedAt: '2025-06-01T00:00:00.000Z', text: 'q  [UA support nato]' }, '2025-06-01T00:00:00.000Z');
    const byUrl = (text: string) => store.ingestDocument({ tracker: 'talks', url: 'https://news.example/q1', publishedAt: '2025-06-01T00:00:00.000Z', text }, '2025-06-01T00:00:00.000Z');
    expect(await byText()).toEqual({ status: 'duplicate', id: first.id, textVersion: 1, tagged: false });
    expect(await byUrl('q [UA support nato]')).toEqual({ status: 'duplicate', id: first.id, textVersion: 1, tagged: false });
    await tag(store, first.id);
    expect(await byText()).toMatchObject({ status: 'duplicate', id: first.id, tagged: true });
    expect(await byUrl('q [UA support nato]')).toMatchObject({ tagged: true });
    // A new text is untagged until its tagging, and its old text no longer makes duplicates.
    expect(await byUrl('q, corrected [UA oppose nato]')).toEqual({ status: 'updated', id: first.id, textVersion: 2 });
    expect(await byUrl('q, corrected [UA oppose nato]')).toMatchObject({ status: 'duplicate', textVersion: 2, tagged: false });
    expect(await byText()).toMatchObject({ status: 'created' });
  });

  it('moves the latest stance when a new text version moves its document back in time', async () => {
    const store = await open();
    const [a, b] = await ingest(store, [
      { url: 'https://news.example/m1', publishedAt: '2025-04-02', text: 'm1 [US support ceasefire]' },
      { url: 'https://news.example/m2', publishedAt: '2025-04-03', text: 'm2 [US oppose ceasefire]' },
    ]);
    await tag(store, a!.id);
    await tag(store, b!.id);
    const cell = async () => (await store.getMatrix('talks')).cells.find((c) => c.actor === 'US' && c.term === 'ceasefire');
    expect(await cell()).toMatchObject({ total: 2, latest: { document: b!.id, stance: 'oppose' } });
    await ingest(store, [{ url: 'https://news.example/m2', publishedAt: '2025-04-01', text: 'm2, redated [US oppose ceasefire]' }]);
    await tag(store, b!.id);
    expect(await cell()).toMatchObject({ total: 2, latest: { document: a!.id, stance: 'support', publishedAt: '2025-04-02T00:00:00.000Z' } });
  });

  it('lists stale documents in pages that resume from a cursor, and none once all are current', async () => {
    const store = await open();
    const ids = (await ingest(store, Array.from({ length: 5 }, (_, i) => ({ text: `s${i} [US oppose nato]` })))).map((r) => r.id);
    const current = { taggerVersion: markerTagger.version, trackerVersion: (await store.requireTracker('talks')).version };
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.findStaleDocuments('talks', current, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.cursor;
      if (!cursor) break;
    }
    expect(new Set(seen)).toEqual(new Set(ids));
    for (const id of ids) await tag(store, id);
    expect((await store.findStaleDocuments('talks', current, { limit: 10 })).items.filter((id) => ids.includes(id))).toEqual([]);
    await expect(store.findStaleDocuments('talks', current, { limit: 2, cursor: 'x' })).rejects.toThrow(ValidationError);
  });

  it('leaves out never-tagged documents ingested since `untaggedBefore`, not tagged ones', async () => {
    const store = await open();
    const [fresh, tagged] = await ingest(store, [{ text: 'n1 [UA oppose nato]' }, { text: 'n2 [UA oppose nato]' }]);
    await tag(store, tagged!.id);
    const other = { taggerVersion: 'another', trackerVersion: (await store.requireTracker('talks')).version };
    const page = async (untaggedBefore?: string) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await store.findStaleDocuments('talks', other, { limit: 10, cursor, untaggedBefore });
        ids.push(...p.items);
        cursor = p.cursor;
      } while (cursor);
      return ids.filter((id) => id === fresh!.id || id === tagged!.id).sort();
    };
    expect(await page()).toEqual([fresh!.id, tagged!.id].sort());
    expect(await page('2000-01-01T00:00:00.000Z')).toEqual([tagged!.id]);
    expect(await page('2999-01-01T00:00:00.000Z')).toEqual([fresh!.id, tagged!.id].sort());
  });

  it('answers stances newest first, page by page, in a window, and refuses a foreign cursor', async () => {
    const store = await open();
    const results = await ingest(store, Array.from({ length: 5 }, (_, i) => ({ publishedAt: `2025-05-0${i + 1}`, text: `w${i} [UA mixed sanctions] [RU oppose sanctions]` })));
    for (const r of results) await tag(store, r.id);
    const first = await store.queryStances({ tracker: 'talks', actor: 'UA', term: 'sanctions', limit: 3 });
    expect(first.items.map((r) => r.publishedAt.slice(0, 10))).toEqual(['2025-05-05', '2025-05-04', '2025-05-03']);
    const second = await store.queryStances({ tracker: 'talks', actor: 'UA', term: 'sanctions', limit: 3, cursor: first.cursor });
    expect(second.items.map((r) => r.publishedAt.slice(0, 10))).toEqual(['2025-05-02', '2025-05-01']);
    expect(second.cursor).toBeUndefined();
    const window = await store.queryStances({ tracker: 'talks', term: 'sanctions', from: '2025-05-02', to: '2025-05-03', limit: 10 });
    expect(window.items).toHaveLength(4);
    const byActor = await store.queryStances({ tracker: 'talks', actor: 'RU', limit: 10 });
    expect(byActor.items.every((r) => r.actor === 'RU')).toBe(true);
    await expect(store.queryStances({ tracker: 'talks', actor: 'RU', limit: 3, cursor: first.cursor })).rejects.toThrow(ValidationError);
  });

  it('keeps source validators per tracker and the re-tag cursor', async () => {
    const store = await open();
    await store.putSourceState('talks', { url: 'https://feeds.example/rss', etag: '"1"', lastFetchedAt: '2025-01-01T00:00:00Z' });
    expect(await store.getSourceState('talks', 'https://feeds.example/rss')).toMatchObject({ etag: '"1"' });
    expect(await store.getSourceState('other', 'https://feeds.example/rss')).toBeUndefined();
    await store.putRetagCursor('talks', 'a', '2025-01-01T00:00:00Z');
    expect(await store.getRetagCursor('talks')).toBe('a');
    await store.putRetagCursor('talks', undefined, '2025-01-01T00:00:00Z');
    expect(await store.getRetagCursor('talks')).toBeUndefined();
  });
});
