// The stack under non-default settings, given the way `cdk -c key=value` gives
// them (strings): open reads, an alarm e-mail, CORS origins, a cron schedule and
// a throwaway stage whose data goes with the stack.
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../src/api/routes.js';
import { type BuiltStack, acknowledgements, buildStack, findingsWithoutAcknowledgements } from './support/infra.js';

const settings = {
  stage: 'demo',
  openReads: 'true',
  alarmEmail: 'alerts@example.org',
  corsOrigins: 'https://news.example.org, http://localhost:5173',
  schedule: 'cron(15 6 * * ? *)',
  retainData: 'false',
  logRetentionDays: '7',
  throttleRateLimit: '5',
  throttleBurstLimit: '10',
};

let built: BuiltStack;
beforeAll(async () => {
  built = await buildStack(settings, { bundle: false, cfnValidation: false });
}, 120_000);
afterAll(() => built?.remove());

type Json = Record<string, any>;
const routes = (): Record<string, Json> =>
  Object.fromEntries(Object.values(built.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, r.Properties]));

describe('a stage with open reads, CORS, an alarm e-mail and throwaway data', () => {
  it('is named after its stage', () => {
    expect(built.stack.stackName).toBe('StanceTracker-demo');
  });

  it('opens the GET routes but keeps IAM authorization on POST /documents and on every method of its path', () => {
    const byKey = routes();
    for (const route of ROUTES) {
      expect(byKey[routeKey(route)]!.AuthorizationType, routeKey(route)).toBe(route.access === 'write' ? 'AWS_IAM' : 'NONE');
    }
    expect(byKey['ANY /documents']!.AuthorizationType).toBe('AWS_IAM');
    expect(byKey['ANY /matrix']!.AuthorizationType).toBe('NONE');
  });

  it('answers CORS preflights for the configured origins with the SigV4 headers allowed', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://news.example.org', 'http://localhost:5173'],
        AllowHeaders: Match.arrayWith(['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']),
        AllowMethods: Match.arrayWith(['GET', 'POST']),
      },
    });
    expect(routes()['OPTIONS /{proxy+}']!.AuthorizationType).toBe('NONE');
  });

  it('subscribes the e-mail to an SNS topic that every alarm notifies', () => {
    built.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alerts@example.org' });
    const [topicId] = Object.keys(built.template.findResources('AWS::SNS::Topic'));
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
    built.template.hasOutput('AlarmTopicArn', { Value: { Ref: topicId } });
  });

  it('refuses SNS publishing without TLS', () => {
    built.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('uses the cron schedule as given', () => {
    built.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(15 6 * * ? *)' });
  });

  it('lets the table and logs go with the stack when data is not retained', () => {
    built.template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      DeletionPolicy: 'Delete',
    });
    for (const group of Object.values(built.template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.DeletionPolicy).toBe('Delete');
      expect(group.Properties.RetentionInDays).toBe(7);
    }
  });

  it('throttles the stage at the configured rate and burst', () => {
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });

  it('passes cdk-nag AwsSolutions with every open route acknowledged for a reason', () => {
    const report = built.nag();
    const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
    expect(findings).toEqual([]);
    const openRoutes = Object.values(routes()).filter((r) => r.AuthorizationType === 'NONE');
    expect(openRoutes.length).toBeGreaterThan(0);
    expect(acknowledgements(built.app).filter((a) => a.rule === 'AwsSolutions-APIG4')).toHaveLength(openRoutes.length);
  });

  it('acknowledges only findings that cdk-nag would otherwise report', async () => {
    const findings = await findingsWithoutAcknowledgements(settings);
    for (const { path, rule } of acknowledgements(built.app)) {
      expect(findings.some((f) => f.startsWith(`${rule} at ${path}/`)), `${rule} at ${path} answers no finding`).toBe(true);
    }
  }, 60_000);
});
