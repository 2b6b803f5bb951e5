import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStore } from '../src/store/store.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
const queue = new MemoryQueue();
let h: Awaited<ReturnType<typeof loadHandlers>>;
let ingest: ReturnType<typeof h.ingest.createHandler>;
let query: ReturnType<typeof h.query.createHandler>;
let tag: ReturnType<typeof h.tag.createHandler>;

beforeAll(async () => {
  ({ store, drop } = await storeWithTracker());
  h = await loadHandlers();
  ingest = h.ingest.createHandler(() => ({ store, queue, defaultTracker: 'talks' }));
  query = h.query.createHandler(() => ({ store, defaultTracker: 'talks' }));
  tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
});
afterAll(async () => drop());

const post = (body: unknown) => ingest(apiEvent('POST', '/documents', { body, routeKey: 'POST /documents' }), lambdaContext);
const get = (path: string, q?: Record<string, string>) => query(apiEvent('GET', path, q ? { query: q } : {}), lambdaContext);
const tagQueued = async () => tag(queue.drain(), lambdaContext);
const cell = (matrix: any, actor: string, term: string) => matrix.cells.find((c: any) => c.actor === actor && c.term === term);

describe('the whole flow through the handlers', () => {
  it('stores a posted document, tags it from the queue and serves matrix, timeline and document', async () => {
    const posted = await post({
      url: 'https://news.example/a',
      title: 'Talks in Geneva',
      publishedAt: '2025-11-20T10:00:00Z',
      text: 'Moscow said [RU oppose ceasefire]. Kyiv said [UA support ceasefire] and [UA oppose sanctions].',
    });
    expect(posted.statusCode).toBe(202);
    const body = parseBody(posted);
    expect(body.duplicates).toEqual([]);
    expect(body.notQueued).toEqual([]);
    const [id] = body.ids;
    expect(queue.sent).toEqual([{ tracker: 'talks', documentId: id }]);

    const tagged = await tagQueued();
    expect(tagged.batchItemFailures).toEqual([]);

    const matrix = parseBody(await get('/matrix'));
    expect(matrix.tracker.id).toBe('talks');
    expect(cell(matrix, 'RU', 'ceasefire')).toMatchObject({ oppose: 1, support: 0, mixed: 0, total: 1, latest: { stance: 'oppose', document: id } });
    expect(cell(matrix, 'UA', 'sanctions')).toMatchObject({ oppose: 1, total: 1 });

    const timeline = parseBody(await get('/stances', { actor: 'UA', term: 'ceasefire' }));
    expect(timeline.items).toHaveLength(1);
    expect(timeline.items[0]).toMatchObject({ document: id, stance: 'support', title: 'Talks in Geneva', publishedAt: '2025-11-20T10:00:00.000Z' });

    const doc = parseBody(await get(`/documents/${id}`));
    expect(doc).toMatchObject({ id, url: 'https://news.example/a', textVersion: 1, taggedWith: { taggerVersion: 'test-1' } });
    expect(doc.records).toHaveLength(3);
    const evidence = doc.records[0].evidence[0];
    expect(doc.text.slice(evidence.start, evidence.end)).toBe(evidence.sentence);

    const tracker = parseBody(await get('/trackers/talks'));
    expect(tracker.tracker.actors).toHaveLength(3);
  });

  it('stores a document once under the same URL or the same text under another URL', async () => {
    const text = 'Washington said [US support sanctions].';
    const first = parseBody(await post({ url: 'https://news.example/b', text }));
    const sameUrl = parseBody(await post({ url: 'https://news.example/b', text }));
    const otherUrl = parseBody(await post({ url: 'https://mirror.example/b', text: `  ${text}\n` }));
    expect(sameUrl).toMatchObject({ ids: first.ids, duplicates: first.ids });
    expect(otherUrl).toMatchObject({ ids: first.ids, duplicates: first.ids });
    // Not tagged yet, so each duplicate queues the stored copy again; tagging is idempotent.
    expect(new Set(queue.sent.map((m) => m.documentId))).toEqual(new Set(first.ids));
    await tagQueued();
    expect(parseBody(await post({ url: 'https://news.example/b', text })).documents[0]).toMatchObject({ duplicate: true, queued: false });
    expect(queue.sent).toEqual([]);
    expect(cell(parseBody(await get('/matrix')), 'US', 'sanctions')).toMatchObject({ support: 1, total: 1 });
  });

  it('treats a changed text under a known URL as a new version and corrects the matrix', async () => {
    const url = 'https://news.example/c';
    const v1 = parseBody(await post({ url, publishedAt: '2025-11-21', text: 'Moscow: [RU support nato].' }));
    await tagQueued();
    expect(cell(parseBody(await get('/matrix')), 'RU', 'nato')).toMatchObject({ support: 1, total: 1 });

    const v2 = parseBody(await post({ url, publishedAt: '2025-11-21', text: 'Correction. Moscow: [RU mixed nato].' }));
    expect(v2.ids).toEqual(v1.ids);
    expect(v2.documents[0]).toMatchObject({ status: 'updated', duplicate: false, textVersion: 2, queued: true });
    await tagQueued();
    const after = cell(parseBody(await get('/matrix')), 'RU', 'nato');
    expect(after).toMatchObject({ support: 0, mixed: 1, total: 1, latest: { stance: 'mixed' } });
    expect(parseBody(await get(`/documents/${v1.ids[0]}`))).toMatchObject({ textVersion: 2, text: 'Correction. Moscow: [RU mixed nato].' });
  });

  it('leaves the matrix identical when the tag handler gets the same messages three more times and twice in parallel', async () => {
    const posted = parseBody(await post({ documents: [
      { text: 'r1 [RU support sanctions] [UA oppose sanctions]', publishedAt: '2025-11-01' },
      { text: 'r2 [RU support sanctions] [US mixed ceasefire]', publishedAt: '2025-11-02' },
    ] }));
    const event = queue.drain();
    expect(event.Records).toHaveLength(2);
    await tag(event, lambdaContext);
    const once = parseBody(await get('/matrix')).cells;
    for (let i = 0; i < 3; i++) expect((await tag(event, lambdaContext)).batchItemFailures).toEqual([]);
    const parallel = await Promise.all([tag(event, lambdaContext), tag(event, lambdaContext)]);
    expect(parallel.flatMap((r) => r.batchItemFailures)).toEqual([]);
    expect(parseBody(await get('/matrix')).cells).toEqual(once);
    expect(cell({ cells: once }, 'RU', 'sanctions')).toMatchObject({ support: 2, latest: { document: posted.ids[1] } });
  });

  it('ingests a batch and pages through a term across actors in a time window, newest first', async () => {
    const documents = ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04'].map((day, i) => ({
      publishedAt: day,
      text: `Day ${i}: [RU mixed ceasefire] [US support ceasefire]`,
    }));
    const posted = parseBody(await post({ documents }));
    expect(posted.ids).toHaveLength(4);
    await tagQueued();

    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = parseBody(await get('/stances', { term: 'ceasefire', from: '2025-10-02', to: '2025-10-03', limit: '3', ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    expect(seen.map((r) => `${r.publishedAt.slice(0, 10)} ${r.actor}`)).toEqual(['2025-10-03 US', '2025-10-03 RU', '2025-10-02 US', '2025-10-02 RU']);

    const byActor = parseBody(await get('/stances', { actor: 'US', from: '2025-10-01', to: '2025-10-01' }));
    expect(byActor.items.map((r: any) => r.term)).toEqual(['ceasefire']);
  });
});
