import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrackerFile, parseTracker } from '../src/core/tracker.js';
import { RULES_TAGGER_VERSION } from '../src/core/versions.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { retagStale, tagStoredDocument } from '../src/pipeline/tag.js';
import { CELL_RECENT, type DynamoStore } from '../src/store/store.js';
import { markerTagger, MemoryQueue, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
beforeAll(async () => ({ store, drop } = await storeWithTracker()));
afterAll(async () => drop());

const deps = () => ({ store, tagger: markerTagger });

async function ingest(docs: { text: string; publishedAt?: string; url?: string }[], tracker = 'talks') {
  const results = await ingestDocuments(docs, { store, queue: new MemoryQueue(), defaultTracker: tracker });
  return results.map((r) => r.id);
}

/** The matrix as counts, plus a recount from the records themselves. */
async function countsAndRecount(ids: string[], tracker = 'talks') {
  const { cells } = await store.getMatrix(tracker);
  const counts = Object.fromEntries(cells.filter((c) => c.total > 0).map((c) => [`${c.actor}/${c.term}`, [c.support, c.oppose, c.mixed]]));
  const recount: Record<string, number[]> = {};
  for (const id of ids) {
    const found = await store.getDocument(id);
    for (const r of found!.records) {
      const row = (recount[`${r.actor}/${r.term}`] ??= [0, 0, 0]);
      row[['support', 'oppose', 'mixed'].indexOf(r.stance)]! += 1;
    }
  }
  return { counts, recount };
}

describe('tagging replaces records and corrects the matrix exactly once', () => {
  it('leaves identical counts after tagging three times in a row and twice in parallel', async () => {
    const ids = await ingest([
      { text: 'a [RU oppose ceasefire] [UA support ceasefire]', publishedAt: '2025-09-01' },
      { text: 'b [RU mixed ceasefire] [US support sanctions]', publishedAt: '2025-09-02' },
      { text: 'c [RU oppose ceasefire] [UA oppose sanctions] [US mixed nato]', publishedAt: '2025-09-03' },
    ]);
    for (const id of ids) await tagStoredDocument({ tracker: 'talks', documentId: id }, deps());
    const once = await countsAndRecount(ids);
    expect(once.counts).toEqual(once.recount);
    expect(once.counts['RU/ceasefire']).toEqual([0, 2, 1]);

    for (let round = 0; round < 3; round++) {
      for (const id of ids) {
        const outcome = await tagStoredDocument({ tracker: 'talks', documentId: id }, deps());
        expect(outcome.changed).toBe(false);
      }
    }
    await Promise.all(ids.flatMap((id) => [1, 2].map(() => tagStoredDocument({ tracker: 'talks', documentId: id }, deps()))));
    expect(await countsAndRecount(ids)).toEqual(once);
  });

  it('counts exactly when documents sharing cells are tagged for the first time in parallel', async () => {
    const ids = await ingest(
      Array.from({ length: 6 }, (_, i) => ({ text: `p${i} [UA mixed nato] [RU oppose sanctions]`, publishedAt: `2025-08-0${i + 1}` })),
    );
    await Promise.all(ids.map((id) => tagStoredDocument({ tracker: 'talks', documentId: id }, deps())));
    const { counts, recount } = await countsAndRecount(ids);
    expect(counts['UA/nato']).toEqual([0, 0, 6]);
    expect(recount['UA/nato']).toEqual([0, 0, 6]);
    expect(counts['RU/sanctions']).toEqual([0, 6, 0]);
  });

  it('keeps the latest stance right when a re-tag removes the latest record', async () => {
    const { store: own, drop: dropOwn } = await storeWithTracker();
    try {
      const days = Array.from({ length: CELL_RECENT + 3 }, (_, i) => `2025-07-${String(i + 10).padStart(2, '0')}`);
      const results = await ingestDocuments(
        days.map((day, i) => ({ url: `https://news.example/${i}`, publishedAt: day, text: `${day} [RU ${i % 2 ? 'support' : 'oppose'} sanctions]` })),
        { store: own, queue: new MemoryQueue(), defaultTracker: 'talks' },
      );
      for (const r of results) await tagStoredDocument({ tracker: 'talks', documentId: r.id }, { store: own, tagger: markerTagger });
      const latest = async () => (await own.getMatrix('talks')).cells.find((c) => c.actor === 'RU' && c.term === 'sanctions');
      expect(await latest()).toMatchObject({ total: days.length, latest: { publishedAt: `${days.at(-1)}T00:00:00.000Z` } });

      // New texts with no stance, newest first, past the cell's memory of recent records.
      for (let i = days.length - 1; i >= 1; i--) {
        await ingestDocuments([{ url: `https://news.example/${i}`, publishedAt: days[i], text: `${days[i]} no stance` }], {
          store: own, queue: new MemoryQueue(), defaultTracker: 'talks',
        });
        await tagStoredDocument({ tracker: 'talks', documentId: results[i]!.id }, { store: own, tagger: markerTagger });
        const cell = await latest();
        expect(cell).toMatchObject({ total: i, latest: { publishedAt: `${days[i - 1]}T00:00:00.000Z`, document: results[i - 1]!.id } });
      }
    } finally {
      await dropOwn();
    }
  });

  it('re-tags stale documents in bounded runs that resume from a cursor', async () => {
    const { store: own, drop: dropOwn } = await storeWithTracker();
    try {
      const results = await ingestDocuments(
        Array.from({ length: 7 }, (_, i) => ({ text: `s${i} [UA support ceasefire]` })),
        { store: own, queue: new MemoryQueue(), defaultTracker: 'talks' },
      );
      const seen = new Set<string>();
      let cursor: string | undefined;
      let runs = 0;
      do {
        const run = await retagStale({ tracker: 'talks', limit: 3, cursor }, { store: own, tagger: markerTagger });
        expect(run.failed).toEqual([]);
        expect(run.tagged.length).toBeLessThanOrEqual(3);
        run.tagged.forEach((t) => seen.add(t.documentId));
        cursor = run.cursor;
        runs++;
      } while (cursor && runs < 10);
      expect(seen).toEqual(new Set(results.map((r) => r.id)));
      expect((await retagStale({ tracker: 'talks', limit: 10 }, { store: own, tagger: markerTagger })).tagged).toEqual([]);

      // A new tagger version makes every document stale again; counts do not change.
      const before = (await own.getMatrix('talks')).cells;
      const next = await retagStale({ tracker: 'talks', limit: 50 }, { store: own, tagger: { ...markerTagger, version: 'test-2' } });
      expect(next.tagged).toHaveLength(7);
      expect(next.tagged.every((t) => t.put === 0 && t.deleted === 0)).toBe(true);
      expect((await own.getMatrix('talks')).cells).toEqual(before);
    } finally {
      await dropOwn();
    }
  });
});

describe('a re-tag cursor kept across a version change', () => {
  it('starts the sweep over instead of resuming one made for other versions', async () => {
    const { store: own, drop: dropOwn } = await storeWithTracker();
    try {
      await ingestDocuments(Array.from({ length: 4 }, (_, i) => ({ text: `k${i} [RU support nato]` })), {
        store: own, queue: new MemoryQueue(), defaultTracker: 'talks',
      });
      const version = (v: string) => ({ store: own, tagger: { ...markerTagger, version: v } });
      expect((await retagStale({ tracker: 'talks', limit: 10 }, version('test-5'))).tagged).toHaveLength(4);
      const first = await retagStale({ tracker: 'talks', limit: 2 }, version('test-6'));
      expect(first.cursor).toMatch(/^[0-9a-f]{12}\./);
      // Rolled back to an older tagger: the cursor was made for test-6's sweep, so test-4's starts over.
      const next = await retagStale({ tracker: 'talks', limit: 10, cursor: first.cursor }, version('test-4'));
      expect(next.failed).toEqual([]);
      expect(next.tagged).toHaveLength(4);
    } finally {
      await dropOwn();
    }
  });
});

describe('a changed tracker', () => {
  it('makes every document stale, and the matrix shows only its actors and terms', async () => {
    const { store: own, drop: dropOwn } = await storeWithTracker();
    try {
      const results = await ingestDocuments([{ text: 'q [US support nato] [RU oppose nato]' }], { store: own, queue: new MemoryQueue(), defaultTracker: 'talks' });
      await retagStale({ tracker: 'talks', limit: 10 }, { store: own, tagger: markerTagger });
      expect((await own.getMatrix('talks')).cells.map((c) => c.actor).sort()).toEqual(['RU', 'US']);

      const tracker = (await own.requireTracker('talks')).tracker;
      const withoutUs = { ...tracker, actors: tracker.actors.filter((a) => a.id !== 'US') };
      const version = await own.putTracker(withoutUs);
      expect((await own.getMatrix('talks')).cells.map((c) => c.actor)).toEqual(['RU']);
      const run = await retagStale({ tracker: 'talks', limit: 10 }, { store: own, tagger: markerTagger });
      expect(run.tagged.map((t) => t.documentId)).toEqual([results[0]!.id]);
      const doc = await own.getDocument(results[0]!.id);
      expect(doc!.records.map((r) => r.actor)).toEqual(['RU']);
      expect(doc!.document.taggedWith?.trackerVersion).toBe(version);
    } finally {
      await dropOwn();
    }
  });
});

describe('the real tagger on the seed articles', () => {
  it('leaves the matrix identical after tagging all seeds three times', async () => {
    const tracker = await loadTrackerFile('seeds/tracker.json');
    const { store: own, drop: dropOwn } = await storeWithTracker(tracker);
    try {
      const files = (await readdir('seeds')).filter((f) => f.endsWith('.txt')).sort();
      const documents = await Promise.all(files.map(async (f) => ({ title: f, text: await readFile(join('seeds', f), 'utf8') })));
      const results = await ingestDocuments(documents, { store: own, queue: new MemoryQueue(), defaultTracker: tracker.id });
      const ids = results.map((r) => r.id);
      const snapshot = async () => (await own.getMatrix(tracker.id)).cells;
      for (const id of ids) await tagStoredDocument({ tracker: tracker.id, documentId: id }, { store: own });
      const once = await snapshot();
      for (let round = 0; round < 2; round++) {
        for (const id of ids) await tagStoredDocument({ tracker: tracker.id, documentId: id }, { store: own });
      }
      await Promise.all(ids.map((id) => tagStoredDocument({ tracker: tracker.id, documentId: id }, { store: own })));
      expect(await snapshot()).toEqual(once);
      const doc = await own.getDocument(ids[0]!);
      expect(doc?.document.taggedWith?.taggerVersion).toBe(RULES_TAGGER_VERSION);
      const recordTotal = (await Promise.all(ids.map((id) => own.getDocument(id)))).reduce((n, d) => n + d!.records.length, 0);
      expect(once.reduce((n, c) => n + c.total, 0)).toBe(recordTotal);
    } finally {
      await dropOwn();
    }
  });
});
