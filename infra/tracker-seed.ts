// Writes the configured tracker into the table at deploy time, so the functions
// find the tracker named by TRACKER_ID from their first request. The item is
// built by the store's own key scheme (trackerItem) and replaced whenever the
// tracker's content (hence its version) changes.
import { type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Construct } from 'constructs';
import { type Tracker, trackerVersion } from '../src/core/tracker.js';
import { trackerItem } from '../src/store/keys.js';

export interface TrackerSeedProps {
  table: ITable;
  tracker: Tracker;
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

/** The construct id AwsCustomResource gives its one Lambda function per stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export class TrackerSeed extends Construct {
  readonly version: string;

  constructor(scope: Construct, id: string, props: TrackerSeedProps) {
    super(scope, id);
    this.version = trackerVersion(props.tracker);
    const putItem = {
      service: 'DynamoDB',
      action: 'PutItem',
      parameters: {
        TableName: props.table.tableName,
        Item: marshall(trackerItem(props.tracker, this.version), { removeUndefinedValues: true, convertClassInstanceToMap: false }),
      },
      physicalResourceId: PhysicalResourceId.of(`${props.tracker.id}@${this.version}`),
    };
    new AwsCustomResource(this, 'PutTracker', {
      resourceType: 'Custom::TrackerSeed',
      onCreate: putItem,
      onUpdate: putItem,
      // The table outlives the stack by default; an old tracker item is harmless there.
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn] })]),
      // The provider's bundled SDK is enough for PutItem; fetching the latest needs the internet at deploy time.
      installLatestAwsSdk: false,
      logGroup: new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy }),
    });

    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The deploy-time custom resource provider is made by aws-cdk-lib (AwsCustomResource); the managed policy only lets it write its own logs.',
      });
    }
  }
}
