// HTTP plumbing shared by the API handlers: routing on the API Gateway v2 routeKey,
// reading a JSON body, and the ONE mapping from the project's error types to statuses.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  ConfigError,
  ConflictError,
  MethodNotAllowedError,
  NotFoundError,
  TooLargeError,
  TrackerError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';
import { matchRoute } from './routes.js';
import type { ErrorBody } from './schemas.js';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

const THROTTLED = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
/** Failures on AWS's side that a retry a moment later usually gets past. */
const UNAVAILABLE = new Set(['InternalServerError', 'ServiceUnavailable', 'ServiceUnavailableException']);
/** Reasons a DynamoDB transaction is cancelled with that are about load, not about the items. */
const TRANSIENT_CANCELLATIONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

/** Why a failure is worth retrying shortly (503 with Retry-After), or undefined. */
function transientReason(err: unknown): string | undefined {
  const name = (err as Error)?.name ?? '';
  if (THROTTLED.has(name) || UNAVAILABLE.has(name)) return name;
  if (name === 'TransactionCanceledException') {
    const codes = ((err as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []).map((r) => r.Code ?? '');
    const transient = codes.find((code) => TRANSIENT_CANCELLATIONS.has(code));
    if (transient) return `${name}: ${transient}`;
  }
  return undefined;
}

/** The one error -> HTTP mapping. Anything unexpected is logged and answered 500 without details. */
export function errorResponse(err: unknown, logger?: Logger): HttpResponse {
  const body = (status: number, error: ErrorBody['error'], message: string, where?: string) =>
    json(status, { error, message, ...(where ? { where } : {}) } satisfies ErrorBody);
  if (err instanceof ValidationError) return body(400, 'invalid', err.message, err.where);
  if (err instanceof TrackerError) return body(400, 'invalid', err.message, err.path || undefined);
  if (err instanceof NotFoundError) return body(404, 'not_found', err.message);
  if (err instanceof MethodNotAllowedError) {
    return { ...body(405, 'method_not_allowed', err.message), headers: { 'content-type': 'application/json; charset=utf-8', allow: err.allowed.join(', ') } };
  }
  if (err instanceof TooLargeError) return body(413, 'too_large', err.message);
  if (err instanceof UnsupportedMediaTypeError) return body(415, 'unsupported_media_type', err.message);
  if (err instanceof ConflictError) return body(409, 'conflict', err.message);
  const transient = transientReason(err);
  if (transient) {
    logger?.warn('throttled or unavailable', { error: transient });
    return { ...body(503, 'unavailable', 'the table is busy; retry shortly'), headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' } };
  }
  if (err instanceof ConfigError) logger?.error('configuration', { error: err.message });
  else logger?.error('unexpected failure', err as Error);
  return body(500, 'internal', 'internal error');
}

/** Reads a JSON body: 415 unless it is declared JSON, 413 above `maxBytes`, 400 if it does not parse. */
export function readJsonBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const contentType = (event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? '').toLowerCase();
  const mediaType = contentType.split(';')[0]!.trim();
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) {
    throw new UnsupportedMediaTypeError(`send the body as application/json (got ${mediaType || 'no content-type'})`);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new TooLargeError(`the body is ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  if (bytes.byteLength === 0) throw new ValidationError('the body is empty', 'body');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ValidationError(`not valid JSON (${(err as Error).message})`, 'body');
  }
}

export type RouteHandler = (event: APIGatewayProxyEventV2, pathParameters: Record<string, string>) => Promise<HttpResponse>;

/**
 * Dispatches on the event's routeKey (`GET /matrix`). API Gateway sends `$default` or
 * `ANY /path` for requests no declared route matched: those are routed here with
 * matchRoute, so an unknown path is a 404 and a wrong method a 405 with Allow.
 */
export async function dispatch(event: APIGatewayProxyEventV2, handlers: Record<string, RouteHandler>): Promise<HttpResponse> {
  const direct = handlers[event.routeKey];
  if (direct) return direct(event, (event.pathParameters ?? {}) as Record<string, string>);
  const method = event.requestContext?.http?.method ?? event.routeKey.split(' ')[0] ?? 'GET';
  const match = matchRoute(method, event.rawPath ?? event.requestContext?.http?.path ?? '/');
  if (match.kind === 'method-not-allowed') throw new MethodNotAllowedError(match.allowed);
  if (match.kind === 'found') {
    const handler = handlers[`${match.route.method} ${match.route.path}`];
    if (handler) return handler(event, match.pathParameters);
  }
  throw new NotFoundError(`no route ${method} ${event.rawPath ?? ''}`.trim());
}
