import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { expect, it } from 'vitest';
import { TABLE_INDEXES } from '../src/store/table.js';
import { createTestTable, localDynamoDbClient } from './support/dynamodb.js';

it('the local DynamoDB server creates a table with every index the store uses', async () => {
  const client = localDynamoDbClient();
  const { tableName, drop } = await createTestTable(client);
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  expect(described.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(TABLE_INDEXES.map((i) => i.indexName));
  await drop();
});
