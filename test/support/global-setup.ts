import type { TestProject } from 'vitest/node';
import { startLocalDynamoDb } from '../../src/local/dynamodb.js';

export default async function setup(project: TestProject) {
  const server = await startLocalDynamoDb();
  project.provide('dynamoDbEndpoint', server.endpoint);
  return async () => server.stop();
}
