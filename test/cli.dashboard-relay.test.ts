// `stance dashboard`'s relay on loopback: it signs reads with the user's AWS credentials, so
// only a page on its own address may use it (a rebound DNS name may not), its page carries
// the API's own Content-Security-Policy, and the command honours STANCE_API like the others.
import { spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/client/api.js';
import { serveSignedDashboard } from '../src/cli/dashboard.js';
import { DASHBOARD_PAGE_HEADERS } from '../src/dashboard/assets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let api: Server;
let apiUrl: string;
const asked: string[] = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    asked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', () => resolve()));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

function get(url: string, host?: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('stance dashboard relay', () => {
  it("serves its page with the API page's Content-Security-Policy", async () => {
    const relay = await serveSignedDashboard(new ApiClient(apiUrl), 0);
    try {
      const page = await get(`${relay.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe(DASHBOARD_PAGE_HEADERS['content-security-policy']);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await relay.stop();
    }
  });

  it('refuses a request under another host name (DNS rebinding) without calling the API', async () => {
    const relay = await serveSignedDashboard(new ApiClient(apiUrl), 0);
    try {
      const port = new URL(relay.url).port;
      asked.length = 0;
      expect((await get(`${relay.url}/matrix`, `attacker.example:${port}`)).status).toBe(403);
      expect((await get(`${relay.url}/`, `attacker.example:${port}`)).status).toBe(403);
      expect(asked).toEqual([]);
      expect((await get(`${relay.url}/matrix`)).status).toBe(200);
      expect((await get(`${relay.url}/matrix`, `localhost:${port}`)).status).toBe(200);
      expect(asked).toEqual(['/matrix', '/matrix']);
    } finally {
      await relay.stop();
    }
  });

  it('takes the API from STANCE_API when --api is not given', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/stance.mjs', import.meta.url)), 'dashboard', '--port', '0'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STANCE_API: apiUrl },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const started = await Promise.race([
      new Promise<boolean>((resolve) => child.stdout.on('data', () => out.includes('until Ctrl-C') && resolve(true))),
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]);
    try {
      expect(err).toBe('');
      expect(started).toBe(true);
      expect(out).toContain(`the dashboard of ${apiUrl}/`);
      const relayUrl = /is on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)![1]!;
      asked.length = 0;
      expect((await get(`${relayUrl}/matrix`)).status).toBe(200);
      expect(asked).toEqual(['/matrix']);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  }, 40_000);
});
