// The CLI's HTTP client against fake handlers behind the local HTTP adapter: SigV4
// signing that survives the trip, batching within the API's limits, and isolating
// a refused document.
import { createHash, createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/client/api.js';
import type { DocumentFile } from '../src/client/documents.js';
import { batches, ingestFiles } from '../src/client/ingest.js';
import { ApiError } from '../src/errors.js';
import { startLocalApi, type LocalApi } from '../src/local/http.js';

const events: APIGatewayProxyEventV2[] = [];
let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi({
    handlers: {
      query: async (event) => {
        events.push(event);
        return { statusCode: 200, body: '{}' };
      },
      // A fake ingest that refuses any batch holding a document whose text says "bad".
      ingest: async (event) => {
        events.push(event);
        const { documents } = JSON.parse(event.body ?? '{}') as { documents: Array<{ text: string }> };
        const bad = documents.findIndex((d) => d.text.includes('bad'));
        if (bad >= 0) return { statusCode: 400, body: JSON.stringify({ error: 'invalid', message: 'refused', where: `documents[${bad}].text` }) };
        const results = documents.map((d) => ({ id: createHash('sha1').update(d.text).digest('hex').slice(0, 20), duplicate: false, status: 'created', textVersion: 1, queued: true }));
        return { statusCode: 202, body: JSON.stringify({ documents: results, ids: results.map((r) => r.id), duplicates: [], notQueued: [] }) };
      },
    },
  });
});
afterAll(() => api.stop());
afterEach(() => {
  events.length = 0;
});

/** Recomputes a SigV4 signature from what the server received (AWS's documented algorithm). */
function expectedSignature(event: APIGatewayProxyEventV2, secret: string): string {
  const auth = event.headers.authorization!;
  const [, scope, signedHeaders] = /Credential=[^/]+\/([^,]+), SignedHeaders=([^,]+), Signature=/.exec(auth)!;
  const [date, region, service] = scope!.split('/');
  const amzDate = event.headers['x-amz-date']!;
  const names = signedHeaders!.split(';');
  const sha = (data: string) => createHash('sha256').update(data).digest('hex');
  const query = [...new URLSearchParams(event.rawQueryString)]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a! < b! ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    event.requestContext.http.method,
    event.rawPath.split('/').map((s) => encodeURIComponent(s)).join('/'),
    query,
    ...names.map((n) => `${n}:${event.headers[n]!.trim()}`),
    '',
    signedHeaders,
    event.headers['x-amz-content-sha256'] ?? sha(event.body ?? ''),
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

describe('the API client', () => {
  it('signs requests with SigV4 for execute-api so that the signature matches what the server received', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    try {
      const client = new ApiClient(api.url, { sign: true, region: 'eu-west-1' });
      await client.get('/stances', { actor: 'RU', term: 'cease fire', from: '2025-01-01' });
      await client.post('/documents', { documents: [{ text: 'signed body' }] });
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=\S*host\S*, Signature=[0-9a-f]{64}$/);
      const signature = /Signature=([0-9a-f]{64})/.exec(event.headers.authorization!)![1];
      expect(signature).toBe(expectedSignature(event, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'));
    }
  });

  it('signs https URLs by default, reading the region from an execute-api host, and not loopback ones', () => {
    expect(new ApiClient('https://abc123.execute-api.eu-central-1.amazonaws.com')).toMatchObject({ sign: true, region: 'eu-central-1' });
    expect(new ApiClient('http://127.0.0.1:3000')).toMatchObject({ sign: false });
  });

  it('refuses to sign when it cannot tell the region', async () => {
    const client = new ApiClient('https://api.example.org');
    await expect(client.get('/matrix')).rejects.toThrow(/pass --region/);
  });

  it('throws ApiError with the API message and field for a 4xx', async () => {
    const client = new ApiClient(api.url);
    const error = await client.post('/documents', { documents: [{ text: 'bad' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: 'POST /documents answered 400: documents[0].text: refused' });
  });
});

const file = (text: string, i: number): DocumentFile => ({ source: `doc${i}.txt`, document: { text } });

describe('ingesting files', () => {
  it('groups documents into batches of at most 25 and within the body size limit', () => {
    const small = Array.from({ length: 60 }, (_, i) => file(`text ${i}`, i));
    expect(batches(small).map((b) => b.length)).toEqual([25, 25, 10]);
    const big = Array.from({ length: 3 }, (_, i) => file('x'.repeat(400_000), i));
    expect(batches(big).map((b) => b.length)).toEqual([2, 1]);
  });

  it('retries a refused batch one document at a time, so only the bad file fails', async () => {
    const client = new ApiClient(api.url);
    const outcomes = await ingestFiles(client, [file('one', 1), file('bad two', 2), file('three', 3)]);
    expect(outcomes.map((o) => [o.source, o.ok])).toEqual([
      ['doc1.txt', true],
      ['doc2.txt', false],
      ['doc3.txt', true],
    ]);
    expect(events).toHaveLength(4);
  });
});
