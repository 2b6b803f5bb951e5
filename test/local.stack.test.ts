// The local stack end to end with the real handlers: HTTP adapter -> ingest handler ->
// DynamoDB Local + SQS shim -> tag handler -> query handler, over the shared test server.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResponseSchema, IngestResponseSchema, MatrixResponseSchema, StancesResponseSchema, TrackerResponseSchema } from '../src/api/schemas.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoStore } from '../src/store/store.js';
import { localDynamoDbClient, localEndpoint } from './support/dynamodb.js';

const trackerFile = fileURLToPath(new URL('../seeds/tracker.json', import.meta.url));
const article = [
  'Kremlin rejects ceasefire as talks stall',
  'Russia rejected an immediate ceasefire on Monday, the Kremlin said. Ukraine supports a ceasefire along the current front line.',
  'The United States backs the peace plan, Washington said, while Russia opposes sanctions relief being delayed.',
].join('\n');

let stack: LocalStack;
const log: string[] = [];
beforeAll(async () => {
  stack = await startLocalStack({ port: 0, trackerFile, dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}`, log: (l) => log.push(l) });
});
afterAll(() => stack?.stop());

async function getJson(path: string) {
  const res = await fetch(`${stack.apiUrl}${path}`);
  return { status: res.status, body: (await res.json()) as unknown };
}

async function postDocuments(payload: unknown, contentType = 'application/json') {
  const res = await fetch(`${stack.apiUrl}/documents`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(payload) });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('the local stack with the real handlers', () => {
  it('takes a POSTed document, tags it through the queue and serves it from the matrix, the stances and the document', async () => {
    const posted = await postDocuments({ title: 'Kremlin rejects ceasefire', text: article, publishedAt: '2025-11-21T08:00:00Z' });
    expect(posted.status).toBe(202);
    const ingest = IngestResponseSchema.parse(posted.body);
    expect(ingest.documents).toEqual([expect.objectContaining({ status: 'created', duplicate: false, queued: true })]);
    const id = ingest.ids[0]!;

    await stack.drained();
    expect(stack.queue.stats()).toMatchObject({ deleted: 1, deadLettered: 0, pending: 0 });

    const doc = await getJson(`/documents/${id}`);
    expect(doc.status).toBe(200);
    const document = DocumentResponseSchema.parse(doc.body);
    expect(document).toMatchObject({ id, title: 'Kremlin rejects ceasefire', tracker: stack.tracker.id, publishedAt: '2025-11-21T08:00:00.000Z', text: article });
    expect(document.taggedWith).toBeDefined();

    const matrix = MatrixResponseSchema.parse((await getJson('/matrix')).body);
    expect(matrix.tracker.id).toBe(stack.tracker.id);
    expect(matrix.actors).toHaveLength(stack.tracker.actors.length);
    // Whatever the tagger finds, the matrix counts exactly the document's records.
    expect(matrix.cells.reduce((sum, c) => sum + c.total, 0)).toBe(document.records.length);

    for (const record of document.records) {
      const page = await getJson(`/stances?actor=${record.actor}&term=${record.term}`);
      expect(page.status).toBe(200);
      expect(StancesResponseSchema.parse(page.body).items).toEqual([expect.objectContaining({ document: id, actor: record.actor, term: record.term, stance: record.stance })]);
    }
    const none = await getJson('/stances?actor=QA&term=elections');
    expect(StancesResponseSchema.parse(none.body).items.filter((i) => i.document === id)).toEqual(document.records.filter((r) => r.actor === 'QA' && r.term === 'elections'));
  });

  it('stores a document sent twice once and does not queue it again', async () => {
    const text = `A second article, sent twice. ${randomUUID()}`;
    const first = IngestResponseSchema.parse((await postDocuments({ text })).body);
    const again = IngestResponseSchema.parse((await postDocuments({ documents: [{ text }] })).body);
    expect(again.documents[0]).toMatchObject({ id: first.ids[0], duplicate: true, status: 'duplicate' });
    expect(again.duplicates).toEqual(first.ids);
    await stack.drained();
  });

  it('tags a stored document whose queue message never came (lost when the stack stopped) with retagStale', async () => {
    const store = new DynamoStore(documentClient(localDynamoDbClient()), stack.tableName);
    const stored = await store.ingestDocument(
      { tracker: stack.tracker.id, text: `Zelensky backed a ceasefire along the front line. ${randomUUID()}`, publishedAt: '2025-11-20T00:00:00.000Z' },
      new Date().toISOString(),
    );
    expect(DocumentResponseSchema.parse((await getJson(`/documents/${stored.id}`)).body).taggedWith).toBeUndefined();

    expect(await stack.retagStale()).toEqual({ tagged: 1, failed: [] });
    expect(DocumentResponseSchema.parse((await getJson(`/documents/${stored.id}`)).body).taggedWith).toBeDefined();
    expect(await stack.retagStale()).toEqual({ tagged: 0, failed: [] });
  });

  it('serves the tracker and the OpenAPI document', async () => {
    const tracker = await getJson(`/trackers/${stack.tracker.id}`);
    expect(TrackerResponseSchema.parse(tracker.body).tracker.terms.map((t) => t.id)).toEqual(stack.tracker.terms.map((t) => t.id));
    const openapi = await getJson('/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys((openapi.body as { paths: object }).paths)).toEqual(expect.arrayContaining(['/documents', '/matrix', '/stances']));
  });

  it('answers bad requests with the handlers\' 4xx and never a 500', async () => {
    expect((await postDocuments({ title: 'no text' })).status).toBe(400);
    expect((await postDocuments({ text: 'x' }, 'text/plain')).status).toBe(415);
    expect((await getJson('/documents/does-not-exist')).status).toBe(404);
    expect((await getJson('/stances?limit=5')).status).toBe(400);
    expect((await getJson('/nowhere')).status).toBe(404);
    expect((await fetch(`${stack.apiUrl}/matrix`, { method: 'POST' })).status).toBe(405);
    expect(log.filter((l) => /handler failed|dead-letter|threw/.test(l))).toEqual([]);
  });

  it('logs a client that hangs up mid-request as one client-abort line, without a stack trace', async () => {
    const before = log.length;
    const socket = connect(Number(new URL(stack.apiUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /documents HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{"text":');
    await sleep(50);
    socket.destroy();
    for (let i = 0; i < 100 && log.length === before; i++) await sleep(10);
    expect(log.slice(before)).toEqual(['POST /documents: client abort (the client closed the connection before the answer)']);
  });
});
