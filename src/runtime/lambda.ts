// What every Lambda function shares: its AWS clients (created plainly, so the SDK's own
// AWS_ENDPOINT_URL_* variables point them at loopback servers locally), the store (the queue:
// ./queue.ts), the Powertools logger and metrics, and the middy wrapping of an HTTP handler.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { env } from '../config.js';
import { DynamoStore } from '../store/store.js';
import type { Store } from '../store/ports.js';
import { dispatch, errorResponse, type HttpResponse, type RouteHandler } from '../api/http.js';

export const SERVICE = 'stance-tracker';
export const METRICS_NAMESPACE = 'StanceTracker';

export function documentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function defaultStore(): Store {
  return new DynamoStore(documentClient(), env().TABLE_NAME);
}

/** Builds a value on first use: env is read when a request arrives, not when the module loads. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

export function observability(functionName: string): Observability {
  return {
    logger: new Logger({ serviceName: SERVICE }),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE, defaultDimensions: { function: functionName } }),
  };
}

/** An API Gateway v2 handler: routes, maps every error to a status, never throws. */
export function httpHandler(routes: () => Record<string, RouteHandler>, obs: Observability) {
  const base = async (event: APIGatewayProxyEventV2, _context: Context): Promise<HttpResponse> => {
    let response: HttpResponse;
    try {
      response = await dispatch(event, routes());
    } catch (err) {
      response = errorResponse(err, obs.logger);
      obs.logger.info('request refused', { routeKey: event.routeKey, status: response.statusCode, error: (err as Error)?.name });
    }
    obs.metrics.addMetric(response.statusCode >= 500 ? 'ServerErrors' : response.statusCode >= 400 ? 'ClientErrors' : 'Requests', MetricUnit.Count, 1);
    return response;
  };
  return middy(base).use(injectLambdaContext(obs.logger)).use(logMetrics(obs.metrics));
}
