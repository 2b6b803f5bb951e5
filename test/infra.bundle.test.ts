// The functions' bundling settings (ESM, minified, source maps, the AWS SDK left to the runtime)
// produce code that runs: a probe handler that uses every runtime package is bundled by
// HandlerFunction exactly as the stack bundles functions/*.ts, and imports no package
// but those left to the Lambda runtime (LEFT_TO_RUNTIME: the AWS SDK, linked from node_modules here).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, expect, it } from 'vitest';
import { HandlerFunction, LEFT_TO_RUNTIME, linkRuntimeModules } from '../infra/handler-function.js';
import { PROJECT_ROOT } from '../infra/paths.js';

const outdir = mkdtempSync(join(tmpdir(), 'stance-bundle-'));
// What the Lambda runtime would provide, from this project's node_modules.
linkRuntimeModules(outdir);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

it('bundles a handler using every runtime package into an ES module that runs on Node', async () => {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'BundleProbe');
  new HandlerFunction(stack, 'Probe', {
    name: 'query',
    entry: join(PROJECT_ROOT, 'test/fixtures/infra-bundle-probe.ts'),
    description: 'bundle probe',
    timeout: Duration.seconds(5),
    memorySize: 128,
    environment: {},
    logRetention: RetentionDays.ONE_DAY,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  });
  const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
  const bundle = join(outdir, `asset.${String(fn!.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs');

  const code = readFileSync(bundle, 'utf8');
  expect(code.length / code.split('\n').length).toBeGreaterThan(2000); // minified: long lines
  expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
  // Every package is inside the bundle, but those the runtime provides.
  const { metafile } = await build({ entryPoints: [bundle], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  const imported = new Set(Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path)).filter((path) => !path.startsWith('node:')));
  const leftToRuntime = (path: string) => LEFT_TO_RUNTIME.some((pattern) => (pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern));
  expect([...imported].filter((path) => !leftToRuntime(path))).toEqual([]);

  // Plain Node, as Lambda runs it, not vitest's module loader.
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(await handler({}, {})));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--enable-source-maps', '--no-warnings', '--input-type=module', '-e', script]);
  expect(JSON.parse(stdout)).toEqual({
    tracker: 'ukraine-peace-2025',
    zod: 1,
    article: 'Probe',
    feedItem: 't',
    clients: ['function', 'function'],
    powertools: ['function', 'function'],
  });
}, 60_000);
