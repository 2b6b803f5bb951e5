// A local stand-in for SQS plus Lambda's SQS event source mapping, on loopback.
//
// The ingest handler sends with the real SQSClient (AWS_ENDPOINT_URL_SQS points here),
// so this server speaks the SQS JSON protocol the AWS SDK v3 uses: POST /, header
// `x-amz-target: AmazonSQS.<Action>`, body application/x-amz-json-1.0. It answers
// SendMessage, SendMessageBatch and GetQueueUrl, with the MD5 digests the SDK checks.
//
// Messages are kept in memory and delivered in batches to the queue's consumer (the
// tag handler) as SQS events, the way Lambda's event source mapping does it: one
// batch in flight per queue, `batchItemFailures` honoured (the listed messages come
// back with ApproximateReceiveCount + 1, the others are deleted), a handler that
// throws fails its whole batch, and a message that failed `maxReceiveCount` times
// moves to the queue's dead-letter list, which is reported. `drained()` resolves when
// every queue with a consumer is empty and idle.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SQSBatchResponse, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { lambdaContext, LOCAL_ACCOUNT_ID, type LambdaHandler } from './lambda.js';

/** SQS's largest message, and largest batch request (sum of bodies), since 2025. */
export const MAX_MESSAGE_BYTES = 1_048_576;
const MAX_BATCH_ENTRIES = 10;
const MAX_REQUEST_BYTES = 4 * MAX_MESSAGE_BYTES;

export type SqsConsumer = LambdaHandler<SQSEvent, SQSBatchResponse | void | undefined>;

export interface QueueOptions {
  /** Records per event, like the event source mapping's BatchSize (1 to 10 here). */
  batchSize?: number;
  /** Deliveries before a failing message moves to the dead-letter list (the redrive policy). */
  maxReceiveCount?: number;
  /** Wait before a failed message is visible again; 0 redelivers at once. */
  visibilityTimeoutMs?: number;
}

export interface DeadLetter {
  queue: string;
  messageId: string;
  body: string;
  receiveCount: number;
  /** Why the last delivery failed: the handler's error, or that it listed the message in batchItemFailures. */
  reason: string;
}

export type QueueReport =
  | { kind: 'delivered'; queue: string; messages: number; failed: number }
  | { kind: 'handler-error'; queue: string; error: unknown; messages: number }
  | { kind: 'dead-letter'; deadLetter: DeadLetter };

export interface SqsShimOptions {
  /** Port to listen on; a free one is chosen when absent. */
  port?: number;
  region?: string;
  accountId?: string;
  /** Called on every delivery outcome; `npm start` prints dead letters and handler errors. */
  onReport?: (report: QueueReport) => void;
}

export interface QueueStats {
  sent: number;
  deleted: number;
  redelivered: number;
  deadLettered: number;
  /** Messages not yet deleted: waiting, delayed or in flight. */
  pending: number;
}

export interface LocalQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  /** Starts delivering to `consumer` (messages sent before wait for it); `functionName` goes into its Lambda context. */
  consume(consumer: SqsConsumer, functionName?: string): void;
  stats(): QueueStats;
  deadLetters(): DeadLetter[];
}

export interface SqsShim {
  /** http://127.0.0.1:PORT, for AWS_ENDPOINT_URL_SQS or the SQSClient's `endpoint`. */
  readonly endpoint: string;
  createQueue(name: string, options?: QueueOptions): LocalQueue;
  /** Resolves once every queue with a consumer has nothing waiting, delayed or in flight. */
  drained(): Promise<void>;
  deadLetters(): DeadLetter[];
  /** Stops the server and all deliveries; messages still queued are dropped (they live in memory). */
  stop(): Promise<void>;
}

// ---- wire format -------------------------------------------------------------

const MessageAttributeValueSchema = z.object({
  DataType: z.string().min(1),
  StringValue: z.string().optional(),
  /** Base64 in the JSON protocol. */
  BinaryValue: z.string().optional(),
  StringListValues: z.array(z.string()).optional(),
  BinaryListValues: z.array(z.string()).optional(),
});
type MessageAttributeValue = z.infer<typeof MessageAttributeValueSchema>;

const MessageFieldsSchema = z.object({
  MessageBody: z.string().min(1, 'the message body must not be empty'),
  DelaySeconds: z.number().int().min(0).max(900).optional(),
  MessageAttributes: z.record(z.string(), MessageAttributeValueSchema).optional(),
  MessageGroupId: z.string().optional(),
  MessageDeduplicationId: z.string().optional(),
});
type MessageFields = z.infer<typeof MessageFieldsSchema>;

const SendMessageSchema = MessageFieldsSchema.extend({ QueueUrl: z.string().min(1) });
const SendMessageBatchSchema = z.object({
  QueueUrl: z.string().min(1),
  Entries: z.array(MessageFieldsSchema.extend({ Id: z.string() })),
});
const GetQueueUrlSchema = z.object({ QueueName: z.string().min(1), QueueOwnerAWSAccountId: z.string().optional() });
const GetQueueAttributesSchema = z.object({ QueueUrl: z.string().min(1), AttributeNames: z.array(z.string()).optional() });

/** An SQS error answer: the SDK reads `__type` for the error name and the header for its code. */
class SqsFault extends Error {
  constructor(
    readonly type: string,
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const invalidParameter = (message: string) =>
  new SqsFault('InvalidParameterValue', 'InvalidParameterValue', `One or more parameters are invalid. Reason: ${message}`);

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    throw new SqsFault('MissingParameter', 'MissingParameter', `The request must contain the parameter ${where}.`);
  }
  throw invalidParameter(`${where}: ${issue.message}`);
}

const md5Hex = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

/** SQS's digest of message attributes: names sorted, each part length-prefixed (big-endian uint32). */
export function md5OfMessageAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const hash = createHash('md5');
  const part = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name]!;
    part(Buffer.from(name, 'utf8'));
    part(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      part(Buffer.from(value.BinaryValue, 'base64'));
    } else {
      hash.update(Buffer.from([1]));
      part(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

// ---- queues ------------------------------------------------------------------

interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes?: Record<string, MessageAttributeValue>;
  md5OfAttributes?: string;
  groupId?: string;
  deduplicationId?: string;
  sentAt: number;
  firstReceivedAt?: number;
  receiveCount: number;
}

function toRecordAttributes(attributes: Record<string, MessageAttributeValue> | undefined): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    out[name] = {
      dataType: value.DataType,
      stringListValues: value.StringListValues ?? [],
      binaryListValues: value.BinaryListValues ?? [],
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
    };
  }
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

class Queue implements LocalQueue {
  readonly url: string;
  readonly arn: string;
  private consumer: SqsConsumer | undefined;
  private functionName: string;
  private readonly ready: StoredMessage[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private scheduled = false;
  private stopped = false;
  private readonly dead: DeadLetter[] = [];
  private readonly counts = { sent: 0, deleted: 0, redelivered: 0 };
  private readonly batchSize: number;
  private readonly maxReceiveCount: number;
  private readonly visibilityTimeoutMs: number;

  constructor(
    readonly name: string,
    endpoint: string,
    private readonly region: string,
    accountId: string,
    options: QueueOptions,
    private readonly onChange: () => void,
    private readonly onReport: (report: QueueReport) => void,
  ) {
    this.url = `${endpoint}/${accountId}/${name}`;
    this.functionName = `${name}-consumer`;
    this.arn = `arn:aws:sqs:${region}:${accountId}:${name}`;
    this.batchSize = Math.min(10, Math.max(1, options.batchSize ?? 10));
    this.maxReceiveCount = Math.max(1, options.maxReceiveCount ?? 3);
    this.visibilityTimeoutMs = Math.max(0, options.visibilityTimeoutMs ?? 0);
  }

  consume(consumer: SqsConsumer, functionName?: string): void {
    this.consumer = consumer;
    if (functionName) this.functionName = functionName;
    this.schedule();
  }

  stats(): QueueStats {
    return {
      ...this.counts,
      deadLettered: this.dead.length,
      pending: this.ready.length + this.timers.size + this.inFlight,
    };
  }

  deadLetters(): DeadLetter[] {
    return [...this.dead];
  }

  depth(): { waiting: number; inFlight: number } {
    return { waiting: this.ready.length + this.timers.size, inFlight: this.inFlight };
  }

  /** True when a consumer is attached and nothing is waiting, delayed or in flight. */
  idle(): boolean {
    return !this.consumer || this.stats().pending === 0;
  }

  enqueue(fields: MessageFields): StoredMessage {
    const message: StoredMessage = {
      id: randomUUID(),
      body: fields.MessageBody,
      md5OfBody: md5Hex(Buffer.from(fields.MessageBody, 'utf8')),
      sentAt: Date.now(),
      receiveCount: 0,
      ...(fields.MessageAttributes && Object.keys(fields.MessageAttributes).length
        ? { attributes: fields.MessageAttributes, md5OfAttributes: md5OfMessageAttributes(fields.MessageAttributes) }
        : {}),
      ...(fields.MessageGroupId ? { groupId: fields.MessageGroupId } : {}),
      ...(fields.MessageDeduplicationId ? { deduplicationId: fields.MessageDeduplicationId } : {}),
    };
    this.counts.sent++;
    this.makeVisible(message, (fields.DelaySeconds ?? 0) * 1000);
    return message;
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private makeVisible(message: StoredMessage, afterMs: number): void {
    if (afterMs <= 0) {
      this.ready.push(message);
      this.schedule();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(message);
      this.schedule();
    }, afterMs);
    this.timers.add(timer);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || !this.consumer || this.inFlight > 0 || this.ready.length === 0) return;
    this.scheduled = true;
    // Deferred so that messages sent in one burst (a batch POST) travel in one event.
    setImmediate(() => {
      this.scheduled = false;
      void this.deliver();
    });
  }

  private async deliver(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.stopped || this.inFlight > 0 || this.ready.length === 0) return;
    const batch = this.ready.splice(0, this.batchSize);
    this.inFlight = batch.length;
    const now = Date.now();
    const handles = new Map<string, StoredMessage>();
    const records: SQSRecord[] = batch.map((message) => {
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      handles.set(message.id, message);
      return {
        messageId: message.id,
        receiptHandle: randomBytes(24).toString('base64'),
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          SenderId: 'AIDALOCALSTANCETRACKER',
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
          ...(message.groupId ? { MessageGroupId: message.groupId } : {}),
          ...(message.deduplicationId ? { MessageDeduplicationId: message.deduplicationId } : {}),
        },
        messageAttributes: toRecordAttributes(message.attributes),
        md5OfBody: message.md5OfBody,
        ...(message.md5OfAttributes ? { md5OfMessageAttributes: message.md5OfAttributes } : {}),
        eventSource: 'aws:sqs',
        eventSourceARN: this.arn,
        awsRegion: this.region,
      };
    });

    let failed: StoredMessage[];
    let reason: string;
    try {
      const result = await consumer({ Records: records }, lambdaContext({ functionName: this.functionName, region: this.region }));
      const identifiers = result?.batchItemFailures?.map((f) => f.itemIdentifier) ?? [];
      // Lambda fails the whole batch when a reported identifier is empty or unknown.
      const valid = identifiers.every((id) => typeof id === 'string' && handles.has(id));
      failed = valid ? [...new Set(identifiers)].map((id) => handles.get(id)!) : batch;
      reason = valid ? 'listed in batchItemFailures' : 'batchItemFailures named a message not in the batch';
    } catch (error) {
      failed = batch;
      reason = describe(error);
      this.onReport({ kind: 'handler-error', queue: this.name, error, messages: batch.length });
    }

    this.inFlight = 0;
    if (!this.stopped) {
      this.counts.deleted += batch.length - failed.length;
      for (const message of failed) {
        if (message.receiveCount >= this.maxReceiveCount) {
          const deadLetter: DeadLetter = { queue: this.name, messageId: message.id, body: message.body, receiveCount: message.receiveCount, reason };
          this.dead.push(deadLetter);
          this.onReport({ kind: 'dead-letter', deadLetter });
        } else {
          this.counts.redelivered++;
          this.makeVisible(message, this.visibilityTimeoutMs);
        }
      }
      this.onReport({ kind: 'delivered', queue: this.name, messages: batch.length, failed: failed.length });
    }
    this.schedule();
    this.onChange();
  }
}

// ---- server ------------------------------------------------------------------

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new SqsFault('RequestEntityTooLarge', 'RequestEntityTooLarge', 'The request is too large.', 413));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSqsShim(options: SqsShimOptions = {}): Promise<SqsShim> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const report = options.onReport ?? (() => {});
  const queues = new Map<string, Queue>();
  let waiters: Array<() => void> = [];
  let stopped = false;

  const allIdle = () => [...queues.values()].every((q) => q.idle());
  // After stop() nothing will move any more, so whoever waits for a drain is released.
  const settle = () => {
    if (!waiters.length || (!stopped && !allIdle())) return;
    const resolved = waiters;
    waiters = [];
    for (const resolve of resolved) resolve();
  };

  function queueFor(queueUrl: string): Queue {
    let name: string | undefined;
    try {
      name = new URL(queueUrl).pathname.split('/').filter(Boolean).at(-1);
    } catch {
      name = undefined;
    }
    const queue = name ? queues.get(name) : undefined;
    if (!queue) throw new SqsFault('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${queueUrl}`);
    return queue;
  }

  function checkSize(body: string): void {
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > MAX_MESSAGE_BYTES) throw invalidParameter(`Message must be shorter than ${MAX_MESSAGE_BYTES} bytes (it has ${bytes}).`);
  }

  const actions: Record<string, (input: unknown) => unknown> = {
    SendMessage(input) {
      const request = parseInput(SendMessageSchema, input);
      checkSize(request.MessageBody);
      const message = queueFor(request.QueueUrl).enqueue(request);
      settle();
      return {
        MessageId: message.id,
        MD5OfMessageBody: message.md5OfBody,
        ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
      };
    },
    SendMessageBatch(input) {
      const request = parseInput(SendMessageBatchSchema, input);
      const queue = queueFor(request.QueueUrl);
      const entries = request.Entries;
      if (entries.length === 0) throw new SqsFault('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
      if (entries.length > MAX_BATCH_ENTRIES) throw new SqsFault('TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`);
      if (new Set(entries.map((e) => e.Id)).size !== entries.length) throw new SqsFault('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');
      const badId = entries.find((e) => !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id));
      if (badId) throw new SqsFault('InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: "${badId.Id}".`);
      const total = entries.reduce((sum, e) => sum + Buffer.byteLength(e.MessageBody, 'utf8'), 0);
      if (total > MAX_MESSAGE_BYTES) throw new SqsFault('BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong', `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${total} bytes.`);
      const Successful = entries.map((entry) => {
        const message = queue.enqueue(entry);
        return {
          Id: entry.Id,
          MessageId: message.id,
          MD5OfMessageBody: message.md5OfBody,
          ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
        };
      });
      settle();
      return { Successful, Failed: [] };
    },
    // The depth the re-tag fan-out bounds itself by; other attributes are not kept here.
    GetQueueAttributes(input) {
      const request = parseInput(GetQueueAttributesSchema, input);
      const { waiting, inFlight } = queueFor(request.QueueUrl).depth();
      return { Attributes: { ApproximateNumberOfMessages: String(waiting), ApproximateNumberOfMessagesNotVisible: String(inFlight) } };
    },
    GetQueueUrl(input) {
      const request = parseInput(GetQueueUrlSchema, input);
      const queue = queues.get(request.QueueName);
      if (!queue) throw new SqsFault('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', `The specified queue does not exist: ${request.QueueName}`);
      return { QueueUrl: queue.url };
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID(), ...headers });
      res.end(JSON.stringify(payload));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
        throw new SqsFault('InvalidAction', 'InvalidAction', 'This local SQS speaks the JSON protocol only: POST with an x-amz-target header "AmazonSQS.<Action>".');
      }
      const raw = await readBody(req);
      const action = actions[target.slice('AmazonSQS.'.length)];
      if (!action) throw new SqsFault('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation', `${target} is not supported by the local SQS (SendMessage, SendMessageBatch, GetQueueUrl are).`);
      let input: unknown;
      try {
        input = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        throw new SqsFault('InvalidParameterValue', 'InvalidParameterValue', 'The request body is not valid JSON.');
      }
      send(200, action(input));
    } catch (error) {
      const fault = error instanceof SqsFault ? error : new SqsFault('InternalError', 'InternalError', describe(error), 500);
      send(fault.status, { __type: `com.amazonaws.sqs#${fault.type}`, message: fault.message }, {
        'x-amzn-query-error': `${fault.queryCode};${fault.status < 500 ? 'Sender' : 'Receiver'}`,
      });
    }
  }

  const server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    createQueue(name, queueOptions = {}) {
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new TypeError(`invalid queue name "${name}"`);
      const existing = queues.get(name);
      if (existing) return existing;
      const queue = new Queue(name, endpoint, region, accountId, queueOptions, settle, report);
      queues.set(name, queue);
      return queue;
    },
    drained() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      });
    },
    deadLetters() {
      return [...queues.values()].flatMap((q) => q.deadLetters());
    },
    async stop() {
      stopped = true;
      for (const queue of queues.values()) queue.stop();
      settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
