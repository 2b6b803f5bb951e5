// The actor x term timeline: a cell's records newest first, from the table's term partition
// filtered by actor (records carry no index entry of their own for it). A page may hold
// fewer matches than it read, so this reads on until it has `want` of them or the partition ends.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../keys.js';
import { RecordItemSchema, type StoredRecord } from '../model.js';
import type { TableContext } from './context.js';

export async function cellTimeline(
  t: TableContext,
  cell: { tracker: string; actor: string; term: string },
  options: { want: number; from?: string; to?: string; skip?: ReadonlySet<string>; consistent?: boolean },
): Promise<StoredRecord[]> {
  const found: StoredRecord[] = [];
  const bounded = options.from !== undefined || options.to !== undefined;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await t.client.send(
      new QueryCommand({
        TableName: t.tableName,
        KeyConditionExpression: bounded ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
        FilterExpression: 'actor = :actor',
        ExpressionAttributeValues: {
          ':pk': keys.termPartition(cell.tracker, cell.term),
          ':actor': cell.actor,
          ...(bounded ? { ':from': options.from ?? '0', ':to': options.to ?? `9999${keys.PREFIX_END}` } : {}),
        },
        ScanIndexForward: false,
        Limit: 100,
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of out.Items ?? []) {
      const record = RecordItemSchema.parse(keys.recordFromItem(item));
      if (options.skip?.has(record.document)) continue;
      found.push(record);
      if (found.length >= options.want) return found;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return found;
}
