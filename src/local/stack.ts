// The whole pipeline on one machine, built from the same Lambda handlers that run on
// AWS: DynamoDB Local for the table, the SQS shim for the tag queue (delivering to the
// tag handler), a poller of the table's stream (delivering to the cell handler), and the
// HTTP adapter in front of the ingest and query handlers.
//
// The handlers read their configuration from the environment (src/config.ts) and
// their AWS endpoints through the SDK's AWS_ENDPOINT_URL_* variables, so this module
// sets those first and only then imports the handler modules.
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { FunctionName } from '../api/routes.js';
import { loadTrackerFile, type Tracker } from '../core/tracker.js';
import { retagStale } from '../pipeline/tag.js';
import { documentClient } from '../runtime/lambda.js';
import { defaultTaggers } from '../runtime/taggers.js';
import { DynamoStore } from '../store/store.js';
import { createTableInput } from '../store/table.js';
import { freePort, startLocalDynamoDb } from './dynamodb.js';
import { startLocalApi, type ApiHandler } from './http.js';
import { handlerOf, lambdaContext } from './lambda.js';
import { startSqsShim, type LocalQueue, type QueueReport, type SqsShim } from './sqs.js';
import { startStreamPump, type StreamBatch } from './streams.js';
import { applyLocalEnvironment, LOCAL_REGION, publishLocalState } from './state.js';

export const LOCAL_TABLE_NAME = 'stance-local';
export const LOCAL_QUEUE_NAME = 'stance-tag';
export { LOCAL_REGION };

export interface LocalStackOptions {
  /** Port of the HTTP API; 0 picks a free one. */
  port: number;
  trackerFile: string;
  /** Keep the database in this directory; in memory when absent. */
  dataDir?: string;
  /** Use this DynamoDB-API server instead of starting DynamoDB Local (the tests share one). */
  dynamoDbEndpoint?: string;
  tableName?: string;
  /** Handler logs at INFO instead of WARN. */
  verbose?: boolean;
  /** Progress lines while starting, and later problems (dead letters, handler errors). */
  log?: (line: string) => void;
  /** One line per answered HTTP request. */
  onRequest?: (line: string) => void;
  /** Leave a state file here while running, so the CLI (stance reingest) finds this stack (src/local/state.ts). */
  stateDir?: string;
}

export interface LocalStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  tableName: string;
  tracker: Tracker;
  queue: LocalQueue;
  sqs: SqsShim;
  /** Resolves when every queued document has been through the tag handler, and the matrix counts it (the stream's cell handler). */
  drained(): Promise<void>;
  /**
   * Tags the stored documents of the tracker that the current tagger and tracker did not
   * tag (a kept --data directory after the tagger or tracker changed, or documents whose
   * queue message was lost when the stack stopped): what the scheduled re-tag run does on AWS.
   */
  retagStale(): Promise<{ tagged: number; failed: Array<{ documentId: string; error: string }> }>;
  stop(): Promise<void>;
}

type Module = Record<string, unknown>;

async function createTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'exists'> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  } catch (error) {
    if (error instanceof ResourceInUseException) return 'exists';
    throw error;
  }
}

function describeReport(report: QueueReport): string | undefined {
  if (report.kind === 'dead-letter') {
    const d = report.deadLetter;
    return `tag queue: message ${d.messageId} failed ${d.receiveCount} times and moved to the dead-letter list (${d.reason}): ${d.body.slice(0, 200)}`;
  }
  if (report.kind === 'handler-error') {
    return `tag handler threw on a batch of ${report.messages}: ${report.error instanceof Error ? report.error.message : String(report.error)}`;
  }
  return undefined;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const tracker = await loadTrackerFile(options.trackerFile);
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    stops.length = 0;
  };

  // The port is taken first, so a busy port fails before anything slow starts; until the
  // handlers are loaded the API answers 503.
  const loaded: Partial<Record<FunctionName, ApiHandler>> = {};
  const lateBound = (name: FunctionName): ApiHandler => async (event, context) => {
    const handler = loaded[name];
    if (handler) return handler(event, context);
    return { statusCode: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: JSON.stringify({ error: 'unavailable', message: 'the local stack is still starting' }) };
  };

  let dynamoStarted: Promise<unknown> = Promise.resolve();
  try {
    const api = await startLocalApi({
      port: options.port,
      region: LOCAL_REGION,
      handlers: { ingest: lateBound('ingest'), query: lateBound('query') },
      onHandlerError: (error, routeKey) => log(`${routeKey}: the handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      onClientAbort: ({ method, path }) => log(`${method} ${path}: client abort (the client closed the connection before the answer)`),
      ...(options.onRequest ? { onResponse: (r) => options.onRequest!(`${r.method} ${r.path} -> ${r.statusCode} (${r.ms} ms)`) } : {}),
    });
    stops.push(api.stop);

    // Java takes seconds to start: the handlers load meanwhile, pointed at the port it will take.
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      const port = await freePort();
      dynamoDbEndpoint = `http://127.0.0.1:${port}`;
      dynamoStarted = startLocalDynamoDb({ port, ...(options.dataDir ? { dataDir: options.dataDir } : {}) }).then((dynamo) => {
        stops.push(dynamo.stop);
        log(`DynamoDB Local up on ${dynamo.endpoint} (${options.dataDir ? `data in ${options.dataDir}` : 'in memory'})`);
      });
      // Observed here so that a failed start is not an unhandled rejection while the handlers load.
      dynamoStarted.catch(() => {});
    }

    const sqs = await startSqsShim({
      region: LOCAL_REGION,
      onReport: (report) => {
        const line = describeReport(report);
        if (line) log(line);
      },
    });
    stops.push(sqs.stop);
    const queue = sqs.createQueue(LOCAL_QUEUE_NAME, { batchSize: 10, maxReceiveCount: 3 });
    log(`SQS shim up on ${sqs.endpoint} (queue ${queue.name})`);

    const endpoints = { tableName, queueUrl: queue.url, trackerId: tracker.id, dynamoDbEndpoint, sqsEndpoint: sqs.endpoint };
    applyLocalEnvironment({ ...endpoints, verbose: options.verbose ?? false });
    const [ingest, query, tag, cells] = (await Promise.all([
      import('../../functions/ingest.js'),
      import('../../functions/query.js'),
      import('../../functions/tag.js'),
      import('../../functions/cells.js'),
    ])) as Module[];
    await dynamoStarted;

    const dynamoDb = new DynamoDBClient({ region: LOCAL_REGION, endpoint: dynamoDbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    stops.push(async () => dynamoDb.destroy());
    const table = await createTable(dynamoDb, tableName);
    log(`table ${tableName} ${table === 'created' ? 'created' : 'already there, kept'}`);
    const store = new DynamoStore(documentClient(dynamoDb), tableName);
    const version = await store.putTracker(tracker);
    log(`tracker ${tracker.id} stored (version ${version}: ${tracker.actors.length} actors, ${tracker.terms.length} terms)`);

    loaded.ingest = handlerOf(ingest!, 'functions/ingest.ts');
    loaded.query = handlerOf(query!, 'functions/query.ts');
    queue.consume(handlerOf<SQSEvent, SQSBatchResponse | void>(tag!, 'functions/tag.ts'), 'stance-tag');
    // The stream's event source mapping: document items only, batches of 100, bisected on error.
    const cellHandler = handlerOf<StreamBatch, unknown>(cells!, 'functions/cells.ts');
    const stream = startStreamPump({
      endpoint: dynamoDbEndpoint,
      region: LOCAL_REGION,
      tableName,
      deliver: (batch) => Promise.resolve(cellHandler(batch, lambdaContext({ functionName: 'stance-cells', region: LOCAL_REGION }))),
      onError: (error, batch) => log(batch ? `cell stream: a batch of ${batch.Records.length} records failed and was set aside: ${(error as Error).message}` : `cell stream: ${(error as Error).message}`),
    });
    stream.start();
    stops.push(() => stream.stop());
    log('cell stream poller up (document items of the table, to functions/cells.ts)');
    log(`HTTP API up on ${api.url}`);
    if (options.stateDir) stops.push(await publishLocalState(options.stateDir, { pid: process.pid, apiUrl: api.url, ...endpoints }));

    return {
      apiUrl: api.url,
      dynamoDbEndpoint,
      tableName,
      tracker,
      queue,
      sqs,
      drained: async () => {
        await sqs.drained();
        await stream.catchUp();
      },
      retagStale: async () => {
        let tagged = 0;
        const failed: Array<{ documentId: string; error: string }> = [];
        let cursor: string | undefined;
        do {
          const run = await retagStale({ tracker: tracker.id, limit: 100, cursor }, { store, tagger: defaultTaggers() });
          tagged += run.tagged.length;
          failed.push(...run.failed);
          cursor = run.cursor;
        } while (cursor);
        return { tagged, failed };
      },
      stop: stopAll,
    };
  } catch (error) {
    await dynamoStarted.catch(() => {});
    await stopAll();
    throw error;
  }
}
