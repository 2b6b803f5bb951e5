import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { startSqsShim, type QueueReport, type SqsShim } from '../src/local/sqs.js';

let shim: SqsShim | undefined;
afterEach(async () => {
  await shim?.stop();
  shim = undefined;
});

async function setUp(options: { batchSize?: number; maxReceiveCount?: number } = {}) {
  const reports: QueueReport[] = [];
  shim = await startSqsShim({ onReport: (r) => reports.push(r) });
  const queue = shim.createQueue('tag', options);
  const client = new SQSClient({ region: 'us-east-1', endpoint: shim.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const events: SQSEvent[] = [];
  return { shim, queue, client, events, reports };
}

const bodies = (event: SQSEvent) => event.Records.map((r) => r.body);

describe('the local SQS shim', () => {
  it('accepts SendMessage from the real SDK, whose MD5 check passes, and delivers an SQS event', async () => {
    const { shim, queue, client, events } = await setUp();
    queue.consume(async (event) => void events.push(event));
    const sent = await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{"documentId":"d1","note":"naïve ✓"}' }));
    await shim.drained();

    expect(sent.MessageId).toBeTruthy();
    expect(events).toHaveLength(1);
    const record = events[0]!.Records[0]!;
    expect(record).toMatchObject<Partial<SQSRecord>>({
      messageId: sent.MessageId!,
      body: '{"documentId":"d1","note":"naïve ✓"}',
      md5OfBody: sent.MD5OfMessageBody!,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:tag',
      awsRegion: 'us-east-1',
    });
    expect(record.receiptHandle).toBeTruthy();
    expect(record.attributes.ApproximateReceiveCount).toBe('1');
    expect(Number(record.attributes.SentTimestamp)).toBeGreaterThan(0);
    expect(queue.stats()).toMatchObject({ sent: 1, deleted: 1, pending: 0 });
  });

  it('accepts SendMessageBatch and delivers the burst in events of at most batchSize records', async () => {
    const { shim, queue, client, events } = await setUp({ batchSize: 2 });
    queue.consume(async (event) => void events.push(event));
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: ['a', 'b', 'c'].map((body, i) => ({ Id: `e${i}`, MessageBody: body })),
      }),
    );
    await shim.drained();

    expect(sent.Successful?.map((s) => s.Id)).toEqual(['e0', 'e1', 'e2']);
    expect(sent.Failed ?? []).toEqual([]);
    expect(events.map(bodies)).toEqual([['a', 'b'], ['c']]);
  });

  it('passes message attributes through to the records with their digest', async () => {
    const { shim, queue, client, events } = await setUp();
    queue.consume(async (event) => void events.push(event));
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: 'x',
        MessageAttributes: { tracker: { DataType: 'String', StringValue: 'ukraine' }, raw: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } },
      }),
    );
    await shim.drained();

    const record = events[0]!.Records[0]!;
    expect(record.messageAttributes.tracker).toMatchObject({ dataType: 'String', stringValue: 'ukraine' });
    expect(record.messageAttributes.raw).toMatchObject({ dataType: 'Binary', binaryValue: 'AQID' });
    expect(record.md5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('redelivers only the messages listed in batchItemFailures, with a higher receive count', async () => {
    const { shim, queue, client } = await setUp();
    const seen: Array<[string, string]> = [];
    queue.consume(async (event) => {
      const failures = [];
      for (const record of event.Records) {
        seen.push([record.body, record.attributes.ApproximateReceiveCount]);
        if (record.body === 'flaky' && record.attributes.ApproximateReceiveCount === '1') failures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures: failures };
    });
    await client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [{ Id: 'a', MessageBody: 'fine' }, { Id: 'b', MessageBody: 'flaky' }] }));
    await shim.drained();

    expect(seen).toEqual([
      ['fine', '1'],
      ['flaky', '1'],
      ['flaky', '2'],
    ]);
    expect(queue.stats()).toMatchObject({ sent: 2, deleted: 2, redelivered: 1, deadLettered: 0, pending: 0 });
  });

  it('moves a message that keeps failing to the dead-letter list after maxReceiveCount deliveries and reports it', async () => {
    const { shim, queue, client, reports } = await setUp({ maxReceiveCount: 3 });
    let deliveries = 0;
    queue.consume(async (event) => {
      deliveries++;
      return { batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));
    await shim.drained();

    expect(deliveries).toBe(3);
    expect(shim.deadLetters()).toEqual([
      expect.objectContaining({ queue: 'tag', body: 'poison', receiveCount: 3, reason: 'listed in batchItemFailures' }),
    ]);
    expect(reports.filter((r) => r.kind === 'dead-letter')).toHaveLength(1);
    expect(queue.stats()).toMatchObject({ deleted: 0, deadLettered: 1, pending: 0 });
  });

  it('fails the whole batch when the handler throws, and says why in the dead letter', async () => {
    const { shim, queue, client, reports } = await setUp({ maxReceiveCount: 2 });
    queue.consume(async () => {
      throw new Error('table is gone');
    });
    await client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [{ Id: 'a', MessageBody: 'one' }, { Id: 'b', MessageBody: 'two' }] }));
    await shim.drained();

    expect(shim.deadLetters().map((d) => [d.body, d.receiveCount, d.reason])).toEqual([
      ['one', 2, 'Error: table is gone'],
      ['two', 2, 'Error: table is gone'],
    ]);
    expect(reports.filter((r) => r.kind === 'handler-error')).toHaveLength(2);
  });

  it('treats a batchItemFailures entry naming an unknown message as a failure of the whole batch', async () => {
    const { shim, queue, client } = await setUp({ maxReceiveCount: 1 });
    queue.consume(async () => ({ batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] }));
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'm' }));
    await shim.drained();
    expect(shim.deadLetters()[0]?.reason).toMatch(/not in the batch/);
  });

  it('keeps messages sent before a consumer is attached and delivers them once it is', async () => {
    const { shim, queue, client, events } = await setUp();
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'early' }));
    expect(queue.stats().pending).toBe(1);
    queue.consume(async (event) => void events.push(event));
    await shim.drained();
    expect(events.map(bodies)).toEqual([['early']]);
  });

  it('waits in drained() for a slow consumer and for messages its handling sends', async () => {
    const { shim, queue, client } = await setUp();
    const done: string[] = [];
    queue.consume(async (event) => {
      for (const record of event.Records) {
        await new Promise((r) => setTimeout(r, 20));
        if (record.body === 'first') await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'follow-up' }));
        done.push(record.body);
      }
    });
    await client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'first' }));
    await shim.drained();
    expect(done).toEqual(['first', 'follow-up']);
  });

  it('answers SQS errors the SDK understands: unknown queue, empty or oversized batches, duplicate ids, too-long bodies', async () => {
    const { queue, client } = await setUp();
    await expect(client.send(new SendMessageCommand({ QueueUrl: `${shim!.endpoint}/000000000000/nope`, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    await expect(client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [] }))).rejects.toMatchObject({ name: 'EmptyBatchRequest' });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    await expect(client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: eleven }))).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequest',
    });
    await expect(
      client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }] })),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
    await expect(client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'x'.repeat(1_048_577) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    expect(queue.stats().sent).toBe(0);
  });
});
