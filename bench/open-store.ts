// The store the benchmark measures, over a metered client; its matrix is applied from the
// table's stream by the cell consumer's code, in batches of `batchSize` (src/local/streams.ts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { storeWithCellStream } from '../src/local/streams.js';

export function openStore(client: DynamoDBDocumentClient, tableName: string, stream: { endpoint: string; batchSize: number }) {
  return storeWithCellStream(client, tableName, stream).store;
}
