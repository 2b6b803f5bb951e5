// `stance dashboard --api URL`: the dashboard for a deployed API whose reads need IAM. A
// browser cannot sign requests with SigV4, so this serves the page on loopback and relays
// its GET requests to the API signed with your AWS credentials (the CLI's own client).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient } from '../client/api.js';
import { cliSettings } from '../config.js';
import { DASHBOARD_PAGE_HEADERS, dashboardPage, dashboardScript } from '../dashboard/assets.js';
import { ApiError, UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';

export const summary = 'serve the dashboard on this machine for a deployed API, signing its reads (IAM-only reads)';

export const usage = `usage: stance dashboard --api URL [--port N] [--region R]

Serves the dashboard on http://127.0.0.1:PORT/ and relays the page's GET requests to the
API at URL, signed with SigV4 from your AWS credentials (environment, profile, SSO), as
"stance query" does. For a stack deployed with openReads, open its URL in a browser instead.

  --api URL     the deployed API (its ApiUrl output; default $STANCE_API)
  --port N      local port (default 3001; 0 picks a free one)
  --region R    signing region when the URL does not say it`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('dashboard', args, {
    api: { type: 'string', ...(process.env.STANCE_API ? { default: cliSettings().apiUrl } : {}) },
    port: { type: 'string', default: '3001' },
    region: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.api) throw new UsageError('name the deployed API: stance dashboard --api https://abc123.execute-api.eu-west-1.amazonaws.com/ (or set STANCE_API)');
  if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const client = new ApiClient(values.api, { ...(values.region ? { region: values.region } : {}) });
  const server = await serveSignedDashboard(client, Number(values.port));
  console.log(`the dashboard of ${client.baseUrl.href} is on ${server.url}/ until Ctrl-C (reads signed with your AWS credentials)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.stop();
  return 0;
}

/** The relay: the page and its script from here, every other GET from the API, signed. */
export async function serveSignedDashboard(client: ApiClient, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    // The relay signs with your credentials: only pages on its own address may use it, not a
    // web page whose DNS name was rebound to 127.0.0.1.
    const own = (server.address() as AddressInfo).port;
    if (req.headers.host !== `127.0.0.1:${own}` && req.headers.host !== `localhost:${own}`) {
      return send(403, 'application/json', JSON.stringify({ error: 'forbidden', message: `open http://127.0.0.1:${own}/` }));
    }
    void (async () => {
      if (req.method !== 'GET') return send(405, 'application/json', JSON.stringify({ error: 'method_not_allowed', message: 'this relay only reads' }), { allow: 'GET' });
      if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', dashboardPage(), { ...DASHBOARD_PAGE_HEADERS, 'cache-control': 'no-store' });
      if (url.pathname === '/dashboard.js') return send(200, 'text/javascript; charset=utf-8', await dashboardScript());
      try {
        const answer = await client.get(url.pathname, Object.fromEntries(url.searchParams));
        const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? null);
        const relayed: Record<string, string> = {};
        for (const name of ['x-next-cursor', 'content-disposition']) {
          const value = answer.headers?.get(name);
          if (value) relayed[name] = value;
        }
        send(answer.status, answer.headers?.get('content-type') ?? 'application/json', body, relayed);
      } catch (error) {
        const status = error instanceof ApiError && error.status ? error.status : 502;
        send(status, 'application/json', JSON.stringify({ error: status === 502 ? 'unavailable' : 'relayed', message: (error as Error).message }));
      }
    })().catch((error: unknown) => send(500, 'application/json', JSON.stringify({ error: 'internal', message: (error as Error).message })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
