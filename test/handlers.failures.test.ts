// Failures a real server will not produce on demand, made with aws-sdk-client-mock. Where
// a test needs a real table behind the failure, the mock fails one call and hands the
// others to the real DynamoDB Local client.
import { ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { retagStale } from '../src/pipeline/tag.js';
import { SqsTagQueue } from '../src/queue.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoStore } from '../src/store/store.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, sqsEvent, storeWithTracker } from './support/pipeline.js';
import { localDynamoDbClient } from './support/dynamodb.js';

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
  return { store: new DynamoStore(client, tableName), mock, real };
}
let restore: (() => void)[] = [];
afterEach(() => {
  restore.forEach((r) => r());
  restore = [];
});

const cancelled = (codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

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

  it('retries a tagging whose condition failed half-way and counts it once', async () => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    const [doc] = await ingestDocuments([{ text: 'x [RU support ceasefire] [UA oppose ceasefire]' }], { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'None', 'ConditionalCheckFailed', 'None']))
      .callsFake((input) => real.send(new TransactWriteCommand(input)));
    const tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
    const result = await tag(sqsEvent([JSON.stringify({ tracker: 'talks', documentId: doc!.id })]), lambdaContext);
    expect(result.batchItemFailures).toEqual([]);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(2);
    const cells = (await store.getMatrix('talks')).cells.filter((c) => c.term === 'ceasefire');
    expect(cells.map((c) => [c.actor, c.support, c.oppose])).toEqual(expect.arrayContaining([['RU', 1, 0], ['UA', 0, 1]]));
  });

  it('reports only the failing message of a batch and leaves its document untagged and uncounted', async () => {
    const { store, mock, real } = passThroughClient();
    restore.push(() => mock.restore());
    const docs = await ingestDocuments([{ text: 'y1 [US support nato]' }, { text: 'y2 [US oppose sanctions]' }], {
      store, queue: new MemoryQueue(), defaultTracker: 'talks',
    });
    // The first transaction is throttled inside: not a lost race, so it is not retried here.
    let throttled = 0;
    mock.on(TransactWriteCommand).callsFake(async (input) => {
      if (JSON.stringify(input).includes(docs[0]!.id)) {
        throttled++;
        throw cancelled(['None', 'ThrottlingError']);
      }
      return real.send(new TransactWriteCommand(input));
    });
    const tag = h.tag.createHandler(() => ({ store, tagger: markerTagger }));
    const event = sqsEvent([...docs.map((d) => JSON.stringify({ tracker: 'talks', documentId: d.id })), '{"not":"a tag message"}']);
    const result = await tag(event, lambdaContext);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([event.Records[0]!.messageId, event.Records[2]!.messageId].sort());
    // Records are written ahead of the commit (docs/store.md): the document stays untagged, so it is
    // tagged again, and the matrix does not count it until a tagging commits.
    expect((await store.getDocument(docs[0]!.id))!.document.taggedWith).toBeUndefined();
    expect((await store.getMatrix('talks')).cells.find((c) => c.actor === 'US' && c.term === 'nato')).toBeUndefined();
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
