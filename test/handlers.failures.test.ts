// Failures a real server will not produce on demand, made with aws-sdk-client-mock. Where
// a test needs a real table behind the failure, the mock fails one call and hands the
// others to the real DynamoDB Local client.
import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { retagStale } from '../src/pipeline/tag.js';
import { SqsTagQueue } from '../src/runtime/queue.js';
import { documentClient } from '../src/runtime/lambda.js';
import { storeWithCellStream } from '../src/local/streams.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, sqsEvent, storeWithTracker } from './support/pipeline.js';
import { localDynamoDbClient, localEndpoint } from './support/dynamodb.js';

let tableName: string;
let drop: () => Promise<void>;
let h: Awaited<ReturnType<typeof loadHandlers>>;
beforeAll(async () => {
  ({ tableName, drop } = await storeWithTracker());
  h = await loadHandlers();
});
afterAll(async () => drop());

/** A document client whose calls go to DynamoDB Local unless the test says otherwise. */
function passThroughClient() {
  const client: DynamoDBDocumentClient = documentClient(localDynamoDbClient());
  const real = documentClient(localDynamoDbClient());
  const mock = mockClient(client);
  mock.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
  mock.on(BatchGetCommand).callsFake((input) => real.send(new BatchGetCommand(input)));
  mock.on(PutCommand).callsFake((input) => real.send(new PutCommand(input)));
  mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
  mock.on(TransactWriteCommand).callsFake((input) => real.send(new TransactWriteCommand(input)));
  mock.on(BatchWriteCommand).callsFake((input) => real.send(new BatchWriteCommand(input)));
  mock.on(UpdateCommand).callsFake((input) => real.send(new UpdateCommand(input)));
  mock.on(DeleteCommand).callsFake((input) => real.send(new DeleteCommand(input)));
  // The matrix follows from the table's stream, read by an unmocked client.
  return { store: storeWithCellStream(client, tableName, { endpoint: localEndpoint() }).store, mock, real };
}
let restore: (() => void)[] = [];
afterEach(() => {
  restore.forEach((r) => r());
  restore = [];
});


describe('failures the server will not produce on demand', () => {
  it('answers 503 with Retry-After, not 500, when DynamoDB throttles a read', async () => {
    const { store, mock } = passThroughClient();
    restore.push(() => mock.restore());
    mock.on(QueryCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    const query = h.query.createHandler(() => ({ store, defaultTracker: 'talks' }));
    const response = await query(apiEvent('GET', '/matrix'), lambdaContext);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect(parseBody(response)).toMatchObject({ error: 'unavailable' });
  });

  it.each([
    ['a throttled write', () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} })],
    ['an InternalServerError', () => new InternalServerError({ message: 'Internal server error', $metadata: {} })],
  ])('answers 503 with Retry-After, not 500, to POST /documents on %s', async (_what, failure) => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    // The document's own write fails (its text guard and text went through).
    mock.on(PutCommand).callsFake(async (input) => {
      if (input.Item?.sk === 'META') throw failure();
      return real.send(new PutCommand(input));
    });
    const ingest = h.ingest.createHandler(() => ({ store, queue: new MemoryQueue(), defaultTracker: 'talks' }));
    const response = await ingest(apiEvent('POST', '/documents', { body: { text: `throttled ${_what} [RU support nato]` } }), lambdaContext);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': '1' });
    expect(parseBody(response)).toMatchObject({ error: 'unavailable' });
  });

  it('queues every document stored before a batch failed half-way, and a retry of the batch gets them all tagged', async () => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    const batch = ['h1 [RU support nato]', 'h2 [UA oppose nato]', 'h3 [US mixed nato]'].map((text) => ({ text }));
    // The second document's write is throttled, after its text guard: the retry finishes it from the guard.
    let writes = 0;
    mock.on(PutCommand).callsFake(async (input) => {
      if (input.Item?.sk === 'META' && ++writes === 2) throw new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
      return real.send(new PutCommand(input));
    });
    const queue = new MemoryQueue();
    const ingest = h.ingest.createHandler(() => ({ store, queue, defaultTracker: 'talks' }));
    const failed = await ingest(apiEvent('POST', '/documents', { body: { documents: batch } }), lambdaContext);
    expect(failed.statusCode).toBe(503);
    // The first document was stored: it is queued, not left for the next scheduled re-tag.
    expect(queue.sent).toHaveLength(1);
    const firstId = queue.sent[0]!.documentId;
    expect((await store.getDocument(firstId))?.document.text).toBe(batch[0]!.text);

    mock.on(PutCommand).callsFake((input) => real.send(new PutCommand(input)));
    const retried = parseBody(await ingest(apiEvent('POST', '/documents', { body: { documents: batch } }), lambdaContext));
    expect(retried.documents.map((d: { status: string }) => d.status)).toEqual(['duplicate', 'created', 'created']);
    expect(retried.documents.every((d: { queued: boolean }) => d.queued)).toBe(true);
    const tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
    expect((await tag(queue.drain(), lambdaContext)).batchItemFailures).toEqual([]);
    for (const id of retried.ids) expect((await store.getDocument(id))!.records).toHaveLength(1);
  });

  it('queues again an untagged document found as a duplicate by its text under another URL', async () => {
    const { store } = passThroughClient();
    const lost = { async send(messages: { tracker: string; documentId: string }[]) { return { failed: messages }; } };
    const [first] = await ingestDocuments([{ text: 'same words [RU oppose sanctions]', url: 'https://news.example/a' }], { store, queue: lost, defaultTracker: 'talks' });
    expect(first).toMatchObject({ status: 'created', queued: false });
    const queue = new MemoryQueue();
    const [again] = await ingestDocuments([{ text: 'same words [RU oppose sanctions]', url: 'https://mirror.example/a' }], { store, queue, defaultTracker: 'talks' });
    expect(again).toMatchObject({ status: 'duplicate', id: first!.id, queued: true });
    expect(queue.sent).toEqual([{ tracker: 'talks', documentId: first!.id }]);

    await retagStale({ tracker: 'talks', limit: 50 }, { store, tagger: markerTagger });
    const tagged = new MemoryQueue();
    const [third] = await ingestDocuments([{ text: 'same words [RU oppose sanctions]', url: 'https://third.example/a' }], { store, queue: tagged, defaultTracker: 'talks' });
    expect(third).toMatchObject({ status: 'duplicate', id: first!.id, queued: false });
    expect(tagged.sent).toEqual([]);
  });

  it('retries a tagging whose condition failed half-way and counts it once', async () => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    const [doc] = await ingestDocuments([{ text: 'x [RU support ceasefire] [UA oppose ceasefire]' }], { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    // The tagging's commit (one conditional update of the document) loses its condition once.
    let commits = 0;
    mock.on(UpdateCommand).callsFake(async (input) => {
      if (input.Key?.sk === 'META' && String(input.Key?.pk).startsWith('DOC#') && commits++ === 0) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      return real.send(new UpdateCommand(input));
    });
    const tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
    const result = await tag(sqsEvent([JSON.stringify({ tracker: 'talks', documentId: doc!.id })]), lambdaContext);
    expect(result.batchItemFailures).toEqual([]);
    expect(commits).toBe(2);
    const cells = (await store.getMatrix('talks')).cells.filter((c) => c.term === 'ceasefire');
    expect(cells.map((c) => [c.actor, c.support, c.oppose])).toEqual(expect.arrayContaining([['RU', 1, 0], ['UA', 0, 1]]));
  });

  it('reports only the failing message of a batch and leaves its document untagged and uncounted', async () => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    const docs = await ingestDocuments([{ text: 'y1 [US support nato]' }, { text: 'y2 [US oppose sanctions]' }], {
      store, queue: new MemoryQueue(), defaultTracker: 'talks',
    });
    // The first document's commit is throttled: not a lost race, so it is not retried here.
    let throttled = 0;
    mock.on(UpdateCommand).callsFake(async (input) => {
      if (input.Key?.sk === 'META' && input.Key?.pk === `DOC#${docs[0]!.id}`) {
        throttled++;
        throw new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
      }
      return real.send(new UpdateCommand(input));
    });
    const tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
    // Other tests of this file share the table and its US x nato cell: what counts is that it does not move.
    const usNato = async () => (await store.getMatrix('talks')).cells.find((c) => c.actor === 'US' && c.term === 'nato');
    const before = await usNato();
    const event = sqsEvent([...docs.map((d) => JSON.stringify({ tracker: 'talks', documentId: d.id })), '{"not":"a tag message"}']);
    const result = await tag(event, lambdaContext);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([event.Records[0]!.messageId, event.Records[2]!.messageId].sort());
    // Records are written ahead of the commit (docs/store.md): the document stays untagged, so it is
    // tagged again, and the matrix does not count it until a tagging commits.
    expect((await store.getDocument(docs[0]!.id))!.document.taggedWith).toBeUndefined();
    expect(await usNato()).toEqual(before);
    expect(throttled).toBe(1);
    expect((await store.getDocument(docs[1]!.id))!.records).toHaveLength(1);
  });

  it('keeps a stored document whose queue send failed, says so, and tags it on the next re-tag run', async () => {
    const { store } = passThroughClient();
    const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const sqsMock = mockClient(sqs);
    restore.push(() => sqsMock.restore());
    sqsMock.on(SendMessageBatchCommand).rejects(new Error('queue unavailable'));
    const ingest = h.ingest.createHandler(() => ({ store, queue: new SqsTagQueue(sqs, 'https://sqs.local/tag'), defaultTracker: 'talks' }));

    const response = await ingest(apiEvent('POST', '/documents', { body: { text: 'z [UA support sanctions]' } }), lambdaContext);
    expect(response.statusCode).toBe(202);
    const body = parseBody(response);
    expect(body.notQueued).toEqual(body.ids);
    expect(body.documents[0]).toMatchObject({ status: 'created', queued: false });

    const run = await retagStale({ tracker: 'talks', limit: 50 }, { store, tagger: markerTagger });
    expect(run.tagged.map((t) => t.documentId)).toContain(body.ids[0]);
    expect((await store.getDocument(body.ids[0]))!.records.map((r) => r.stance)).toEqual(['support']);
  });

  it('names the messages SQS refused in a partial batch failure', async () => {
    const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const sqsMock = mockClient(sqs);
    restore.push(() => sqsMock.restore());
    sqsMock.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: [],
      Failed: input.Entries.filter((_: unknown, i: number) => i % 2 === 1).map((e: { Id: string }) => ({ Id: e.Id, Code: 'Internal', SenderFault: false })),
    }));
    const ids = Array.from({ length: 12 }, (_, i) => i.toString(16).padStart(20, '0'));
    const { failed } = await new SqsTagQueue(sqs, 'https://sqs.local/tag').send(ids.map((documentId) => ({ tracker: 'talks', documentId })));
    expect(sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries?.length)).toEqual([10, 2]);
    expect(failed.map((m) => m.documentId)).toEqual(ids.filter((_, i) => (i % 10) % 2 === 1));
  });
});
