// A local stand-in for Lambda's DynamoDB Streams event source mapping: reads the table's
// stream on DynamoDB Local (DescribeStream, GetShardIterator, GetRecords), keeps the records
// of document items (the mapping's filter), and delivers them shard by shard, in order, in
// batches of `batchSize`, with the shard id as a tumbling window's event carries it. A batch
// whose handler fails is retried bisected, like BisectBatchOnFunctionError, and reported
// (the on-failure destination) once `maxAttempts` are spent.
//
// `catchUp()` resolves when every record written before it was called has been delivered:
// the local stack and the tests call it before they read the matrix.
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentChanges } from '../store/dynamo/stream.js';
import { isDocumentKey } from '../store/keys.js';
import { DynamoStore } from '../store/store.js';

export interface StreamBatch {
  Records: DynamoDBRecord[];
  shardId: string;
  eventSourceARN: string;
  window: { start: string; end: string };
  state: Record<string, string>;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

export interface StreamPumpOptions {
  endpoint: string;
  region: string;
  tableName: string;
  /** Records per delivery, like the mapping's BatchSize (Lambda's default for streams is 100). */
  batchSize?: number;
  /** Deliveries of a failing batch (halves included) before it is reported and skipped. */
  maxAttempts?: number;
  deliver: (batch: StreamBatch) => Promise<unknown>;
  /** A batch given up on (the on-failure destination), or a failed poll. */
  onError?: (error: unknown, batch?: StreamBatch) => void;
}

export interface StreamPump {
  catchUp(): Promise<void>;
  /** Polls every `intervalMs` until stopped. */
  start(intervalMs?: number): void;
  stop(): Promise<void>;
  /** Records delivered and batches given up on, so far. */
  stats(): { delivered: number; failedBatches: number };
}

interface ShardState {
  iterator?: string | undefined;
  lastSequence?: string | undefined;
  closed: boolean;
}

function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(d.ApproximateCreationDateTime ? { ApproximateCreationDateTime: d.ApproximateCreationDateTime.getTime() / 1000 } : {}),
      Keys: d.Keys as never,
      ...(d.NewImage ? { NewImage: d.NewImage as never } : {}),
      ...(d.OldImage ? { OldImage: d.OldImage as never } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  } as DynamoDBRecord;
}

export function startStreamPump(options: StreamPumpOptions): StreamPump {
  const client = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: options.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 4;
  const shards = new Map<string, ShardState>();
  let streamArn: string | undefined;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let delivered = 0;
  let failedBatches = 0;

  async function deliver(shardId: string, records: DynamoDBRecord[], attempt = 1): Promise<void> {
    const now = new Date().toISOString();
    const batch: StreamBatch = { Records: records, shardId, eventSourceARN: streamArn!, window: { start: now, end: now }, state: {}, isFinalInvokeForWindow: false, isWindowTerminatedEarly: false };
    try {
      await options.deliver(batch);
      delivered += records.length;
    } catch (error) {
      if (attempt >= maxAttempts) {
        failedBatches++;
        options.onError?.(error, batch);
        return;
      }
      // Bisect on error: the halves are retried one after the other, in order.
      if (records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await deliver(shardId, records.slice(0, half), attempt + 1);
        await deliver(shardId, records.slice(half), attempt + 1);
      } else await deliver(shardId, records, attempt + 1);
    }
  }

  async function pollShard(shardId: string, state: ShardState): Promise<void> {
    for (;;) {
      if (!state.iterator) {
        const out = await client.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ...(state.lastSequence ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequence } : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        );
        state.iterator = out.ShardIterator;
        if (!state.iterator) {
          state.closed = true;
          return;
        }
      }
      let out;
      try {
        out = await client.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
      } catch (error) {
        if ((error as Error).name === 'ExpiredIteratorException') {
          state.iterator = undefined;
          continue;
        }
        throw error;
      }
      const records = out.Records ?? [];
      const kept = records.filter((r) => r.dynamodb?.Keys && isDocumentKey(unmarshall(r.dynamodb.Keys as Record<string, AttributeValue>))).map((r) => toLambdaRecord(r, streamArn!));
      for (let i = 0; i < kept.length; i += batchSize) await deliver(shardId, kept.slice(i, i + batchSize));
      if (records.length) state.lastSequence = records.at(-1)!.dynamodb?.SequenceNumber;
      state.iterator = out.NextShardIterator;
      if (!state.iterator) {
        state.closed = true;
        return;
      }
      if (!records.length) return;
    }
  }

  async function pollOnce(): Promise<void> {
    if (!streamArn) {
      const listed = await client.send(new ListStreamsCommand({ TableName: options.tableName }));
      streamArn = listed.Streams?.at(-1)?.StreamArn;
      if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
    }
    let start: string | undefined;
    do {
      const out = await client.send(new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }));
      for (const shard of out.StreamDescription?.Shards ?? []) if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, { closed: false });
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // Parents before children: a shard's records come after its parent's.
    for (const [shardId, state] of shards) if (!state.closed) await pollShard(shardId, state);
  }

  const catchUp = (): Promise<void> => {
    const next = running.catch(() => {}).then(pollOnce);
    running = next;
    return next;
  };

  return {
    catchUp,
    start(intervalMs = 250) {
      const tick = () => {
        if (stopped) return;
        catchUp()
          .catch((error) => options.onError?.(error))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs);
          });
      };
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => {});
      client.destroy();
    },
    stats: () => ({ delivered, failedBatches }),
  };
}

/**
 * A DynamoStore whose matrix reads first catch up with the table's stream, applied in process
 * by the cell consumer's own code (the tests and the benchmark; the local stack runs the
 * handler itself, see stack.ts).
 */
export function storeWithCellStream(
  client: DynamoDBDocumentClient,
  tableName: string,
  stream: { endpoint: string; region?: string; batchSize?: number; /** Who applies the batches (tests: a store that fails or races on purpose); the store itself by default. */ consumer?: () => Pick<DynamoStore, 'applyCellStream'> },
): { store: DynamoStore; pump: StreamPump } {
  let store: DynamoStore;
  const pump = startStreamPump({
    endpoint: stream.endpoint,
    region: stream.region ?? 'us-east-1',
    tableName,
    ...(stream.batchSize ? { batchSize: stream.batchSize } : {}),
    deliver: (batch) => (stream.consumer?.() ?? store).applyCellStream(batch.shardId, documentChanges(batch.Records)),
  });
  store = new DynamoStore(client, tableName, { cellStream: pump });
  return { store, pump };
}
