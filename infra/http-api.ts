// The HTTP API (API Gateway v2): one route per entry of src/api/routes.ts, IAM
// (SigV4) authorization on writes always and on reads unless they are opened,
// throttling and JSON access logs on the stage, CORS from configuration.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionName, ROUTES, routeKey } from '../src/api/routes.js';

export interface StanceApiProps {
  stage: string;
  functions: Record<FunctionName, IFunction>;
  openReads: boolean;
  corsOrigins: string[];
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
}

const OPEN_READS_REASON = 'Reads are opened on purpose by the "openReads" setting: the GET routes serve published stance data; POST /documents keeps IAM authorization.';

/** What the access log records per request (HTTP API context variables). */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.userArn',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export class StanceApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: StanceApiProps) {
    super(scope, id);
    const cors = props.corsOrigins.length > 0;
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `stance-tracker-${props.stage}`,
      description: 'stance tracker: ingest documents, read stances',
      createDefaultStage: false,
      corsPreflight: cors
        ? {
            allowOrigins: props.corsOrigins,
            allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
            // The headers a SigV4-signing browser client sends.
            allowHeaders: ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'],
            maxAge: Duration.hours(1),
          }
        : undefined,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integrations = {
      ingest: new HttpLambdaIntegration('IngestIntegration', props.functions.ingest),
      query: new HttpLambdaIntegration('QueryIntegration', props.functions.query),
    };
    const iam = new HttpIamAuthorizer();
    const none = new HttpNoneAuthorizer();
    const readAuthorizer: IHttpRouteAuthorizer = props.openReads ? none : iam;
    const addRoute = (id: string, key: HttpRouteKey, handler: FunctionName, authorizer: IHttpRouteAuthorizer, openReason?: string) => {
      const route = new HttpRoute(this, id, { httpApi: this.api, routeKey: key, integration: integrations[handler], authorizer });
      if (authorizer === none) Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: openReason ?? OPEN_READS_REASON });
    };

    for (const route of ROUTES) {
      addRoute(`Route ${routeKey(route)}`, HttpRouteKey.with(route.path, HttpMethod[route.method]), route.handler, route.access === 'write' ? iam : readAuthorizer);
    }
    // `ANY <path>` and `$default` send a wrong method or an unknown path to our
    // code, which answers 405 or 404 the same way the local server does. A path
    // that takes a write keeps IAM on every method.
    const paths = [...new Set(ROUTES.map((r) => r.path))];
    for (const path of paths) {
      const owners = ROUTES.filter((r) => r.path === path);
      const writes = owners.some((r) => r.access === 'write');
      addRoute(`Route ANY ${path}`, HttpRouteKey.with(path, HttpMethod.ANY), owners[0]!.handler, writes ? iam : readAuthorizer);
    }
    addRoute('Route $default', HttpRouteKey.DEFAULT, 'query', readAuthorizer);
    if (cors) {
      // A browser's preflight carries no signature; this route lets it past the
      // IAM-authorized ANY and $default routes to API Gateway's CORS answer.
      addRoute('Route OPTIONS preflight', HttpRouteKey.with('/{proxy+}', HttpMethod.OPTIONS), 'query', none,
        'CORS preflight requests cannot carry a SigV4 signature; API Gateway answers them from the CORS configuration.');
    }
  }

  /** The base URL of the API ($default stage, so no stage prefix in paths). */
  get url(): string {
    return this.stage.url;
  }
}
