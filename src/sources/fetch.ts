// A fetcher for URLs that users and the pages they link to choose: http and https only,
// a deadline, a byte limit, redirects followed by hand, conditional requests, and no
// connection to an address a Lambda should never reach. The name is resolved ONCE per
// hop, every address it resolves to is checked, and the socket connects to the checked
// address (the request keeps the name for the Host header and TLS SNI), so a DNS answer
// that changes between check and connect cannot point the request elsewhere.
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { SourceError } from '../errors.js';
import { refusalReason, type AddressPolicy } from './address.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the system resolver by default). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions extends AddressPolicy {
  /** Deadline for the whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** Largest body accepted, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Remembered validators from the last fetch: a 304 answer means unchanged. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  userAgent?: string;
  resolve?: Resolver;
  /** Certificate authorities to trust instead of the system's (a test's own TLS server). */
  ca?: string | Buffer;
}

export const FETCH_DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'stance-tracker/0.1 (scheduled news re-ingestion)',
  accept: '*/*',
} as const;

export type FetchResult =
  | { kind: 'not-modified'; url: string; finalUrl: string }
  | {
      kind: 'fetched';
      url: string;
      /** The URL after redirects: relative links in the body resolve against it. */
      finalUrl: string;
      status: number;
      contentType: string;
      body: Buffer;
      etag?: string;
      lastModified?: string;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Fetches a URL under the limits above; every failure is a SourceError with a reason. */
export async function safeFetch(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = parseHttpUrl(url);
    for (let hop = 0; ; hop++) {
      const response = await request(current, options, controller.signal);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        response.destroy();
        if (hop >= maxRedirects) {
          throw new SourceError('too-many-redirects', `more than ${maxRedirects} redirects`, current.href);
        }
        current = parseHttpUrl(location, current);
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status === 304 && (options.etag || options.lastModified)) {
        response.destroy();
        return { kind: 'not-modified', url, finalUrl: current.href };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new SourceError('http-status', `HTTP ${status} from ${current.href}`, current.href);
      }
      const body = await readBody(response, options.maxBytes ?? FETCH_DEFAULTS.maxBytes, current.href);
      return {
        kind: 'fetched',
        url,
        finalUrl: current.href,
        status,
        contentType: header(response, 'content-type') ?? '',
        body,
        etag: header(response, 'etag'),
        lastModified: header(response, 'last-modified'),
      };
    }
  } catch (err) {
    if (controller.signal.aborted) throw new SourceError('timeout', `no complete answer within ${timeoutMs} ms`, url);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseHttpUrl(value: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(value, base);
  } catch {
    throw new SourceError('bad-url', `not a URL: ${JSON.stringify(value)}`, value);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SourceError('bad-url', `only http and https URLs are fetched, not ${parsed.protocol}`, parsed.href);
  }
  if (parsed.username || parsed.password) {
    throw new SourceError('bad-url', 'URLs with credentials are not fetched', `${parsed.protocol}//${parsed.host}${parsed.pathname}`);
  }
  return parsed;
}

/** Resolves the host once and returns the address to connect to, or refuses. */
async function checkedAddress(url: URL, options: FetchOptions, signal: AbortSignal): Promise<ResolvedAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  const literal = isIP(hostname);
  if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await abortable((options.resolve ?? systemResolver)(hostname), signal);
    } catch (err) {
      if (signal.aborted) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new SourceError('dns', `cannot resolve ${hostname} (${code})`, url.href);
    }
    if (addresses.length === 0) throw new SourceError('dns', `${hostname} has no address`, url.href);
  }
  // Every address must pass: a name that also resolves to a private address is refused
  // whichever one the connection would have picked.
  for (const { address } of addresses) {
    const reason = refusalReason(address, options);
    if (reason) throw new SourceError('refused-address', `refused ${url.host}: ${reason}`, url.href);
  }
  return addresses[0]!;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function request(url: URL, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const target = await checkedAddress(url, options, signal);
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (err: null, addresses: ResolvedAddress[]) => void)(null, [target]);
    } else callback(null, target.address, target.family);
  };
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? FETCH_DEFAULTS.userAgent,
    accept: options.accept ?? FETCH_DEFAULTS.accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = transport.request(
      {
        protocol: url.protocol,
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        lookup: pinned,
        agent: false,
        signal,
        ...(url.protocol === 'https:' && !isIP(hostname) ? { servername: hostname } : {}),
        ...(url.protocol === 'https:' && options.ca ? { ca: options.ca } : {}),
      },
      resolve,
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return reject(err);
      reject(new SourceError('connection', `cannot fetch ${url.href} (${err.code ?? err.message})`, url.href));
    });
    req.end();
  });
}

function decoded(response: IncomingMessage): Readable {
  const encoding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return response.pipe(zlib.createInflate());
  if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
  return response;
}

/** Reads the body up to the limit; a longer body is cut off and the fetch fails. */
async function readBody(response: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const tooLarge = () => new SourceError('too-large', `body larger than ${maxBytes} bytes`, url);
  const declared = Number(header(response, 'content-length'));
  const identity = !header(response, 'content-encoding');
  if (identity && Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    if ((err as Error).name === 'AbortError') throw err;
    throw new SourceError('connection', `body of ${url} could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, url);
  } finally {
    response.destroy();
    if (stream !== response) stream.destroy();
  }
  return Buffer.concat(chunks);
}

/** The body as text, in the charset the header, the XML declaration or a meta tag names. */
export function bodyText(body: Buffer, contentType: string): string {
  const head = body.subarray(0, 2048).toString('latin1');
  const charset =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}
