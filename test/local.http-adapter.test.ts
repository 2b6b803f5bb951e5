import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalApi, type ApiHandler, type LocalApi } from '../src/local/http.js';

// Fake functions that record the events they get and answer what the test asks for.
const events: APIGatewayProxyEventV2[] = [];
let answer: (event: APIGatewayProxyEventV2) => unknown = () => ({ statusCode: 200, body: '{}' });
const handler: ApiHandler = async (event) => {
  events.push(event);
  return answer(event) as never;
};
const handlerErrors: unknown[] = [];
const aborts: Array<{ method: string; path: string }> = [];
const responses: unknown[] = [];

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi({
    handlers: { ingest: handler, query: handler },
    onHandlerError: (e) => handlerErrors.push(e),
    onClientAbort: (a) => aborts.push(a),
    onResponse: (r) => responses.push(r),
  });
});
afterAll(() => api.stop());
beforeEach(() => {
  events.length = 0;
  handlerErrors.length = 0;
  aborts.length = 0;
  responses.length = 0;
  answer = () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' });
});

describe('the local HTTP API', () => {
  it('turns a GET into an API Gateway v2 event with the route key, raw and parsed query string and lower-cased headers', async () => {
    const res = await fetch(`${api.url}/stances?actor=russia&term=ceasefire&term=nato&from=2025-01-01`, { headers: { 'X-Trace-Me': 'yes' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });

    const event = events[0]!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /stances',
      rawPath: '/stances',
      rawQueryString: 'actor=russia&term=ceasefire&term=nato&from=2025-01-01',
      queryStringParameters: { actor: 'russia', term: 'ceasefire,nato', from: '2025-01-01' },
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /stances',
        stage: '$default',
        http: { method: 'GET', path: '/stances', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      },
    });
    expect(event.headers['x-trace-me']).toBe('yes');
    expect(event.headers.host).toBe(api.url.replace('http://', ''));
    expect(event.body).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
  });

  it('fills pathParameters from the route template, decoded', async () => {
    await fetch(`${api.url}/documents/doc%2F42%20a`);
    expect(events[0]).toMatchObject({ routeKey: 'GET /documents/{id}', rawPath: '/documents/doc%2F42%20a', pathParameters: { id: 'doc/42 a' } });
  });

  it('passes a JSON body as text and any other body base64-encoded', async () => {
    await fetch(`${api.url}/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Ceasefire"}' });
    await fetch(`${api.url}/documents`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 255]) });
    expect(events[0]).toMatchObject({ routeKey: 'POST /documents', body: '{"title":"Ceasefire"}', isBase64Encoded: false });
    expect(events[1]).toMatchObject({ body: 'AAH/', isBase64Encoded: true });
  });

  it('moves cookies out of the headers into the event, as API Gateway does', async () => {
    await fetch(`${api.url}/matrix`, { headers: { cookie: 'a=1; b=2' } });
    expect(events[0]!.cookies).toEqual(['a=1', 'b=2']);
    expect(events[0]!.headers.cookie).toBeUndefined();
  });

  it('writes the status, headers, cookies and a base64 body from the function result', async () => {
    answer = () => ({
      statusCode: 202,
      headers: { 'X-Custom': 'yes', 'content-type': 'application/octet-stream' },
      cookies: ['s=1; Path=/', 't=2'],
      body: Buffer.from([9, 8, 7]).toString('base64'),
      isBase64Encoded: true,
    });
    const res = await fetch(`${api.url}/documents`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.getSetCookie()).toEqual(['s=1; Path=/', 't=2']);
    expect(res.headers.get('apigw-requestid')).toBe(events[0]!.requestContext.requestId);
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([9, 8, 7]);
  });

  it('answers 200 JSON when the function returns a plain object, as payload format 2.0 does', async () => {
    answer = () => ({ matrix: [] });
    const res = await fetch(`${api.url}/matrix`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ matrix: [] });
  });

  it('answers 404 with the API\'s error body for an unknown path without calling a function', async () => {
    const res = await fetch(`${api.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'no route GET /nowhere' });
    expect(events).toHaveLength(0);
  });

  it('answers 405 with an Allow header for a known path and a wrong method', async () => {
    const res = await fetch(`${api.url}/documents`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET');
    expect(await res.json()).toEqual({ error: 'method_not_allowed', message: 'method not allowed; allowed: POST, GET' });
    expect(events).toHaveLength(0);
  });

  it('answers 500 without details when a function throws, and reports the error', async () => {
    answer = () => {
      throw new Error('boom');
    };
    const res = await fetch(`${api.url}/matrix`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect(handlerErrors).toEqual([expect.objectContaining({ message: 'boom' })]);
  });

  it('answers 413 for a body above the Lambda payload limit without calling a function', async () => {
    const res = await fetch(`${api.url}/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(6 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('too_large');
    expect(events).toHaveLength(0);
  });

  it('reports a client that hangs up in the middle of its body as a client abort, not a handler failure', async () => {
    const socket = connect(api.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /documents HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"text":');
    await sleep(50);
    socket.destroy();
    for (let i = 0; i < 100 && !aborts.length; i++) await sleep(10);
    expect(aborts).toEqual([{ method: 'POST', path: '/documents' }]);
    expect(handlerErrors).toEqual([]);
    expect(events).toHaveLength(0);
  });

  it('reports a client that hangs up while the function runs as a client abort', async () => {
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    answer = async () => {
      await running;
      return { statusCode: 200, body: '{}' };
    };
    const socket = connect(api.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /matrix HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
    for (let i = 0; i < 100 && !events.length; i++) await sleep(10);
    socket.destroy();
    await sleep(50);
    release();
    for (let i = 0; i < 100 && !aborts.length; i++) await sleep(10);
    expect(aborts).toEqual([{ method: 'GET', path: '/matrix' }]);
    expect(handlerErrors).toEqual([]);
    expect(responses).toEqual([]);
  });
});
