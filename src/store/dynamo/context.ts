// What every DynamoDB item-family module shares: the client and table, paging, and the
// mapping of a cancelled transaction to ConflictError.
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.js';

export interface TableContext {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

export async function queryAll(t: TableContext, input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await t.client.send(new QueryCommand({ TableName: t.tableName, ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

function isCancelled(err: unknown): boolean {
  return err instanceof TransactionCanceledException || (err as Error)?.name === 'TransactionCanceledException';
}

export async function transact(t: TableContext, actions: TransactItems): Promise<void> {
  try {
    await t.client.send(new TransactWriteCommand({ TransactItems: actions }));
  } catch (err) {
    if (isCancelled(err)) {
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      // Only lost conditions are a conflict to retry; a throttled or failed transaction is not.
      if (reasons.length === 0 || reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
        throw new ConflictError('a concurrent write changed the items this write depends on');
      }
    }
    throw err;
  }
}

/** BatchWriteItem, 25 requests per call, unprocessed ones retried with backoff. */
export async function batchWrite(t: TableContext, requests: Array<{ PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } }>): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
      if (attempt > 8) throw new ConflictError('the table kept writes unprocessed; try again');
      const out = await t.client.send(new BatchWriteCommand({ RequestItems: { [t.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[t.tableName] ?? []) as typeof pending;
    }
  }
}

export function isConditionFailed(err: unknown): boolean {
  return (err as Error)?.name === 'ConditionalCheckFailedException';
}

/**
 * BatchGetItem of any number of keys, 100 per call, unprocessed ones retried with backoff;
 * consistently unless asked otherwise, and only the named attributes if some are named.
 */
export async function batchGet(
  t: TableContext,
  wanted: Record<string, unknown>[],
  options: { consistent?: boolean; attributes?: readonly string[] } = {},
): Promise<Record<string, unknown>[]> {
  const projection = options.attributes?.length
    ? {
        ProjectionExpression: options.attributes.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.attributes.map((a, i) => [`#a${i}`, a])),
      }
    : {};
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < wanted.length; i += 100) {
    let pending = wanted.slice(i, i + 100);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
      if (attempt > 8) throw new ConflictError('the table kept keys unprocessed; try again');
      const out = await t.client.send(new BatchGetCommand({ RequestItems: { [t.tableName]: { Keys: pending, ConsistentRead: options.consistent ?? true, ...projection } } }));
      found.push(...(out.Responses?.[t.tableName] ?? []));
      pending = out.UnprocessedKeys?.[t.tableName]?.Keys ?? [];
    }
  }
  return found;
}
