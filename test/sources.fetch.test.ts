import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../src/errors.js';
import { bodyText, safeFetch, type FetchOptions, type Resolver } from '../src/sources/fetch.js';
import { RSS_ETAG, startFeedServer, type FeedServer } from './support/feed-server.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => server.close());

// The fixture server is on loopback; only these tests' own fetches may reach it.
const local: FetchOptions = { allowLoopback: true, timeoutMs: 5_000 };

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('safe fetching', () => {
  it('fetches a feed and reports its validators', async () => {
    const result = await safeFetch(server.url('/feeds/rss.xml'), local);
    expect(result.kind).toBe('fetched');
    if (result.kind !== 'fetched') return;
    expect(result.status).toBe(200);
    expect(result.etag).toBe(RSS_ETAG);
    expect(bodyText(result.body, result.contentType)).toContain('<rss version="2.0"');
  });

  it('sends the remembered ETag and reports a 304 as not modified', async () => {
    const result = await safeFetch(server.url('/feeds/rss.xml'), { ...local, etag: RSS_ETAG });
    expect(result.kind).toBe('not-modified');
    expect(server.requests.at(-1)?.ifNoneMatch).toBe(RSS_ETAG);
  });

  it('follows redirects to the final URL', async () => {
    const result = await safeFetch(server.url('/redirect/rss'), local);
    expect(result.kind === 'fetched' && result.finalUrl).toBe(server.url('/feeds/rss.xml'));
  });

  it('decompresses a gzip body', async () => {
    const result = await safeFetch(server.url('/feeds/rss.xml.gz'), local);
    expect(result.kind === 'fetched' && bodyText(result.body, result.contentType)).toContain('<rss');
  });

  it('fails with the HTTP status on a 500', async () => {
    const err = await failure(safeFetch(server.url('/feeds/error'), local));
    expect(err.reason).toBe('http-status');
    expect(err.message).toContain('HTTP 500');
  });

  it('gives up on a server that never answers', async () => {
    const err = await failure(safeFetch(server.url('/feeds/slow'), { ...local, timeoutMs: 300 }));
    expect(err.reason).toBe('timeout');
  });

  it('gives up on a body that never finishes', async () => {
    const err = await failure(safeFetch(server.url('/feeds/slow-body'), { ...local, timeoutMs: 300 }));
    expect(err.reason).toBe('timeout');
  });

  it('cuts off an endless body at the byte limit', async () => {
    const err = await failure(safeFetch(server.url('/feeds/endless'), { ...local, maxBytes: 256 * 1024 }));
    expect(err.reason).toBe('too-large');
  });

  it('refuses a body whose declared length is over the limit without reading it', async () => {
    const err = await failure(safeFetch(server.url('/feeds/huge-declared'), { ...local, maxBytes: 1024 }));
    expect(err.reason).toBe('too-large');
  });

  it('refuses a redirect to a private address', async () => {
    const err = await failure(safeFetch(server.url('/redirect/private'), local));
    expect(err.reason).toBe('refused-address');
    expect(err.message).toContain('10.0.0.1 is a private address');
  });

  it('refuses a redirect to the metadata service', async () => {
    const err = await failure(safeFetch(server.url('/redirect/metadata'), local));
    expect(err.reason).toBe('refused-address');
    expect(err.message).toContain('metadata');
  });

  it('refuses a redirect to another protocol', async () => {
    expect((await failure(safeFetch(server.url('/redirect/ftp'), local))).reason).toBe('bad-url');
  });

  it('stops following redirects at the limit', async () => {
    const err = await failure(safeFetch(server.url('/redirect/loop'), { ...local, maxRedirects: 3 }));
    expect(err.reason).toBe('too-many-redirects');
  });

  it.each([
    ['http://10.0.0.1/feed.xml', 'private'],
    ['http://192.168.0.10/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[fd00:ec2::254]/latest/meta-data/', 'metadata'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://0xa000001/', 'private'], // 10.0.0.1 written as one hexadecimal number
  ])('refuses %s directly, even with loopback allowed', async (url, kind) => {
    const err = await failure(safeFetch(url, local));
    expect(err.reason).toBe('refused-address');
    expect(err.message).toContain(kind);
  });

  it("refuses the fixture server's own loopback address unless loopback is allowed", async () => {
    const err = await failure(safeFetch(server.url('/feeds/rss.xml')));
    expect(err.reason).toBe('refused-address');
    expect(err.message).toContain('loopback');
  });

  it('refuses loopback however it is written', async () => {
    const port = new URL(server.origin).port;
    for (const host of ['2130706433', '127.1', '[::1]', '[::ffff:127.0.0.1]']) {
      const err = await failure(safeFetch(`http://${host}:${port}/feeds/rss.xml`, { timeoutMs: 5_000 }));
      expect(err.reason, host).toBe('refused-address');
    }
  });

  it('refuses a host name that resolves to loopback', async () => {
    const port = new URL(server.origin).port;
    const err = await failure(safeFetch(`http://localhost:${port}/feeds/rss.xml`, { timeoutMs: 5_000 }));
    expect(err.reason).toBe('refused-address');
    expect(err.message).toMatch(/localhost.*loopback/);
  });

  it('refuses a host name when any of its addresses is private', async () => {
    const resolve: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const err = await failure(safeFetch('http://mixed.example/feed.xml', { resolve, timeoutMs: 5_000 }));
    expect(err.reason).toBe('refused-address');
  });

  it('reports a name that does not resolve as a DNS failure', async () => {
    const resolve: Resolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const err = await failure(safeFetch('http://no-such-host.example/feed.xml', { resolve, timeoutMs: 5_000 }));
    expect(err.reason).toBe('dns');
    expect(err.message).toContain('ENOTFOUND');
  });

  it('resolves once and connects to the checked address, keeping the name in the Host header', async () => {
    const port = new URL(server.origin).port;
    const answers = ['127.0.0.1', '10.0.0.1'];
    let calls = 0;
    // A rebinding resolver: a second lookup would point at a private address.
    const resolve: Resolver = async () => [{ address: answers[Math.min(calls++, 1)]!, family: 4 }];
    const result = await safeFetch(`http://news.example:${port}/echo-host`, { ...local, resolve });
    expect(calls).toBe(1);
    expect(result.kind === 'fetched' && result.body.toString()).toBe(`news.example:${port}`);
  });

  it('rejects URLs that are not http or https', async () => {
    expect((await failure(safeFetch('file:///etc/passwd', local))).reason).toBe('bad-url');
    expect((await failure(safeFetch('not a url', local))).reason).toBe('bad-url');
  });

  it('fails a refused connection as a connection failure', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feeds/rss.xml');
    await closed.close();
    expect((await failure(safeFetch(url, local))).reason).toBe('connection');
  });
});

describe('decoding a body', () => {
  it('uses the charset named in the content type', () => {
    expect(bodyText(Buffer.from([0xcf, 0xf3, 0xf2, 0xe8, 0xed]), 'text/html; charset=windows-1251')).toBe('Путин');
  });

  it('uses the encoding of the XML declaration when the header names none', () => {
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><t>'), Buffer.from([0xe9]), Buffer.from('</t>')]);
    expect(bodyText(xml, 'application/xml')).toContain('<t>é</t>');
  });
});

describe('safe fetching over TLS', () => {
  it('connects to the checked address and still verifies the certificate for the host name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=news.example',
      '-addext', 'subjectAltName=DNS:news.example', '-days', '2', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const tls = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.headers.host} via ${(req.socket as TLSSocket).servername}`);
    });
    await new Promise<void>((done) => tls.listen(0, '127.0.0.1', done));
    const port = (tls.address() as AddressInfo).port;
    const resolve: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    try {
      const result = await safeFetch(`https://news.example:${port}/`, { ...local, resolve, ca: cert });
      expect(result.kind === 'fetched' && result.body.toString()).toBe(`news.example:${port} via news.example`);
      // The same server under another name fails verification: the name, not the address, is checked.
      const err = await failure(safeFetch(`https://other.example:${port}/`, { ...local, resolve, ca: cert }));
      expect(err.reason).toBe('connection');
      expect(err.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    } finally {
      tls.closeAllConnections();
      await new Promise((done) => tls.close(done));
    }
  });
});
