// The analyst's reads and exports through the query handler on DynamoDB Local: what they
// answer, read back, and how many DynamoDB requests each page costs.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlignmentResponseSchema, ChangesResponseSchema, DocumentResponseSchema, DocumentsResponseSchema } from '../src/api/schemas.js';
import { CSV_COLUMNS, parseCsv } from '../src/core/exports.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoBrowse } from '../src/store/browse.js';
import type { DynamoStore } from '../src/store/store.js';
import { countingDynamoDbClient } from './support/dynamodb.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

const { client, sent } = countingDynamoDbClient();

let store: DynamoStore;
let drop: () => Promise<void>;
let query: (e: ReturnType<typeof apiEvent>) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
const ids: string[] = [];

// Day d: RU opposes the ceasefire until day 20, then supports it; UA always supports it; US is mixed on sanctions.
const text = (d: number) =>
  `doc ${d}, "quoted", with a comma [RU ${d < 20 ? 'oppose' : 'support'} ceasefire] [UA support ceasefire] [US mixed sanctions]${d % 2 ? ' [UA oppose sanctions]' : ''}`;

beforeAll(async () => {
  let tableName: string;
  ({ store, drop, tableName } = await storeWithTracker(undefined, client));
  const h = await loadHandlers();
  const handler = h.query.createHandler(() => ({ store, defaultTracker: 'talks', browse: new DynamoBrowse(documentClient(client), tableName) }));
  query = (e) => handler(e, lambdaContext) as never;
  const days = Array.from({ length: 24 }, (_, i) => i + 1);
  const results = await ingestDocuments(
    days.map((d) => ({ publishedAt: `2025-06-${String(d).padStart(2, '0')}T12:00:00Z`, title: `Day ${d}`, url: `https://example.org/day/${d}`, text: text(d) })),
    { store, queue: new MemoryQueue(), defaultTracker: 'talks' },
  );
  for (const r of results) await tagStoredDocument({ tracker: 'talks', documentId: r.id }, { store, tagger: markerTagger });
  ids.push(...results.map((r) => r.id));
  // The matrix and the cells' latest records come from the table's stream: caught up before requests are counted.
  await store.settled();
});
afterAll(async () => drop());

async function get(path: string, q: Record<string, string> = {}) {
  sent.length = 0;
  const response = await query(apiEvent('GET', path, Object.keys(q).length ? { query: q } : {}));
  return { status: response.statusCode, headers: response.headers ?? {}, body: response.body, commands: [...sent] };
}

async function allRecords() {
  const records = [];
  for (const id of ids) records.push(...DocumentResponseSchema.parse(parseBody(await get(`/documents/${id}`))).records);
  return records;
}

describe('the dashboard', () => {
  it('serves its page and script without a DynamoDB request, the page allowing nothing from another origin', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.commands).toEqual([]);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const script = await get('/dashboard.js');
    expect(script.status).toBe(200);
    expect(script.commands).toEqual([]);
    expect(script.body.length).toBeGreaterThan(1000);
  });
});

describe('GET /documents', () => {
  it('lists documents newest first in a window, one Query and one BatchGetItem of their tag state per page, without their texts', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get('/documents', { from: '2025-06-05', to: '2025-06-20', limit: '4', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      const body = DocumentsResponseSchema.parse(JSON.parse(page.body));
      expect(page.commands).toEqual(body.items.length ? ['QueryCommand', 'BatchGetItemCommand'] : ['QueryCommand']);
      expect(JSON.parse(page.body).items.every((d: object) => !('text' in d))).toBe(true);
      seen.push(...body.items.map((d) => d.title!));
      cursor = body.cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 16 }, (_, i) => `Day ${20 - i}`));
    const first = DocumentsResponseSchema.parse(JSON.parse((await get('/documents', { limit: '1' })).body)).items[0]!;
    expect(first).toMatchObject({ title: 'Day 24', recordCount: 3, url: 'https://example.org/day/24' });
  });

  it('refuses a window that ends before it starts, and a cursor from another window', async () => {
    expect((await get('/documents', { from: '2025-06-10', to: '2025-06-01' })).status).toBe(400);
    const page = DocumentsResponseSchema.parse(JSON.parse((await get('/documents', { limit: '2' })).body));
    const other = await get('/documents', { from: '2025-06-01', to: '2025-06-03', cursor: page.cursor! });
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body).where).toBe('query.cursor');
  });
});

describe('GET /alignment and GET /changes', () => {
  it('pairs the actors over the window: one Query for the matrix, then one per term that has records', async () => {
    const late = await get('/alignment', { from: '2025-06-20' });
    expect(late.commands).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
    const body = AlignmentResponseSchema.parse(JSON.parse(late.body));
    expect(body.records).toBe(5 * 3 + 2);
    expect(body.pairs.find((p) => p.a === 'RU' && p.b === 'UA')).toMatchObject({ sharedTerms: 1, agreeingTerms: 1, agreement: 1 });
    const early = AlignmentResponseSchema.parse(JSON.parse((await get('/alignment', { to: '2025-06-10' })).body));
    expect(early.pairs.find((p) => p.a === 'RU' && p.b === 'UA')).toMatchObject({ sharedTerms: 1, agreeingTerms: 0, conflict: 1, agreement: 0 });
    expect(early.pairs.find((p) => p.a === 'UA' && p.b === 'US')).toMatchObject({ sharedTerms: 1, agreeingTerms: 0 });
  });

  it('over all time: one Query of the cells\' latest records and one timeline Query per cell; RU\'s two newest records agree', async () => {
    const all = await get('/changes');
    // 4 cells: RU and UA on the ceasefire, US and UA on sanctions.
    expect(all.commands).toEqual(Array.from({ length: 1 + 4 }, () => 'QueryCommand'));
    const changes = ChangesResponseSchema.parse(JSON.parse(all.body)).items;
    // RU's five newest are all support, and nobody else ever changed.
    expect(changes).toEqual([]);
  });

  it('counts what a window costs when each cell\'s newest record is after it: two timeline Queries per cell', async () => {
    const page = await get('/changes', { to: '2025-06-20T12:00:00Z' });
    const changes = ChangesResponseSchema.parse(JSON.parse(page.body)).items;
    expect(changes).toEqual([
      {
        actor: 'RU',
        term: 'ceasefire',
        latest: { at: '2025-06-20T12:00:00.000Z', document: ids[19], stance: 'support' },
        previous: { at: '2025-06-19T12:00:00.000Z', document: ids[18], stance: 'oppose' },
      },
    ]);
    // 1 Query of the cells' latest records; all 4 cells have a record after the window.
    expect(page.commands.length).toBe(1 + 2 * 4);
    expect(page.commands.every((c) => c === 'QueryCommand')).toBe(true);
    const paged = await get('/changes', { limit: '2' });
    expect(paged.commands).toEqual(Array.from({ length: 1 + 2 }, () => 'QueryCommand'));
    expect(JSON.parse(paged.body).cursor).toBeDefined();
  });
});

describe('the exports read back', () => {
  it('GET /export/records.csv: the rows of every page equal the records; a page makes at most one GetItem (the tracker, cached by the store) and one Query per term it touches', async () => {
    const rows: string[][] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await get('/export/records.csv', { limit: '20', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/csv/);
      const queries = page.commands[0] === 'GetItemCommand' ? page.commands.slice(1) : page.commands;
      expect(queries.every((c) => c === 'QueryCommand')).toBe(true);
      expect(page.commands.length).toBeLessThanOrEqual(1 + 3);
      const parsed = parseCsv(page.body);
      expect(parsed[0]).toEqual([...CSV_COLUMNS]);
      rows.push(...parsed.slice(1));
      cursor = page.headers['x-next-cursor'];
      if (cursor) expect(page.headers.link).toContain('rel="next"');
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
    const records = await allRecords();
    const col = (name: string) => CSV_COLUMNS.indexOf(name as never);
    const fromCsv = rows.map((r) => ({
      actor: r[col('actor')],
      term: r[col('concept')],
      agreement: Number(r[col('agreement')]),
      date: r[col('date')],
      text: r[col('text')],
      stance: r[col('stance')],
      confidence: Number(r[col('confidence')]),
      document: r[col('document')],
      url: r[col('url')],
      title: r[col('title')],
    }));
    const expected = records.map((r) => ({
      actor: r.actor,
      term: r.term,
      agreement: { support: 1, oppose: -1, mixed: 0 }[r.stance],
      date: r.publishedAt,
      text: r.evidence[0]!.sentence,
      stance: r.stance,
      confidence: r.confidence,
      document: r.document,
      url: r.url,
      title: r.title,
    }));
    const key = (x: { document: string | undefined; actor: string | undefined; term: string | undefined }) => `${x.document} ${x.actor} ${x.term}`;
    const sort = <T extends { document: string | undefined; actor: string | undefined; term: string | undefined }>(xs: T[]) => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sort(fromCsv)).toEqual(sort(expected));
    expect(rows).toHaveLength(24 * 3 + 12);
  });

  it('GET /export/network.graphml: both networks parse as XML with the expected nodes and edges', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'edge', 'data', 'key'].includes(name) });
    const twoMode = await get('/export/network.graphml', { to: '2025-06-10' });
    expect(twoMode.headers['content-type']).toMatch(/^application\/graphml\+xml/);
    expect(twoMode.commands).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
    expect(XMLValidator.validate(twoMode.body)).toBe(true);
    const g = parser.parse(twoMode.body).graphml.graph;
    expect(g.node.map((n: { id: string }) => n.id)).toEqual(['actor:RU', 'actor:UA', 'actor:US', 'term:ceasefire', 'term:sanctions']);
    const edges = Object.fromEntries(
      g.edge.map((e: { source: string; target: string; data: Array<{ key: string; '#text': unknown }> }) => [`${e.source} ${e.target}`, Object.fromEntries(e.data.map((d) => [d.key, d['#text']]))]),
    );
    expect(Object.keys(edges).sort()).toEqual(['actor:RU term:ceasefire', 'actor:UA term:ceasefire', 'actor:UA term:sanctions', 'actor:US term:sanctions']);
    expect(edges['actor:RU term:ceasefire']).toMatchObject({ agreement: -1, weight: 10, oppose: 10 });
    expect(edges['actor:UA term:sanctions']).toMatchObject({ agreement: -1, weight: 5 });

    const congruence = await get('/export/network.graphml', { network: 'congruence', from: '2025-06-20' });
    expect(XMLValidator.validate(congruence.body)).toBe(true);
    const c = parser.parse(congruence.body).graphml.graph;
    expect(c.node.map((n: { id: string }) => n.id)).toEqual(['RU', 'UA', 'US']);
    expect(c.edge.map((e: { source: string; target: string }) => `${e.source}-${e.target}`)).toEqual(['RU-UA']);
    expect((await get('/export/network.graphml', { network: 'gephi' })).status).toBe(400);
  });
});
