// The store the benchmark measures, over a metered client.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStore } from '../src/store/store.js';

export function openStore(client: DynamoDBDocumentClient, tableName: string) {
  return new DynamoStore(client, tableName) as DynamoStore & { settled?: () => Promise<void> };
}
