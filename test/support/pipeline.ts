// Helpers for the store, pipeline and handler tests: a table with a tracker in it, a queue
// that keeps what it is sent, a fake tagger driven by markers in the text, and API Gateway
// v2 / SQS event builders.
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseTracker, type Tracker } from '../../src/core/tracker.js';
import type { StanceRecord, TaggableDocument } from '../../src/core/records.js';
import type { Tagger } from '../../src/pipeline/tag.js';
import type { TagMessage, TagQueue } from '../../src/queue.js';
import { documentClient } from '../../src/runtime/lambda.js';
import { storeWithCellStream } from '../../src/local/streams.js';
import type { DynamoStore } from '../../src/store/store.js';
import { createTestTable, localDynamoDbClient, localEndpoint } from './dynamodb.js';

// Quiet Powertools in tests; set before any handler module constructs its logger.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'test';

export const testTracker: Tracker = parseTracker(
  {
    id: 'talks',
    title: 'Test talks',
    actors: [
      { id: 'RU', name: 'Russia', aliases: ['Russia'] },
      { id: 'UA', name: 'Ukraine', aliases: ['Ukraine'] },
      { id: 'US', name: 'United States', aliases: ['Washington'] },
    ],
    terms: [
      { id: 'ceasefire', name: 'Ceasefire', cues: { affirm: ['ceasefire'] } },
      { id: 'sanctions', name: 'Sanctions relief', cues: { affirm: ['sanctions relief'] } },
      { id: 'nato', name: 'NATO renunciation', cues: { affirm: ['renounce NATO'] } },
    ],
  },
  'test tracker',
);

/** Records come from markers such as `[RU support ceasefire]` in the text. */
export const markerTagger = {
  version: 'test-1',
  compile: (tracker) => tracker,
  tag(doc: TaggableDocument, tracker: Tracker): StanceRecord[] {
    const out = new Map<string, StanceRecord>();
    for (const m of doc.text.matchAll(/\[(\w+) (support|oppose|mixed) (\w+)\]/g)) {
      const [sentence, actor, stance, term] = m as unknown as [string, string, StanceRecord['stance'], string];
      if (!tracker.actors.some((a) => a.id === actor) || !tracker.terms.some((t) => t.id === term)) continue;
      out.set(`${actor}#${term}`, {
        document: doc.id,
        actor,
        term,
        stance,
        confidence: 0.9,
        evidence: [{ sentence, start: m.index!, end: m.index! + sentence.length, cue: term }],
      });
    }
    return [...out.values()];
  },
} satisfies Tagger<Tracker>;

export class MemoryQueue implements TagQueue {
  sent: TagMessage[] = [];
  async send(messages: TagMessage[]) {
    this.sent.push(...messages);
    return { failed: [] };
  }
  /** What waits in the queue: everything sent and not drained yet. */
  async depth() {
    return this.sent.length;
  }
  /** Takes everything sent so far, as one SQS event. */
  drain(): SQSEvent {
    const event = sqsEvent(this.sent.map((m) => JSON.stringify(m)));
    this.sent = [];
    return event;
  }
}

export async function storeWithTracker(tracker: Tracker = testTracker, client: DynamoDBClient = localDynamoDbClient(), stream: { batchSize?: number; consumer?: () => Pick<DynamoStore, 'applyCellStream'> } = {}) {
  const { tableName, drop } = await createTestTable(client);
  // The matrix is applied from the table's stream: reads of it catch up first (src/local/streams.ts).
  const { store, pump } = storeWithCellStream(documentClient(client), tableName, { endpoint: localEndpoint(), ...stream });
  await store.putTracker(tracker);
  return { store, tableName, drop: async () => (await pump.stop(), await drop()), client, pump };
}

let messageSeq = 0;
export function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body) => {
      const messageId = `m-${++messageSeq}`;
      return {
        messageId,
        receiptHandle: messageId,
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:tag',
        awsRegion: 'us-east-1',
      };
    }),
  };
}

export function apiEvent(
  method: string,
  path: string,
  options: { query?: Record<string, string>; body?: unknown; rawBody?: string; headers?: Record<string, string>; routeKey?: string } = {},
): APIGatewayProxyEventV2 {
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = options.headers ?? (body !== undefined ? { 'content-type': 'application/json' } : {});
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey: options.routeKey ?? '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(body !== undefined ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: options.routeKey ?? '$default',
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
  };
}

export const lambdaContext = {
  functionName: 'test',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '256',
  awsRequestId: 'req',
  logGroupName: 'g',
  logStreamName: 's',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as unknown as Context;

/** Handler modules read Powertools settings when they load: import them after the env above is set. */
export async function loadHandlers() {
  const [ingest, query, tag] = await Promise.all([
    import('../../functions/ingest.js'),
    import('../../functions/query.js'),
    import('../../functions/tag.js'),
  ]);
  return { ingest, query, tag };
}

export function parseBody(response: { body?: string }): any {
  return JSON.parse(response.body ?? 'null');
}
