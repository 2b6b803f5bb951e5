// The whole pipeline on AWS: the table, the tagging queue and its dead-letter
// queue, the four functions with least grants, the HTTP API, the re-ingestion
// schedule, the tracker written at deploy time, alarms and a dashboard.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type CfnTable, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RULES_TAGGER, type Tracker } from '../src/core/tracker.js';
import { METRICS_NAMESPACE, SERVICE } from '../src/runtime/lambda.js';
import { DOCUMENT_STREAM_FILTER } from '../src/store/keys.js';
import { TABLE_INDEXES, TABLE_KEY, TABLE_STREAM_VIEW } from '../src/store/table.js';
import { FUNCTION_ACCESS, grantAccess } from './access.js';
import type { StackConfig } from './config.js';
import { copyDashboardInto } from './dashboard-assets.js';
import { HandlerFunction, type HandlerName } from './handler-function.js';
import { grantModelInvoke } from './model-access.js';
import { StanceApi } from './http-api.js';
import { Monitoring } from './monitoring.js';
import { TrackerSeed } from './tracker-seed.js';

export interface StanceTrackerStackProps extends StackProps {
  config: StackConfig;
  /** The tracker named by config.trackerFile, already validated. */
  tracker: Tracker;
}

/** Receives before a message goes to the dead-letter queue. */
export const MAX_RECEIVE_COUNT = 3;
const TAG_TIMEOUT = Duration.minutes(2);
/** A model call takes seconds to a minute (the client's own limit), retried by the SDK: room for a batch of them. */
export const MODEL_TAG_TIMEOUT = Duration.minutes(10);
/** Documents per tag invocation when a model tags them: a timed-out batch is retried whole. */
export const MODEL_TAG_BATCH = 2;
/** Concurrent tag invocations the queue may drive. */
export const TAG_MAX_CONCURRENCY = 5;
/** Records per batch of the cell consumer (Lambda's default for a DynamoDB stream). */
export const CELLS_BATCH_SIZE = 100;
const CELLS_TIMEOUT = Duration.minutes(1);

export function stackName(stage: string): string {
  return `StanceTracker-${stage}`;
}

export class StanceTrackerStack extends Stack {
  constructor(scope: Construct, id: string, props: StanceTrackerStackProps) {
    super(scope, id, { description: `stance tracker (${props.config.stage}): news in, stances out`, ...props });
    const { config, tracker } = props;
    // The tracker's own tagger, else the deployment's: Bedrock access and timing follow it.
    const tagger = tracker.tagger ?? config.tagger ?? RULES_TAGGER;
    const model = tagger.kind === 'bedrock' ? tagger : undefined;
    const tagTimeout = model ? MODEL_TAG_TIMEOUT : TAG_TIMEOUT;
    Tags.of(this).add('project', 'stance-tracker');
    Tags.of(this).add('stage', config.stage);
    // The table and the logs share one policy: a throwaway stage keeps neither.
    const removal = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as RetentionDays;

    const table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEY.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: config.retainData,
      removalPolicy: removal,
      // The matrix cells are applied from the stream (functions/cells.ts), which diffs each document's `cells`.
      stream: StreamViewType[TABLE_STREAM_VIEW],
    });
    for (const index of TABLE_INDEXES) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[index.projection.type],
        nonKeyAttributes: [...index.projection.attributes],
      });
    }

    const deadLetterQueue = new Queue(this, 'TagDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const tagQueue = new Queue(this, 'TagQueue', {
      // AWS's advice for a Lambda event source: six times the function timeout.
      visibilityTimeout: Duration.seconds(tagTimeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    const observabilitySettings = {
      // The functions name their service and namespace in code too (src/runtime/lambda.ts): same values.
      POWERTOOLS_SERVICE_NAME: SERVICE,
      POWERTOOLS_LOG_LEVEL: config.logLevel,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    };
    const tableSettings = { TABLE_NAME: table.tableName, TRACKER_ID: tracker.id };
    // The article function parses untrusted pages and never reads the table: it is not even told its name.
    const withoutTable: ReadonlySet<HandlerName> = new Set(['article']);
    const make = (
      name: HandlerName,
      id: string,
      description: string,
      timeout: Duration,
      memorySize: number,
      environment: Record<string, string> = {},
      afterBundling?: (outputDir: string) => string[],
    ) =>
      new HandlerFunction(this, id, {
        name,
        description,
        timeout,
        memorySize,
        environment: { ...observabilitySettings, ...(withoutTable.has(name) ? {} : tableSettings), ...environment },
        logRetention,
        logRemovalPolicy: removal,
        ...(afterBundling ? { afterBundling } : {}),
      }).fn;
    const ingest = make('ingest', 'Ingest', 'POST /documents: validate, store and queue documents for tagging', Duration.seconds(29), 512, {
      TAG_QUEUE_URL: tagQueue.queueUrl,
    });
    const taggerSetting: Record<string, string> = config.tagger ? { TAGGER: JSON.stringify(config.tagger) } : {};
    const tag = make('tag', 'Tag', 'Tag queued documents and store their stance records', tagTimeout, 1024, {
      ...taggerSetting,
      ...(model ? { DAILY_TOKEN_BUDGET: String(config.dailyTokenBudget) } : {}),
    });
    const query = make('query', 'Query', 'GET routes: matrix, stances, documents, alignment, changes, exports, dashboard, OpenAPI', Duration.seconds(29), 512, {}, copyDashboardInto);
    // The one function whose bundle carries the HTML parser (reingest invokes it for each page); it gets no table or queue access.
    const article = make('article', 'Article', 'For reingest: fetch one news page and extract its article', Duration.seconds(30), 1024);
    // Re-tagging fans out to the tag queue, so reingest never calls a model itself: the tagger settings
    // only tell it which documents are stale.
    const reingest = make('reingest', 'Reingest', 'Scheduled: fetch the tracker sources and send stale documents to the tag queue', Duration.minutes(10), 1024, {
      TAG_QUEUE_URL: tagQueue.queueUrl,
      RETAG_BATCH_LIMIT: String(config.retagBatchLimit),
      RETAG_QUEUE_DEPTH: String(config.retagQueueDepth),
      ARTICLE_FUNCTION_NAME: article.functionName,
      ...taggerSetting,
    });
    // This function only, not its versions or aliases (grantInvoke would add `<arn>:*`).
    reingest.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [article.functionArn] }));

    const cells = make('cells', 'Cells', "Table stream: apply the documents' cell changes to the matrix, summed per batch", CELLS_TIMEOUT, 512);
    // Batches the consumer gave up on (after retries, bisected): the records' metadata, to replay by hand.
    const cellFailureQueue = new Queue(this, 'CellStreamFailureQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    cells.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // Lambda's default for streams; the per-document cost of the cells falls with the batch (docs/store.md).
        batchSize: CELLS_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(5),
        // One batch per shard at a time, in order: what the cells' marks per shard rely on.
        parallelizationFactor: 1,
        // The window's events carry the shard id the marks are kept by; the consumer keeps no state in it.
        tumblingWindow: Duration.seconds(60),
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(cellFailureQueue),
        filters: [FilterCriteria.filter(DOCUMENT_STREAM_FILTER as unknown as Record<string, unknown>)],
      }),
    );

    Validations.of(cells.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "dynamodb:ListStreams, which the stream's event source mapping needs, has no resource-level permission; the stream reads themselves are granted on this table's stream only.",
    });
    Validations.of(cellFailureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the failure destination of the cell consumer's event source mapping; it holds records' metadata for a replay by hand.",
    });

    // Exactly the actions each function calls (infra/access.ts), not the CDK grant helpers' sets.
    const functions = { ingest, tag, query, reingest, cells, article };
    for (const name of Object.keys(functions) as HandlerName[]) grantAccess(functions[name], FUNCTION_ACCESS[name], { table, tagQueue });
    // A plain mapping rather than SqsEventSource, whose grantConsumeMessages adds actions the poller never uses.
    tag.addEventSourceMapping('TagQueueSource', {
      eventSourceArn: tagQueue.queueArn,
      batchSize: model ? MODEL_TAG_BATCH : 10,
      maxBatchingWindow: Duration.seconds(5),
      reportBatchItemFailures: true,
      // Tagging is not urgent, and concurrent batches contend for the same matrix cells:
      // a few pollers drain a burst without turning it into conflicting transactions.
      maxConcurrency: TAG_MAX_CONCURRENCY,
    });
    if (model) {
      const arns = grantModelInvoke(tag, this, model);
      if (arns.profile) {
        Validations.of(tag.role!).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${arns.foundationModel.replace(this.partition, '<AWS::Partition>')}]`,
          reason: 'A cross-region inference profile routes to this one foundation model in several regions; the grant applies only through the profile (bedrock:InferenceProfileArn condition).',
        });
      }
    }

    const schedule = new Rule(this, 'ReingestSchedule', {
      description: 'Runs the re-ingestion function: fetch sources, re-tag stale documents',
      schedule: Schedule.expression(config.schedule),
    });
    schedule.addTarget(new LambdaFunction(reingest, { retryAttempts: 2, maxEventAge: Duration.hours(1) }));
    // Re-tagging drains between re-ingestion runs: each run tops the tag queue up to retagQueueDepth.
    const retagSchedule = new Rule(this, 'RetagSchedule', {
      description: 'Sends stale documents (tagged by another tagger or tracker version) to the tag queue',
      schedule: Schedule.expression(config.retagSchedule),
    });
    retagSchedule.addTarget(
      new LambdaFunction(reingest, { event: RuleTargetInput.fromObject({ detail: { task: 'retag' } }), retryAttempts: 2, maxEventAge: Duration.minutes(15) }),
    );

    const seed = new TrackerSeed(this, 'Tracker', { table, tracker, logRetention, logRemovalPolicy: removal });

    const api = new StanceApi(this, 'Api', {
      stage: config.stage,
      functions: { ingest, query },
      openReads: config.openReads,
      corsOrigins: config.corsOrigins,
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
      logRetention,
      logRemovalPolicy: removal,
    });

    const monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      functions: { ingest, tag, query, reingest, cells, article },
      cellFailureQueue,
      tagQueue,
      deadLetterQueue,
      api: api.api,
      alarmEmail: config.alarmEmail,
      modelTagging: model !== undefined,
    });

    for (const fn of [ingest, tag, query, reingest, cells, article]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'Node.js 22 on purpose: the code is built and tested against Node 20/22 LTS; move to a newer runtime after testing on it.',
      });
    }

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the HTTP API', value: api.url });
    new CfnOutput(this, 'TableName', { description: 'DynamoDB table', value: table.tableName });
    new CfnOutput(this, 'TagQueueUrl', { description: 'SQS queue of documents waiting for tagging', value: tagQueue.queueUrl });
    new CfnOutput(this, 'CellStreamFailureQueueUrl', { description: 'SQS queue of table stream batches the cell consumer gave up on', value: cellFailureQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { description: 'SQS queue of documents that failed tagging', value: deadLetterQueue.queueUrl });
    new CfnOutput(this, 'TrackerVersion', { description: `Version of tracker ${tracker.id} written at deploy time`, value: seed.version });
    new CfnOutput(this, 'DashboardName', { description: 'CloudWatch dashboard', value: monitoring.dashboard.dashboardName });
    if (monitoring.topic) new CfnOutput(this, 'AlarmTopicArn', { description: 'SNS topic of the alarms', value: monitoring.topic.topicArn });
  }
}
