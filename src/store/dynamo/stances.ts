// Stance reads: records by actor and/or term from the index that answers the question.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors.js';
import * as keys from '../keys.js';
import { decodeCursor, encodeCursor, RecordItemSchema, type Page, type StancesQuery, type StoredRecord } from '../model.js';
import type { TableContext } from './context.js';

export class DynamoStances {
  constructor(private readonly t: TableContext) {}

  /** Stance records by actor and/or term, newest first, in an inclusive time window: one Query per page. */
  async queryStances(q: StancesQuery): Promise<Page<StoredRecord>> {
    const { index, partition } = keys.stancesIndex(q.tracker, q);
    const pkName = `${index}pk`;
    const skName = `${index}sk`;
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
    const startKey = q.cursor ? decodeCursor(q.cursor, { attributes: ['pk', 'sk', pkName, skName], partition: [pkName, partition] }) : undefined;
    // DynamoDB refuses a start key outside the key condition: that is a cursor from another window.
    if (startKey && !(startKey[skName]! >= window.from && startKey[skName]! <= window.to)) {
      throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    }
    const out = await this.t.client.send(
      new QueryCommand({
        TableName: this.t.tableName,
        IndexName: index,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: q.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const cursor = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map((i) => RecordItemSchema.parse(i)), ...(cursor ? { cursor } : {}) };
  }
}
