// The local HTTP API: what API Gateway (HTTP API, payload format 2.0) does in front
// of the Lambda functions, on loopback. A node:http request becomes an
// APIGatewayProxyEventV2 for the function that owns the route (src/api/routes.ts),
// and the function's result becomes the HTTP response, so the handlers run unchanged.
// An unknown path (404), a wrong method (405 with Allow) and an oversized body (413) are
// answered here, with the same error body the functions use (src/api/http.ts).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorResponse } from '../api/http.js';
import { matchRoute, type FunctionName } from '../api/routes.js';
import { ConfigError, MethodNotAllowedError, NotFoundError, TooLargeError } from '../errors.js';
import { lambdaContext, LOCAL_ACCOUNT_ID, type LambdaHandler } from './lambda.js';

export type ApiHandler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2<unknown>>;

/** Lambda's limit on a synchronous invocation payload: API Gateway answers 413 above it. */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

export interface ApiRequest {
  method: string;
  /** Path and query string as sent: `/stances?actor=russia`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp?: string;
}

export interface ApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

export interface LocalApiOptions {
  handlers: Record<FunctionName, ApiHandler>;
  /** 0 or absent picks a free port. */
  port?: number;
  region?: string;
  /** A handler threw or returned something API Gateway cannot use; the client gets a 500. */
  onHandlerError?: (error: unknown, routeKey: string) => void;
  /** One call per answered request (for an access log). */
  onResponse?: (line: { method: string; path: string; statusCode: number; ms: number }) => void;
  /** The client hung up before it had the answer (while sending its body, or while the function ran). */
  onClientAbort?: (request: { method: string; path: string }) => void;
}

export interface LocalApi {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  stop(): Promise<void>;
}

// API Gateway passes these bodies as text; any other body (or none declared) arrives base64-encoded.
const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's requestContext.time: `22/Nov/2026:07:33:31 +0000`. */
function requestTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`
  );
}

function jsonResponse(statusCode: number, payload: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    cookies: [],
    body: Buffer.from(JSON.stringify(payload)),
  };
}

function decodeQuery(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    // Repeated keys arrive comma-joined, as API Gateway does it.
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return params;
}

const tooLarge = () => fromLambdaResult(errorResponse(new TooLargeError(`the request is larger than ${MAX_REQUEST_BYTES} bytes, the Lambda payload limit`)));

/** The event API Gateway would send for this request on `routeKey`. */
export function toApiGatewayEvent(
  request: ApiRequest,
  routeKey: string,
  pathParameters: Record<string, string>,
  now = new Date(),
): APIGatewayProxyEventV2 {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : request.url.slice(queryAt + 1);

  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (lower === 'cookie') cookies = joined.split(/;\s*/).filter(Boolean);
    else headers[lower] = joined;
  }
  const sourceIp = request.sourceIp ?? '127.0.0.1';
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  const host = headers.host ?? '127.0.0.1';
  headers['x-forwarded-port'] ??= host.split(':')[1] ?? '80';

  const hasBody = request.body.length > 0;
  const asText = TEXT_CONTENT.test(headers['content-type'] ?? '');
  const queryStringParameters = decodeQuery(rawQueryString);
  const requestId = randomUUID();
  const domainName = host.split(':')[0]!;

  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(asText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !asText,
  };
}

/** API Gateway's reading of a function result (payload format 2.0). */
export function fromLambdaResult(result: unknown): ApiResponse {
  if (result === undefined || result === null) throw new TypeError('the handler returned no response');
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(result) };
  if (typeof result !== 'object' || !('statusCode' in result)) return jsonResponse(200, result);
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = structured.body ?? '';
  return {
    statusCode: structured.statusCode ?? 200,
    headers,
    cookies: structured.cookies ?? [],
    body: Buffer.from(body, structured.isBase64Encoded ? 'base64' : 'utf8'),
  };
}

/** Routes one request to its function and returns what API Gateway would answer. */
export async function invokeApi(options: Pick<LocalApiOptions, 'handlers' | 'region' | 'onHandlerError'>, request: ApiRequest): Promise<ApiResponse> {
  const path = request.url.split('?')[0]!;
  const match = matchRoute(request.method, path);
  // The deployed stack sends these to a function whose answer is errorResponse's; so does this.
  if (match.kind === 'not-found') return fromLambdaResult(errorResponse(new NotFoundError(`no route ${request.method.toUpperCase()} ${path}`)));
  if (match.kind === 'method-not-allowed') return fromLambdaResult(errorResponse(new MethodNotAllowedError(match.allowed)));
  if (request.body.length > MAX_REQUEST_BYTES) return tooLarge();

  const key = `${match.route.method} ${match.route.path}`;
  const event = toApiGatewayEvent(request, key, match.pathParameters);
  const handler = options.handlers[match.route.handler];
  try {
    const response = fromLambdaResult(await handler(event, lambdaContext({ functionName: `stance-${match.route.handler}`, ...(options.region ? { region: options.region } : {}) })));
    response.headers['apigw-requestid'] = event.requestContext.requestId;
    return response;
  } catch (error) {
    options.onHandlerError?.(error, key);
    return jsonResponse(500, { message: 'Internal Server Error' }, { 'apigw-requestid': event.requestContext.requestId });
  }
}

/** A request the client gave up on: nobody is left to answer. */
const CLIENT_ABORTED = Symbol('client aborted');

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | typeof CLIENT_ABORTED> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || !req.complete ? resolve(CLIENT_ABORTED) : reject(error)));
    req.on('close', () => {
      if (!req.complete) resolve(CLIENT_ABORTED);
    });
  });
}

function write(res: ServerResponse, response: ApiResponse): void {
  const headers: Record<string, string | string[]> = { ...response.headers, 'content-length': String(response.body.length) };
  if (response.cookies.length) headers['set-cookie'] = response.cookies;
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

/** Serves the routes on 127.0.0.1 until stop(). */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const server = createServer((req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    readBody(req)
      .then((body) =>
        body === CLIENT_ABORTED ? CLIENT_ABORTED : body === 'too-large' ? tooLarge() : invokeApi(options, { method, url, headers: req.headers, body, sourceIp }),
      )
      .then(
        (response) => {
          // The client hung up: the function's work is done (or never started), but nobody reads the answer.
          if (response === CLIENT_ABORTED || res.destroyed || req.socket.destroyed) {
            options.onClientAbort?.({ method, path: url });
            return;
          }
          write(res, response);
          options.onResponse?.({ method, path: url, statusCode: response.statusCode, ms: Math.round(performance.now() - started) });
        },
        (error: unknown) => {
          options.onHandlerError?.(error, `${method} ${url}`);
          if (!res.headersSent) write(res, jsonResponse(500, { message: 'Internal Server Error' }));
        },
      );
  });

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`port ${port} on 127.0.0.1 is already in use (is another "npm start" running?); choose another with --port`));
      else if (error.code === 'EACCES') reject(new ConfigError(`not allowed to listen on port ${port}; choose a port above 1023 with --port`));
      else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
