// The default stack (cdk.json as shipped): the properties that keep data safe,
// work flowing and access narrow, proven on the synthesized template.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerFunction } from '../infra/handler-function.js';
import { MAX_RECEIVE_COUNT, TAG_MAX_CONCURRENCY } from '../infra/stack.js';
import { ROUTES, routeKey } from '../src/api/routes.js';
import { trackerVersion } from '../src/core/tracker.js';
import { METRICS_NAMESPACE, SERVICE } from '../src/runtime/lambda.js';
import { createTableInput } from '../src/store/table.js';
import { trackerItem } from '../src/store/keys.js';
import { type BuiltStack, acknowledgements, buildStack, findingsWithoutAcknowledgements } from './support/infra.js';

let built: BuiltStack;
beforeAll(async () => {
  built = await buildStack();
}, 120_000);
afterAll(() => built?.remove());

type Json = Record<string, any>;
const resources = (type: string): [string, Json][] => Object.entries(built.template.findResources(type));
const logicalId = (element: { node: { defaultChild?: unknown } }) => built.stack.getLogicalId(element.node.defaultChild as CfnElement);
type FunctionId = 'Ingest' | 'Tag' | 'Query' | 'Reingest' | 'Cells' | 'Article';
const handler = (id: FunctionId) => built.stack.node.findChild(id) as HandlerFunction;
const functionOf = (id: FunctionId): Json => built.template.toJSON().Resources[logicalId(handler(id).fn)];
const idOf = (type: string, predicate: (r: Json) => boolean) => {
  const found = resources(type).filter(([, r]) => predicate(r));
  expect(found).toHaveLength(1);
  return found[0]![0];
};
const tableId = () => idOf('AWS::DynamoDB::Table', () => true);
const tagQueueId = () => idOf('AWS::SQS::Queue', (q) => Boolean(q.Properties.RedrivePolicy));

describe('the table', () => {
  it('has the key and indexes the store uses, all string keys, each index projecting only what its queries return', () => {
    // The same shape the local stack and the integration tests create (src/store/table.ts).
    const local = createTableInput('any');
    built.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: local.KeySchema,
      BillingMode: local.BillingMode,
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
    });
    const [, table] = resources('AWS::DynamoDB::Table')[0]!;
    for (const attribute of table.Properties.AttributeDefinitions) expect(attribute.AttributeType).toBe('S');
    for (const index of table.Properties.GlobalSecondaryIndexes) {
      expect(index.Projection.ProjectionType).toBe('INCLUDE');
      // A document's text is never copied into an index.
      expect(index.Projection.NonKeyAttributes).not.toContain('text');
      expect(index.Projection.NonKeyAttributes).not.toContain('textGz');
    }
  });

  it('keeps point-in-time recovery, KMS encryption and deletion protection, and is retained when the stack goes', () => {
    built.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('the tagging queue', () => {
  it('sends a message to the dead-letter queue after a few receives', () => {
    expect(MAX_RECEIVE_COUNT).toBeGreaterThanOrEqual(2);
    expect(MAX_RECEIVE_COUNT).toBeLessThanOrEqual(5);
    const queues = resources('AWS::SQS::Queue');
    const main = queues.find(([, q]) => q.Properties.RedrivePolicy);
    expect(main).toBeDefined();
    const dlqId = main![1].Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(main![1].Properties.RedrivePolicy.maxReceiveCount).toBe(MAX_RECEIVE_COUNT);
    expect(queues.map(([id]) => id)).toContain(dlqId);
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('hides a message from other consumers for longer than the tag function may run', () => {
    const [, main] = resources('AWS::SQS::Queue').find(([, q]) => q.Properties.RedrivePolicy)!;
    expect(main.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(functionOf('Tag').Properties.Timeout * 6);
  });

  it('refuses requests that do not use TLS', () => {
    const policies = resources('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(3); // tag queue, its dead-letter queue, the cell stream's failure queue
    for (const [, policy] of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds the tag function in batches with partial batch responses and a few pollers at most', () => {
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(handler('Tag').fn) },
      EventSourceArn: { 'Fn::GetAtt': [tagQueueId(), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: TAG_MAX_CONCURRENCY },
    });
  });
});

describe('the functions', () => {
  it.each(['Ingest', 'Tag', 'Query', 'Reingest', 'Article'] as const)('%s runs Node.js 22 on arm64 with source maps, its own log group and the settings it reads', (id) => {
    const fn = functionOf(id).Properties;
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.LoggingConfig.LogGroup).toEqual({ Ref: logicalId(handler(id).logGroup) });
    expect(fn.Environment.Variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: SERVICE,
      POWERTOOLS_LOG_LEVEL: built.config.logLevel,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    });
    if (id === 'Article') {
      // It parses untrusted pages and never reads the table: not even told its name.
      expect(fn.Environment.Variables.TABLE_NAME).toBeUndefined();
      expect(fn.Environment.Variables.TRACKER_ID).toBeUndefined();
    } else expect(fn.Environment.Variables).toMatchObject({ TABLE_NAME: { Ref: tableId() }, TRACKER_ID: built.tracker.id });
  });

  it('gives the queue URL to the functions that send to it, and the re-tag limit to reingest', () => {
    for (const id of ['Ingest', 'Reingest'] as const) {
      expect(functionOf(id).Properties.Environment.Variables.TAG_QUEUE_URL).toEqual({ Ref: tagQueueId() });
    }
    expect(functionOf('Reingest').Properties.Environment.Variables.RETAG_BATCH_LIMIT).toBe(String(built.config.retagBatchLimit));
    expect(functionOf('Reingest').Properties.Environment.Variables.RETAG_QUEUE_DEPTH).toBe(String(built.config.retagQueueDepth));
    expect(functionOf('Query').Properties.Environment.Variables.TAG_QUEUE_URL).toBeUndefined();
    expect(functionOf('Reingest').Properties.Environment.Variables.ARTICLE_FUNCTION_NAME).toEqual({ Ref: logicalId(handler('Article').fn) });
    expect(functionOf('Article').Properties.Environment.Variables.TAG_QUEUE_URL).toBeUndefined();
  });

  it('keeps logs for the configured number of days', () => {
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest', 'Cells', 'Article'] as const) {
      built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: built.config.logRetentionDays });
      expect(built.template.toJSON().Resources[logicalId(handler(id).logGroup)].Properties.RetentionInDays).toBe(built.config.logRetentionDays);
    }
  });

  it('bundles each handler into a minified ES module that loads on Node and exports handler', async () => {
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest', 'Cells', 'Article'] as const) {
      const hash = String(functionOf(id).Properties.Code.S3Key).replace(/\.zip$/, '');
      const file = join(built.outdir, `asset.${hash}`, 'index.mjs');
      expect(existsSync(file), `${id} bundle at ${file}`).toBe(true);
      expect(existsSync(`${file}.map`)).toBe(true);
      // Plain Node, as Lambda loads it, not vitest's module loader.
      const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
        env: { ...process.env, TABLE_NAME: 'bundle-load-check', AWS_REGION: 'us-east-1' },
      });
      expect(stdout.trim(), id).toBe('function');
    }
  });
  it('bundles a query function that answers GET /openapi.json in plain Node, with no AWS call', async () => {
    const hash = String(functionOf('Query').Properties.Code.S3Key).replace(/\.zip$/, '');
    const event = { version: '2.0', routeKey: 'GET /openapi.json', rawPath: '/openapi.json', rawQueryString: '', headers: {}, requestContext: { http: { method: 'GET', path: '/openapi.json' }, requestId: 'r' }, isBase64Encoded: false };
    const context = '{ functionName: "query", awsRequestId: "r", getRemainingTimeInMillis: () => 10000 }';
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(built.outdir, `asset.${hash}`, 'index.mjs')).href)});
      const response = await handler(${JSON.stringify(event)}, ${context});
      process.stdout.write(JSON.stringify({ status: response.statusCode, openapi: JSON.parse(response.body).openapi }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
      env: { ...process.env, ...functionOf('Query').Properties.Environment.Variables, TABLE_NAME: 'not-called', AWS_REGION: 'us-east-1', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    expect(JSON.parse(stdout.slice(stdout.lastIndexOf('{"status"')))).toEqual({ status: 200, openapi: expect.stringMatching(/^3\.1/) });
  });
});

/** Every action a function's role may take, by what it acts on. */
function grantsOf(id: FunctionId): Record<string, string[]> {
  const roleId = logicalId(handler(id).role);
  const names: Record<string, string> = {
    [tableId()]: 'table',
    [logicalId(handler(id).logGroup)]: 'own logs',
    [logicalId(handler('Article').fn)]: 'article function',
  };
  for (const [queueId, queue] of resources('AWS::SQS::Queue')) names[queueId] = queue.Properties.RedrivePolicy ? 'tag queue' : queueId.startsWith('CellStreamFailureQueue') ? 'cell failure queue' : 'dead-letter queue';
  const grants: Record<string, Set<string>> = {};
  for (const [, policy] of resources('AWS::IAM::Policy')) {
    if (!policy.Properties.Roles.some((r: Json) => r.Ref === roleId)) continue;
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      expect(statement.Effect).toBe('Allow');
      const targets = [statement.Resource].flat();
      for (const target of targets) {
        const text = JSON.stringify(target);
        const owner = Object.keys(names).find((logical) => text.includes(`"${logical}"`));
        let name = owner ? names[owner]! : `unknown ${text}`;
        const index = /\/index\/([^"]+)"/.exec(text);
        if (name === 'table' && index) name = `index ${index[1]}`;
        for (const action of [statement.Action].flat()) (grants[name] ??= new Set()).add(action);
      }
    }
  }
  return Object.fromEntries(Object.entries(grants).map(([k, v]) => [k, [...v].sort()]));
}

const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const dynamodb = (...actions: string[]) => actions.map((a) => `dynamodb:${a}`).sort();

// Written out here, apart from infra/access.ts: what each function's code sends (src/store/store.ts,
// src/queue.ts, the SQS event source), so a grant added without a call, or a call without a grant, shows.
describe('least privilege: exactly the actions each function calls', () => {
  it('ingest reads documents, tracker and text guards, writes them in transactions, and sends to the tag queue', () => {
    expect(grantsOf('Ingest')).toEqual({
      table: dynamodb('DeleteItem', 'GetItem', 'PutItem'),
      'tag queue': ['sqs:SendMessage'],
      'own logs': LOGS,
    });
  });

  it('tag reads a document, writes its records, commits the document, and consumes the tag queue', () => {
    expect(grantsOf('Tag')).toEqual({
      table: dynamodb('BatchGetItem', 'BatchWriteItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'),
      'tag queue': ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      'own logs': LOGS,
    });
  });

  it('query only reads: the table, the documents listing (gsi2) and the actor index (gsi3)', () => {
    expect(grantsOf('Query')).toEqual({
      table: dynamodb('BatchGetItem', 'GetItem', 'Query'),
      'index gsi2': dynamodb('Query'),
      'index gsi3': dynamodb('Query'),
      'own logs': LOGS,
    });
  });

  it('reingest ingests, keeps source state, finds stale documents on the documents listing (gsi2), and sends them to the tag queue within its depth', () => {
    expect(grantsOf('Reingest')).toEqual({
      table: dynamodb('BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'),
      'index gsi2': dynamodb('Query'),
      'tag queue': ['sqs:GetQueueAttributes', 'sqs:SendMessage'],
      'article function': ['lambda:InvokeFunction'],
      'own logs': LOGS,
    });
  });

  it('article, which fetches and parses untrusted pages, may only write its own logs', () => {
    expect(grantsOf('Article')).toEqual({ 'own logs': LOGS });
  });

  it('cells reads the table stream, reads and writes cells, refills a cell from its term partition, and sets failed batches aside', () => {
    expect(grantsOf('Cells')).toEqual({
      // The stream reads are on this table's stream (its ARN names the table); ListStreams has no resource-level permission.
      table: dynamodb('BatchGetItem', 'DeleteItem', 'DescribeStream', 'GetItem', 'GetRecords', 'GetShardIterator', 'PutItem', 'Query', 'UpdateItem'),
      'unknown "*"': dynamodb('ListStreams'),
      'cell failure queue': ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
      'own logs': LOGS,
    });
    const [, mapping] = resources('AWS::Lambda::EventSourceMapping').find(([, m]) => m.Properties.FunctionName?.Ref === logicalId(handler('Cells').fn))!;
    expect(mapping.Properties).toMatchObject({
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      ParallelizationFactor: 1,
      TumblingWindowInSeconds: 60,
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: 'DOC#' }] }, sk: { S: ['META'] } } } }) }] },
    });
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
    const table = built.template.toJSON().Resources[tableId()];
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('grants no function Scan, stream reads or table descriptions, and BatchWriteItem only to tagging', () => {
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest', 'Article'] as const) { // Cells reads the stream: its own test above
      const actions = Object.values(grantsOf(id)).flat();
      if (id !== 'Tag') expect(actions, id).not.toContain('dynamodb:BatchWriteItem');
      for (const never of ['dynamodb:Scan', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams', 'dynamodb:DescribeTable', 'sqs:GetQueueUrl', 'sqs:ChangeMessageVisibility']) {
        expect(actions, id).not.toContain(never);
      }
    }
  });

  it('attaches no managed policy to any function role', () => {
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest', 'Cells', 'Article'] as const) {
      const role = built.template.toJSON().Resources[logicalId(handler(id).role)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('the HTTP API', () => {
  const routes = () => Object.fromEntries(resources('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]));

  it('requires IAM authorization on POST /documents and, with reads not opened, on every GET', () => {
    const byKey = routes();
    for (const route of ROUTES) {
      expect(byKey[routeKey(route)], routeKey(route)).toBeDefined();
      expect(byKey[routeKey(route)]!.AuthorizationType).toBe('AWS_IAM');
    }
  });

  it('sends every other method and path to the code that owns it, still behind IAM', () => {
    const byKey = routes();
    for (const path of new Set(ROUTES.map((r) => r.path))) expect(byKey[`ANY ${path}`]?.AuthorizationType).toBe('AWS_IAM');
    expect(byKey.$default?.AuthorizationType).toBe('AWS_IAM');
    expect(Object.keys(byKey)).toHaveLength(ROUTES.length + new Set(ROUTES.map((r) => r.path)).size + 1);
  });

  it('routes each path to the function named in src/api/routes.ts', () => {
    const integrations = Object.fromEntries(resources('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, JSON.stringify(r.Properties.IntegrationUri)]));
    const byKey = routes();
    for (const route of ROUTES) {
      const target = byKey[routeKey(route)]!.Target['Fn::Join'][1][1].Ref as string;
      const fnId = logicalId(handler(route.handler === 'ingest' ? 'Ingest' : 'Query').fn);
      expect(integrations[target]).toContain(fnId);
    }
  });

  it('throttles the stage and writes JSON access logs to a log group with retention', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: built.config.throttleRateLimit, ThrottlingBurstLimit: built.config.throttleBurstLimit },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] }, Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"') },
    });
  });

  it('sends no CORS headers when no origin is configured', () => {
    const [, api] = resources('AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});

describe('the schedule and the tracker', () => {
  it('runs the reingest function on the configured schedule', () => {
    built.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: built.config.schedule,
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(handler('Reingest').fn), 'Arn'] } })],
    });
  });

  it('runs the re-tag fan-out on its own, more frequent schedule', () => {
    built.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: built.config.retagSchedule,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalId(handler('Reingest').fn), 'Arn'] }, Input: JSON.stringify({ detail: { task: 'retag' } }) })],
    });
  });

  it('writes the configured tracker into the table at deploy time as the store keys it', () => {
    const [, seed] = resources('Custom::TrackerSeed')[0]!;
    const call = JSON.parse(JSON.stringify(seed.Properties.Create));
    const create = JSON.parse(call['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'TABLE')).join(''));
    expect(create.action).toBe('PutItem');
    const version = trackerVersion(built.tracker);
    expect(create.physicalResourceId.id).toBe(`${built.tracker.id}@${version}`);
    expect(create.parameters.Item).toEqual(JSON.parse(JSON.stringify(marshall(trackerItem(built.tracker, version), { removeUndefinedValues: true }))));
    expect(seed.Properties.Update).toEqual(seed.Properties.Create);
    built.template.hasOutput('TrackerVersion', { Value: version });
  });

  it('lets the deploy-time writer put items into this table only', () => {
    built.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [tableId(), 'Arn'] } }] },
    });
  });
});

describe('monitoring', () => {
  const alarms = () => resources('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('alarms on dead letters, and on errors and throttles of every function', () => {
    const all = alarms();
    expect(all).toContainEqual(expect.objectContaining({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 }));
    for (const id of ['Ingest', 'Tag', 'Query', 'Reingest', 'Cells', 'Article'] as const) {
      const dimension = [{ Name: 'FunctionName', Value: { Ref: logicalId(handler(id).fn) } }];
      for (const metric of ['Errors', 'Throttles']) {
        expect(all, `${id} ${metric}`).toContainEqual(expect.objectContaining({ Namespace: 'AWS/Lambda', MetricName: metric, Dimensions: dimension }));
      }
    }
    // The cell consumer: a batch given up on, and a matrix lagging the stream.
    expect(all).toContainEqual(expect.objectContaining({ Namespace: 'AWS/Lambda', MetricName: 'IteratorAge', Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(handler('Cells').fn) } }] }));
    expect(all.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(2);
  });

  it('makes no SNS topic when no alarm e-mail is configured', () => {
    built.template.resourceCountIs('AWS::SNS::Topic', 0);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toBeUndefined();
  });

  it('has a dashboard of the rates and latencies of ingest, tag and query, and of the re-ingestion runs', () => {
    const [, dashboard] = resources('AWS::CloudWatch::Dashboard')[0]!;
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of ['Invocations per minute', 'Ingest latency (ms)', 'Tag latency per batch (ms)', 'Query latency (ms)', 'API latency (ms)', 'Tagging queue', 'Documents ingested and tagged', 'Re-ingestion runs']) {
      expect(body).toContain(title);
    }
  });
});

describe('outputs and checks', () => {
  it('outputs the API URL, the table name and the queue URLs', () => {
    const outputs = built.template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'TableName', 'TagQueueUrl', 'DeadLetterQueueUrl']));
    expect(outputs.TableName!.Value).toEqual({ Ref: tableId() });
  });

  it('passes the CloudFormation schema validation built into aws-cdk-lib', () => {
    expect(built.cfnFindings()).toEqual([]);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    const report = built.nag();
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only findings that cdk-nag would otherwise report, each with a reason', async () => {
    const acknowledged = acknowledgements(built.app);
    expect(acknowledged.length).toBeGreaterThan(0);
    const findings = await findingsWithoutAcknowledgements();
    for (const { path, rule, reason } of acknowledged) {
      expect(reason.length, `${rule} at ${path}`).toBeGreaterThan(40);
      const answered = findings.filter((f) => f.startsWith(`${rule} at ${path}/`) || f === `${rule} at ${path}`);
      expect(answered, `${rule} at ${path} answers no finding`).not.toEqual([]);
    }
  }, 60_000);
});
