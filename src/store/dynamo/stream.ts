// The table's stream records as the cell consumer reads them: the changes of document items,
// their images unmarshalled and validated, in stream order.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { DocumentImageSchema, type DocumentChange } from '../cell-stream.js';
import { isDocumentKey } from '../keys.js';

/** The document changes of a batch, in stream order; records of other items are skipped (the mapping's filter lets none through). */
export function documentChanges(records: readonly DynamoDBRecord[]): DocumentChange[] {
  const image = (value: unknown) => (value ? DocumentImageSchema.parse(unmarshall(value as Record<string, AttributeValue>)) : undefined);
  const changes: DocumentChange[] = [];
  for (const record of records) {
    const data = record.dynamodb;
    if (!data?.SequenceNumber || !data.Keys || !isDocumentKey(unmarshall(data.Keys as Record<string, AttributeValue>))) continue;
    changes.push({ sequence: data.SequenceNumber, before: image(data.OldImage), after: image(data.NewImage) });
  }
  return changes;
}
