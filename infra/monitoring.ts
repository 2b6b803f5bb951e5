// Alarms (dead letters, function errors and throttles, API server errors, a
// stuck tagging queue), an optional e-mail topic for them, and one dashboard of
// the pipeline's rates and latencies.
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE } from '../src/runtime/lambda.js';
import type { HandlerName } from './handler-function.js';

export interface MonitoringProps {
  stage: string;
  functions: Record<HandlerName, IFunction>;
  tagQueue: IQueue;
  deadLetterQueue: IQueue;
  /** Table stream batches the cell consumer gave up on. */
  cellFailureQueue: IQueue;
  api: HttpApi;
  alarmEmail?: string;
  /** Oldest message in the tagging queue before the alarm fires. */
  maxTagQueueAge?: Duration;
  /** A Bedrock model tags: chart its tokens. */
  modelTagging?: boolean;
}

const PERIOD = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];
  readonly topic?: Topic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    if (props.alarmEmail) {
      this.topic = new Topic(this, 'AlarmTopic', { displayName: `stance tracker ${props.stage} alarms`, enforceSSL: true });
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, id, {
        metric,
        alarmDescription: description,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (this.topic) {
        created.addAlarmAction(new SnsAction(this.topic));
        created.addOkAction(new SnsAction(this.topic));
      }
      this.alarms.push(created);
    };

    alarm(
      'DeadLetterAlarm',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      1,
      'Documents failed tagging repeatedly and wait in the dead-letter queue.',
    );
    alarm(
      'TagQueueAgeAlarm',
      props.tagQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
      (props.maxTagQueueAge ?? Duration.minutes(30)).toSeconds(),
      'Documents wait for tagging longer than expected: the tag function is failing or throttled.',
    );
    alarm(
      'CellStreamFailureAlarm',
      props.cellFailureQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      1,
      'The cell consumer gave up on a batch of the table stream: the matrix misses those changes until they are replayed.',
    );
    alarm(
      'CellStreamIteratorAgeAlarm',
      props.functions.cells.metric('IteratorAge', { period: PERIOD, statistic: 'Maximum' }),
      Duration.minutes(15).toMilliseconds(),
      'The matrix lags the taggings by more than 15 minutes: the cell consumer is failing or too slow.',
    );
    for (const [name, fn] of Object.entries(props.functions)) {
      const title = name[0]!.toUpperCase() + name.slice(1);
      alarm(`${title}ErrorsAlarm`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), 1, `The ${name} function failed.`);
      alarm(`${title}ThrottlesAlarm`, fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }), 1, `The ${name} function was throttled.`);
    }
    alarm('ApiServerErrorsAlarm', props.api.metricServerError({ period: PERIOD, statistic: 'Sum' }), 5, 'The API answered 5xx at least five times in five minutes.');

    this.dashboard = this.buildDashboard(props);
  }

  private buildDashboard(props: MonitoringProps): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `stance-tracker-${props.stage}`, defaultInterval: Duration.hours(24) });
    const { ingest, tag, query, reingest } = props.functions;
    // Math expression ids must differ within one graph; the label is unique there.
    const perMinute = (metric: Metric, label: string) =>
      new MathExpression({ expression: `${label} / PERIOD(${label}) * 60`, usingMetrics: { [label]: metric }, label, period: PERIOD });
    const latency = (fn: IFunction, label: string) => [
      fn.metricDuration({ statistic: 'p50', period: PERIOD, label: `${label} p50` }),
      fn.metricDuration({ statistic: 'p99', period: PERIOD, label: `${label} p99` }),
    ];

    dashboard.addWidgets(
      new TextWidget({ markdown: `# stance tracker (${props.stage})\nIngest -> tag queue -> tag -> table -> query. Rates are per minute, latencies in ms.`, width: 24, height: 2 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Invocations per minute',
        left: [
          perMinute(ingest.metricInvocations({ period: PERIOD, statistic: 'Sum' }), 'ingest'),
          perMinute(tag.metricInvocations({ period: PERIOD, statistic: 'Sum' }), 'tag'),
          perMinute(query.metricInvocations({ period: PERIOD, statistic: 'Sum' }), 'query'),
          perMinute(reingest.metricInvocations({ period: PERIOD, statistic: 'Sum' }), 'reingest'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API requests per minute and errors',
        left: [perMinute(props.api.metricCount({ period: PERIOD, statistic: 'Sum' }), 'requests')],
        right: [
          props.api.metricClientError({ period: PERIOD, statistic: 'Sum', label: '4xx' }),
          props.api.metricServerError({ period: PERIOD, statistic: 'Sum', label: '5xx' }),
        ],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Ingest latency (ms)', left: latency(ingest, 'ingest'), width: 6 }),
      new GraphWidget({ title: 'Tag latency per batch (ms)', left: latency(tag, 'tag'), width: 6 }),
      new GraphWidget({ title: 'Query latency (ms)', left: latency(query, 'query'), width: 6 }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [
          props.api.metricLatency({ statistic: 'p50', period: PERIOD, label: 'p50' }),
          props.api.metricLatency({ statistic: 'p99', period: PERIOD, label: 'p99' }),
        ],
        width: 6,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Tagging queue',
        left: [
          props.tagQueue.metricNumberOfMessagesSent({ period: PERIOD, statistic: 'Sum', label: 'sent' }),
          props.tagQueue.metricNumberOfMessagesDeleted({ period: PERIOD, statistic: 'Sum', label: 'tagged' }),
          props.tagQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'waiting' }),
        ],
        right: [props.tagQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: 'oldest (s)' })],
        width: 12,
      }),
      new SingleValueWidget({
        title: 'Dead letters',
        metrics: [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' })],
        width: 6,
      }),
      new GraphWidget({
        title: 'Errors and throttles',
        left: Object.entries(props.functions).map(([name, fn]) => fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: `${name} errors` })),
        right: Object.entries(props.functions).map(([name, fn]) => fn.metricThrottles({ period: PERIOD, statistic: 'Sum', label: `${name} throttles` })),
        width: 6,
      }),
    );
    // The functions' own Powertools metrics (src/runtime/lambda.ts, functions/ingest.ts, functions/tag.ts, functions/reingest.ts).
    const custom = (fn: HandlerName, metricName: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE, function: fn }, period: PERIOD, statistic: 'Sum', label: `${fn} ${metricName}` });
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Documents ingested and tagged (per 5 min)',
        left: [custom('ingest', 'DocumentsIngested'), custom('ingest', 'Duplicates'), custom('tag', 'DocumentsTagged')],
        right: [custom('ingest', 'NotQueued'), custom('tag', 'TagFailures')],
        width: 12,
      }),
      new GraphWidget({
        title: 'API answers by class (per 5 min)',
        left: (['ingest', 'query'] as const).flatMap((fn) => ['Requests', 'ClientErrors', 'ServerErrors'].map((name) => custom(fn, name))),
        width: 12,
      }),
      new GraphWidget({
        title: 'Re-ingestion runs: sources and documents (per 5 min)',
        left: ['SourcesRead', 'SourcesUnchanged', 'DocumentsIngested', 'DocumentsRetagged'].map((name) => custom('reingest', name)),
        right: ['SourcesFailed', 'ItemPagesFailed', 'RetagFailed'].map((name) => custom('reingest', name)),
        width: 24,
      }),
    );
    if (props.modelTagging) {
      dashboard.addWidgets(
        new GraphWidget({
          title: 'Model tokens (per 5 min)',
          left: ['ModelInputTokens', 'ModelOutputTokens'].map((name) => custom('tag', name)),
          right: [custom('tag', 'ModelCallsSkipped')],
          width: 24,
        }),
      );
    }
    return dashboard;
  }
}
