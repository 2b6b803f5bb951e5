// The exported `handler`s build their own clients from the environment, the way Lambda and
// the local stack run them: the SDK follows AWS_ENDPOINT_URL_DYNAMODB to DynamoDB Local.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resetEnvCache } from '../src/config.js';
import { localEndpoint } from './support/dynamodb.js';
import { apiEvent, lambdaContext, parseBody, sqsEvent, storeWithTracker } from './support/pipeline.js';

let drop: () => Promise<void>;
let tableName: string;
beforeAll(async () => {
  ({ tableName, drop } = await storeWithTracker());
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    TRACKER_ID: 'talks',
    AWS_ENDPOINT_URL_DYNAMODB: localEndpoint(),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  delete process.env.TAG_QUEUE_URL;
  resetEnvCache();
});
afterAll(async () => drop());

it('serves requests with the clients the handler modules create from the environment', async () => {
  const { handler: query } = await import('../functions/query.js');
  const matrix = await query(apiEvent('GET', '/matrix', { routeKey: 'GET /matrix' }), lambdaContext);
  expect(matrix.statusCode).toBe(200);
  expect(parseBody(matrix).tracker.id).toBe('talks');
  const documents = await query(apiEvent('GET', '/documents', { routeKey: 'GET /documents' }), lambdaContext);
  expect(documents.statusCode).toBe(200);
  expect(parseBody(documents)).toEqual({ items: [] });

  const { handler: tag } = await import('../functions/tag.js');
  const result = await tag(sqsEvent([JSON.stringify({ tracker: 'talks', documentId: '0123456789abcdef0123' })]), lambdaContext);
  expect(result.batchItemFailures).toHaveLength(1);
});

it('answers 500 without details when the ingest function has no queue configured', async () => {
  const { handler: ingest } = await import('../functions/ingest.js');
  const response = await ingest(apiEvent('POST', '/documents', { routeKey: 'POST /documents', body: { text: 'x' } }), lambdaContext);
  expect(response.statusCode).toBe(500);
  expect(parseBody(response)).toEqual({ error: 'internal', message: 'internal error' });
});
