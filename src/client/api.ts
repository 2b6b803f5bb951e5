// The HTTP client of the CLI: talks to the local server (`npm start`) or to a
// deployed API. Requests to a deployed https URL are signed with SigV4 (service
// execute-api) using the credentials the AWS SDK would find (environment, profile,
// SSO, instance role), because the stack protects its routes with IAM.
import { createHash, createHmac } from 'node:crypto';
import { ApiError, UsageError } from '../errors.js';

import { DEFAULT_API_URL } from '../config.js';

export { DEFAULT_API_URL };
/** API Gateway gives up after 30 s; a little more covers the network. */
const REQUEST_TIMEOUT_MS = 35_000;

export interface ApiClientOptions {
  /** Sign requests with SigV4. Default: for https URLs that are not on loopback. */
  sign?: boolean;
  /** Region for signing; read from an `*.execute-api.<region>.amazonaws.com` URL when absent. */
  region?: string;
}

export interface ApiAnswer {
  status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
  /** The response headers (the CSV export's next page is in x-next-cursor). */
  headers?: Headers;
}

type Query = Record<string, string | number | undefined>;

/** node:crypto in the shape @smithy/signature-v4 expects of a hash (HMAC when given a secret). */
class Sha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    const key = typeof secret === 'string' || secret === undefined ? secret : Buffer.from(secret instanceof ArrayBuffer ? new Uint8Array(secret) : new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength));
    this.hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('not needed for request signing');
  }
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function messageOf(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const error = record.error && typeof record.error === 'object' ? (record.error as Record<string, unknown>) : undefined;
    const message = record.message ?? error?.message ?? (typeof record.error === 'string' ? record.error : undefined);
    if (typeof message === 'string') {
      const field = record.field ?? record.where ?? error?.field ?? error?.where;
      return typeof field === 'string' && field && !message.includes(field) ? `${field}: ${message}` : message;
    }
  }
  return typeof body === 'string' && body.trim() ? body.trim().slice(0, 300) : undefined;
}

export class ApiClient {
  readonly baseUrl: URL;
  private readonly sign: boolean;
  private readonly region: string | undefined;
  private signer: Promise<{ sign(request: unknown): Promise<{ headers: Record<string, string> }> }> | undefined;

  constructor(baseUrl: string, options: ApiClientOptions = {}) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new UsageError(`--api ${baseUrl}: not a URL (example: ${DEFAULT_API_URL})`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--api ${baseUrl}: the URL must be http or https`);
    this.baseUrl = url;
    this.sign = options.sign ?? (url.protocol === 'https:' && !isLoopback(url));
    this.region = options.region ?? /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1];
  }

  get(path: string, query: Query = {}): Promise<ApiAnswer> {
    return this.request('GET', path, query);
  }

  post(path: string, payload: unknown): Promise<ApiAnswer> {
    return this.request('POST', path, {}, JSON.stringify(payload));
  }

  /** The full URL of `path` under the API's base URL (a stage path such as /prod is kept). */
  urlOf(path: string, query: Query = {}): URL {
    const url = new URL(this.baseUrl.href.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** Any answer below 400 resolves; 4xx and 5xx throw ApiError with the API's own message. */
  async request(method: 'GET' | 'POST', path: string, query: Query = {}, body?: string): Promise<ApiAnswer> {
    const url = this.urlOf(path, query);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.sign) Object.assign(headers, await this.signedHeaders(method, url, headers, body));

    let response: Response;
    try {
      response = await fetch(url, { method, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), ...(body !== undefined ? { body } : {}) });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new ApiError(`no answer from ${this.baseUrl.origin} within ${REQUEST_TIMEOUT_MS / 1000} s (${method} ${url.pathname})`, url.href);
      }
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const local = isLoopback(this.baseUrl);
      throw new ApiError(
        `cannot reach ${this.baseUrl.origin}${cause ? ` (${cause})` : ''}` +
          (local ? '; start the local stack with "npm start" (or pass --api URL)' : '; check the --api URL and your network'),
        url.href,
      );
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    if (response.status >= 400) {
      const message = messageOf(parsed) ?? response.statusText;
      throw new ApiError(`${method} ${url.pathname}${url.search} answered ${response.status}: ${message}`, url.href, response.status);
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  private async signedHeaders(method: string, url: URL, headers: Record<string, string>, body: string | undefined): Promise<Record<string, string>> {
    if (!this.region) {
      throw new UsageError(`cannot tell the AWS region of ${url.origin} for signing; pass --region REGION (or --no-sign for an open API)`);
    }
    this.signer ??= this.makeSigner(this.region);
    const signer = await this.signer;
    const query: Record<string, string> = {};
    for (const [key, value] of url.searchParams) query[key] = value;
    try {
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query,
        headers: { ...headers, host: url.host },
        ...(body !== undefined ? { body } : {}),
      });
      const { host: _host, ...rest } = signed.headers;
      return rest;
    } catch (error) {
      throw new ApiError(`cannot sign the request to ${url.origin}: no usable AWS credentials (${(error as Error).message})`, url.href);
    }
  }

  private async makeSigner(region: string) {
    // Both come with the AWS SDK (dependencies of @aws-sdk/client-*); loaded only to sign.
    const [{ SignatureV4 }, { defaultProvider }] = await Promise.all([import('@smithy/signature-v4'), import('@aws-sdk/credential-provider-node')]);
    return new SignatureV4({ service: 'execute-api', region, credentials: defaultProvider(), sha256: Sha256 });
  }
}
