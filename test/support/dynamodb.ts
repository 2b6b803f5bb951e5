// Integration tests share one DynamoDB Local per test run (started in
// test/support/global-setup.ts); each test file makes its own table in it.
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTableInput } from '../../src/store/table.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** Dummy credentials: DynamoDB Local accepts any, the SDK insists on some. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function localEndpoint(): string {
  return inject('dynamoDbEndpoint');
}

export function localDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ endpoint: localEndpoint(), region: 'us-east-1', credentials: localCredentials });
}

/** A client of the test server that records the name of every command it sends (to count requests per page). */
export function countingDynamoDbClient(): { client: DynamoDBClient; sent: string[] } {
  const client = localDynamoDbClient();
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { client, sent };
}

/** A fresh table with the production shape; returns its name and a function that drops it. */
export async function createTestTable(client = localDynamoDbClient()): Promise<{ tableName: string; drop: () => Promise<void> }> {
  const tableName = `test-${randomUUID()}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  return { tableName, drop: async () => void (await client.send(new DeleteTableCommand({ TableName: tableName }))) };
}
