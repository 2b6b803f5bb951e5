// Stance reads: records by term from the table's term partitions (an actor as a filter), by
// actor from the actor index.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors.js';
import * as keys from '../keys.js';
import { decodeCursor, encodeCursor, RecordItemSchema, type Page, type StancesQuery, type StoredRecord } from '../model.js';
import type { TableContext } from './context.js';

/** A filtered page reads this many entries per record asked for (a tracker's actors share a term's partition). */
const FILTERED_READ_FACTOR = 10;

export class DynamoStances {
  constructor(private readonly t: TableContext) {}

  /** Stance records by actor and/or term, newest first, in an inclusive time window: one Query per page. */
  async queryStances(q: StancesQuery): Promise<Page<StoredRecord>> {
    const { index, partition, actorFilter } = keys.stancesIndex(q.tracker, q);
    const onTable = index === 'table';
    const pkName = onTable ? 'pk' : `${index}pk`;
    const skName = onTable ? 'sk' : `${index}sk`;
    const keyAttributes = onTable ? ['pk', 'sk'] : ['pk', 'sk', pkName, skName];
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': partition };
    let condition = '#pk = :pk';
    const window = { from: q.from ?? '0', to: `${q.to ?? '9999'}${keys.PREFIX_END}` };
    if (q.from || q.to) {
      if (window.from > window.to) throw new ValidationError('"from" is after "to"', 'query.from');
      names['#sk'] = skName;
      values[':from'] = window.from;
      values[':to'] = window.to;
      condition += ' AND #sk BETWEEN :from AND :to';
    }
    if (actorFilter) values[':actor'] = actorFilter;
    const startKey = q.cursor ? decodeCursor(q.cursor, { attributes: keyAttributes, partition: [pkName, partition] }) : undefined;
    // DynamoDB refuses a start key outside the key condition: that is a cursor from another window.
    if (startKey && !(startKey[skName]! >= window.from && startKey[skName]! <= window.to)) {
      throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    }
    const out = await this.t.client.send(
      new QueryCommand({
        TableName: this.t.tableName,
        ...(onTable ? {} : { IndexName: index }),
        KeyConditionExpression: condition,
        ...(actorFilter ? { FilterExpression: 'actor = :actor' } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        // A filter drops what it reads after the limit: read more, and cut the page at `limit` (below).
        Limit: actorFilter ? Math.min(1000, q.limit * FILTERED_READ_FACTOR) : q.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = out.Items ?? [];
    let next = out.LastEvaluatedKey;
    if (items.length > q.limit) {
      // The page ends at its last record: the next one starts after it.
      const last = items[q.limit - 1]!;
      next = Object.fromEntries(keyAttributes.map((a) => [a, last[a]]));
      items.length = q.limit;
    }
    const cursor = encodeCursor(next);
    return { items: items.map((i) => RecordItemSchema.parse(keys.recordFromItem(i))), ...(cursor ? { cursor } : {}) };
  }
}
