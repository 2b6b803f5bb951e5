import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStore } from '../src/store/store.js';
import { COMPRESS_ABOVE_BYTES } from '../src/store/store.js';
import { apiEvent, lambdaContext, loadHandlers, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
const queue = new MemoryQueue();
let ingest: (e: ReturnType<typeof apiEvent>) => Promise<{ statusCode: number; body: string; headers?: Record<string, unknown> }>;
let query: typeof ingest;

beforeAll(async () => {
  ({ store, drop } = await storeWithTracker());
  const h = await loadHandlers();
  const i = h.ingest.createHandler(() => ({ store, queue, defaultTracker: 'talks' }));
  const q = h.query.createHandler(() => ({ store, defaultTracker: 'talks' }));
  ingest = (e) => i(e, lambdaContext) as never;
  query = (e) => q(e, lambdaContext) as never;
});
afterAll(async () => drop());

const post = (options: Parameters<typeof apiEvent>[2]) => ingest(apiEvent('POST', '/documents', { routeKey: 'POST /documents', ...options }));

describe('bad requests get a clear 4xx naming the field and the reason', () => {
  it('400 names the field of an invalid document in a batch, and nothing of the batch is stored', async () => {
    const response = await post({ body: { documents: [{ text: 'fine [RU support nato]' }, { text: 'x', url: 'ftp://nope' }] } });
    expect(response.statusCode).toBe(400);
    expect(parseBody(response)).toMatchObject({ error: 'invalid', where: 'documents[1].url', message: expect.stringMatching(/http or https/) });
    expect(queue.sent).toEqual([]);
    expect((await store.findStaleDocuments('talks', { taggerVersion: 'x', trackerVersion: 'y' }, { limit: 10 })).items).toEqual([]);
  });

  it('400 for a missing text, an unknown field, a bad date and JSON that does not parse', async () => {
    expect(parseBody(await post({ body: { title: 'no text' } }))).toMatchObject({ where: 'documents[0].text' });
    expect(parseBody(await post({ body: { text: 'a', colour: 'red' } }))).toMatchObject({ where: 'documents[0]' , message: expect.stringMatching(/colour/) });
    expect(parseBody(await post({ body: { text: 'a', publishedAt: 'yesterday' } }))).toMatchObject({ where: 'documents[0].publishedAt' });
    expect(parseBody(await post({ body: { text: 'a', publishedAt: '2025-02-30' } }))).toMatchObject({ where: 'documents[0].publishedAt' });
    expect(parseBody(await post({ body: { text: 'a', publishedAt: '9999-12-31T23:59:59-12:00' } }))).toMatchObject({ where: 'documents[0].publishedAt' });
    const broken = await post({ rawBody: '{"text": ' });
    expect(broken.statusCode).toBe(400);
    expect(parseBody(broken)).toMatchObject({ where: 'body', message: expect.stringMatching(/not valid JSON/) });
    expect(parseBody(await post({ body: [1, 2] }))).toMatchObject({ where: 'body' });
  });

  // Each refused with 400, the field and the reason; nothing of it is stored.
  it.each([
    ['a NUL in the text', { text: 'Russia\u0000 rejected the plan' }, 'documents[0].text', /control character/],
    ['an escape character in the text', { text: 'Russia \u001b[31mrejected' }, 'documents[0].text', /control character/],
    ['a C1 control in the text', { text: 'Russia\u0085rejected the plan' }, 'documents[0].text', /control character/],
    ['DEL in the title', { text: 'Russia rejected the plan', title: 'Plan\u007f' }, 'documents[0].title', /control character/],
    ['a form feed in the source', { text: 'Russia rejected the plan', source: 'Wire\u000c' }, 'documents[0].source', /control character/],
    ['a lone high surrogate in the text', { text: 'Russia \ud83d rejected the plan' }, 'documents[0].text', /lone surrogate/],
    ['a lone low surrogate in the title', { text: 'Russia rejected the plan', title: 'Plan \udc00' }, 'documents[0].title', /lone surrogate/],
    ['a text with no letter', { text: '12 345 -- 67.89 !!!' }, 'documents[0].text', /no letter/],
    ['a text of punctuation and emoji only', { text: '\ud83d\ude00 ... \u2014 ?' }, 'documents[0].text', /no letter/],
  ])('400 for %s', async (_what, document, where, reason) => {
    const before = queue.sent.length;
    const response = await post({ rawBody: JSON.stringify({ documents: [document] }) });
    expect(response.statusCode).toBe(400);
    expect(parseBody(response)).toMatchObject({ error: 'invalid', where, message: expect.stringMatching(reason) });
    expect(queue.sent.length).toBe(before);
  });

  it('takes tabs, newlines and carriage returns in a text, and letters of any script', async () => {
    const response = await post({ body: { text: 'Россия\tотвергла план.\r\nКиев — нет.\n', title: '\u0623\u0648\u0643\u0631\u0627\u0646\u064a\u0627' } });
    expect(response.statusCode).toBe(202);
  });

  it('404 for a tracker that does not exist, and nothing is stored', async () => {
    const response = await post({ body: { text: 'a', tracker: 'nope' } });
    expect(response.statusCode).toBe(404);
    expect(parseBody(response).message).toMatch(/no tracker "nope"/);
  });

  it('413 for a body over 1 MB and for more than 25 documents', async () => {
    const big = await post({ body: { text: 'x'.repeat(1024 * 1024 + 1) } });
    expect(big.statusCode).toBe(413);
    const many = await post({ body: { documents: Array.from({ length: 26 }, (_, i) => ({ text: `t${i}` })) } });
    expect(many.statusCode).toBe(413);
    expect(parseBody(many).message).toMatch(/at most 25/);
  });

  it('413 for a text that does not fit in an item even compressed; a long text that does is stored compressed', async () => {
    // Random text barely compresses (base64 of random bytes: 6 bits of 8 per character).
    const noise = randomBytes(675_000).toString('base64');
    const refused = await post({ body: { text: noise } });
    expect(refused.statusCode).toBe(413);
    expect(parseBody(refused).message).toMatch(/documents\[0\]\.text: .*does not fit/);

    const long = 'The parties discussed a ceasefire again. '.repeat(Math.ceil((COMPRESS_ABOVE_BYTES * 3) / 40));
    const stored = await post({ body: { text: long } });
    expect(stored.statusCode).toBe(202);
    const doc = parseBody(await query(apiEvent('GET', `/documents/${parseBody(stored).ids[0]}`)));
    expect(doc.text).toBe(long);
  });

  it('415 for a body that is not declared JSON', async () => {
    const response = await post({ rawBody: 'text=hello', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(415);
    expect(parseBody(response).error).toBe('unsupported_media_type');
  });

  it('404 for an unknown route or id, 405 with Allow for a wrong method', async () => {
    expect((await query(apiEvent('GET', '/nowhere'))).statusCode).toBe(404);
    expect((await query(apiEvent('GET', '/documents/%E0%A4%A'))).statusCode).toBe(404);
    expect((await query(apiEvent('GET', '/documents/0123456789abcdef0123'))).statusCode).toBe(404);
    expect((await query(apiEvent('GET', '/trackers/nope'))).statusCode).toBe(404);
    expect((await query(apiEvent('GET', '/matrix', { query: { tracker: 'nope' } }))).statusCode).toBe(404);
    const wrong = await query(apiEvent('DELETE', '/matrix', { routeKey: 'ANY /matrix' }));
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers).toMatchObject({ allow: 'GET' });
  });

  it('400 for bad query parameters and for a forged or foreign cursor', async () => {
    const noFilter = await query(apiEvent('GET', '/stances'));
    expect(noFilter.statusCode).toBe(400);
    expect(parseBody(noFilter)).toMatchObject({ where: 'query.actor', message: 'query.actor: give actor, term or both' });
    expect(parseBody(await query(apiEvent('GET', '/stances', { query: { actor: 'RU', limit: '0' } })))).toMatchObject({ where: 'query.limit' });
    expect(parseBody(await query(apiEvent('GET', '/stances', { query: { actor: 'RU', from: 'soon' } })))).toMatchObject({ where: 'query.from' });
    expect(parseBody(await query(apiEvent('GET', '/matrix', { query: { trackers: 'x' } })))).toMatchObject({ error: 'invalid', where: 'query' });

    expect(parseBody(await query(apiEvent('GET', '/stances', { query: { actor: 'RU', from: '2025-02-01', to: '2025-01-01' } })))).toMatchObject({ where: 'query.from' });
    expect((await query(apiEvent('GET', '/stances', { query: { actor: 'RU', to: '2025-01-01' } }))).statusCode).toBe(200);
    const otherWindow = Buffer.from(JSON.stringify({ pk: 'DOC#x', sk: 'REC#RU#nato', gsi3pk: 'ACTOR#talks#RU', gsi3sk: '2024-01-01T00:00:00.000Z#nato#x' })).toString('base64url');
    const outside = await query(apiEvent('GET', '/stances', { query: { actor: 'RU', from: '2025-01-01', cursor: otherWindow } }));
    expect(parseBody(outside)).toMatchObject({ where: 'query.cursor', message: expect.stringMatching(/another time window/) });

    const forged = await query(apiEvent('GET', '/stances', { query: { actor: 'RU', cursor: 'not-a-cursor!' } }));
    expect(forged.statusCode).toBe(400);
    expect(parseBody(forged)).toMatchObject({ where: 'query.cursor' });
    const foreignKey = { pk: 'DOC#x', sk: 'META', gsi3pk: 'ACTOR#talks#UA', gsi3sk: '2025' };
    const foreign = Buffer.from(JSON.stringify(foreignKey)).toString('base64url');
    expect((await query(apiEvent('GET', '/stances', { query: { actor: 'RU', cursor: foreign } }))).statusCode).toBe(400);
    const wrongShape = Buffer.from(JSON.stringify({ pk: { S: 'x' } })).toString('base64url');
    expect((await query(apiEvent('GET', '/stances', { query: { actor: 'RU', cursor: wrongShape } }))).statusCode).toBe(400);
  });

  it('400 naming the known ids for an unknown actor or term, with the right case when only the case is wrong', async () => {
    const lower = await query(apiEvent('GET', '/stances', { query: { actor: 'ru' } }));
    expect(lower.statusCode).toBe(400);
    expect(parseBody(lower)).toMatchObject({ error: 'invalid', where: 'query.actor', message: 'query.actor: no actor "ru" in tracker talks; did you mean "RU"? The actors are RU, UA, US' });
    const term = await query(apiEvent('GET', '/stances', { query: { actor: 'RU', term: 'ceasfire' } }));
    expect(parseBody(term)).toMatchObject({ where: 'query.term', message: 'query.term: no term "ceasfire" in tracker talks; did you mean "ceasefire"? The terms are ceasefire, sanctions, nato' });
    const far = await query(apiEvent('GET', '/stances', { query: { term: 'elections' } }));
    expect(parseBody(far)).toMatchObject({ where: 'query.term', message: 'query.term: no term "elections" in tracker talks; the terms are ceasefire, sanctions, nato' });
    // A known actor with no records yet is an empty page, and an unknown tracker a 404.
    const known = await query(apiEvent('GET', '/stances', { query: { actor: 'US', term: 'nato', to: '1999-01-01' } }));
    expect(known.statusCode).toBe(200);
    expect(parseBody(known)).toEqual({ items: [] });
    expect((await query(apiEvent('GET', '/stances', { query: { actor: 'RU', tracker: 'nope' } }))).statusCode).toBe(404);
  });

  it('describes every route in an OpenAPI 3.1 document generated from the schemas', async () => {
    const doc = parseBody(await query(apiEvent('GET', '/openapi.json')));
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/', '/alignment', '/changes', '/dashboard.js', '/documents', '/documents/{id}', '/export/network.graphml', '/export/records.csv', '/matrix', '/openapi.json', '/stances', '/trackers/{id}'],
    );
    expect(doc.paths['/stances'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['tracker', 'actor', 'term', 'from', 'to', 'limit', 'cursor']);
    expect(doc.components.schemas.Matrix.properties.cells.type).toBe('array');
    expect(doc.paths['/documents'].post.responses['202']).toBeDefined();
    // The refusals of control characters, lone surrogates and letterless texts are in the published schema too.
    const text = JSON.stringify(doc.components.schemas.IngestRequest);
    expect(text).toContain('control characters');
    expect(text).toContain('\\\\p{L}');
  });
});
