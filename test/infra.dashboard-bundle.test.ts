// The deployed query function serves the dashboard: its bundle carries dashboard.js and
// dashboard.css (built at synth time), and the bundled handler answers GET / and
// GET /dashboard.js from them without esbuild.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, expect, it } from 'vitest';
import { copyDashboardInto } from '../infra/dashboard-assets.js';
import { HandlerFunction, linkRuntimeModules } from '../infra/handler-function.js';
import { apiEvent } from './support/pipeline.js';

const outdir = mkdtempSync(join(tmpdir(), 'stance-dashboard-bundle-'));
linkRuntimeModules(outdir);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('bundles the dashboard next to the query function and serves it from there', async () => {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'DashboardProbe');
  new HandlerFunction(stack, 'Query', {
    name: 'query',
    description: 'query with the dashboard',
    timeout: Duration.seconds(5),
    memorySize: 128,
    environment: {},
    logRetention: RetentionDays.ONE_DAY,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    afterBundling: copyDashboardInto,
  });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  const asset = join(outdir, `asset.${String(fn!.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
  expect(existsSync(join(asset, 'dashboard.js'))).toBe(true);
  expect(existsSync(join(asset, 'dashboard.css'))).toBe(true);
  expect(readFileSync(join(asset, 'index.mjs'), 'utf8')).not.toContain('ESBUILD_BINARY_PATH');

  const events = [apiEvent('GET', '/', { routeKey: 'GET /' }), apiEvent('GET', '/dashboard.js', { routeKey: 'GET /dashboard.js' })];
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(join(asset, 'index.mjs')).href)});
    const out = [];
    for (const e of ${JSON.stringify(events)}) out.push(await handler(e, { getRemainingTimeInMillis: () => 5000, functionName: 'q', awsRequestId: 'r' }));
    console.log(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: { ...process.env, TABLE_NAME: 'table', TRACKER_ID: 'ukraine-peace-2025', AWS_REGION: 'eu-west-1', POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_NAMESPACE: 'test' },
  });
  const [page, js] = JSON.parse(stdout.trim().split('\n').at(-1)!) as Array<{ statusCode: number; headers: Record<string, string>; body: string }>;
  expect(page!.statusCode).toBe(200);
  expect(page!.headers['content-type']).toMatch(/^text\/html/);
  expect(page!.body).toContain('<script src="dashboard.js"');
  expect(page!.body).toContain('table.matrix');
  expect(js!.statusCode).toBe(200);
  expect(js!.body).toBe(readFileSync(join(asset, 'dashboard.js'), 'utf8'));
}, 90_000);
