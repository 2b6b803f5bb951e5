// A real HTTP server on 127.0.0.1 that serves the fixture feeds and pages in
// test/fixtures/feeds/ ("{{base}}" in a fixture becomes the server's origin), plus the
// misbehaving sources the re-ingestion must survive. It only ever answers on loopback.
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

/** Validators the conditional feeds answer with: a matching request gets 304. */
export const RSS_ETAG = '"rss-v1"';
export const ATOM_LAST_MODIFIED = 'Mon, 24 Nov 2025 18:45:00 GMT';

export interface FeedServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  url(path: string): string;
  /** Every request received, in order: path and the headers that matter to the tests. */
  requests: Array<{ path: string; host?: string; ifNoneMatch?: string; ifModifiedSince?: string }>;
  /** Replaces what a path serves from now on (for "the feed changed" tests). */
  override(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.xml': 'application/xml; charset=utf-8', '.html': 'text/html; charset=utf-8' };

export async function startFeedServer(): Promise<FeedServer> {
  const overrides = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const requests: FeedServer['requests'] = [];
  let origin = '';

  const fixture = async (name: string) => (await readFile(FIXTURES + name, 'utf8')).replaceAll('{{base}}', origin);

  const serveFixture = async (res: ServerResponse, name: string, headers: Record<string, string> = {}) => {
    const type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    const body = await fixture(name);
    res.writeHead(200, { 'content-type': type, ...headers });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({
      path,
      host: req.headers.host,
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    });
    const custom = overrides.get(path);
    if (custom) return custom(req, res);
    void route(path, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(404).end('not found');
      else res.destroy();
    });
  });

  async function route(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    switch (path) {
      case '/feeds/rss.xml':
        if (req.headers['if-none-match'] === RSS_ETAG) return void res.writeHead(304, { etag: RSS_ETAG }).end();
        return serveFixture(res, 'rss.xml', { etag: RSS_ETAG });
      case '/feeds/atom.xml':
        if (req.headers['if-modified-since'] === ATOM_LAST_MODIFIED) return void res.writeHead(304).end();
        return serveFixture(res, 'atom.xml', { 'last-modified': ATOM_LAST_MODIFIED, 'content-type': 'application/atom+xml' });
      case '/feeds/rss.xml.gz':
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(await fixture('rss.xml')));
      case '/feeds/malformed.xml':
        return serveFixture(res, 'malformed.xml');
      case '/feeds/no-article.xml':
        return serveFixture(res, 'no-article-feed.xml');
      case '/feeds/error':
        return void res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      case '/feeds/slow':
        // Headers never come: the client's deadline must end the wait.
        return;
      case '/feeds/slow-body':
        res.writeHead(200, { 'content-type': 'application/xml' });
        return void res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      case '/feeds/endless':
        return endless(res);
      case '/feeds/huge-declared':
        return void res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(1024 * 1024 * 1024) }).end();
      case '/redirect/rss':
        return void res.writeHead(301, { location: '/feeds/rss.xml' }).end();
      case '/redirect/private':
        return void res.writeHead(302, { location: 'http://10.0.0.1/feed.xml' }).end();
      case '/redirect/metadata':
        return void res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/redirect/loop':
        return void res.writeHead(302, { location: '/redirect/loop' }).end();
      case '/redirect/ftp':
        return void res.writeHead(302, { location: 'ftp://127.0.0.1/feed.xml' }).end();
      case '/echo-host':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end(req.headers.host ?? '');
    }
    if (path.startsWith('/articles/') && /^[\w-]+\.html$/.test(path.slice('/articles/'.length))) {
      return serveFixture(res, path.slice(1));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  /** A body that never ends until the client hangs up (bounded so a broken client cannot wedge the test). */
  function endless(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/xml' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (!res.destroyed && sent < 256 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + path,
    requests,
    override: (path, handler) => void overrides.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
