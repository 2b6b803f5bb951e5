// The functions' bundles as the stack builds them (HandlerFunction's esbuild options): minified
// size, the time plain Node takes to import each one cold (a fresh process), its biggest inputs
// by package and the SDK packages it takes from the runtime; and the same with the AWS SDK the
// other way round (bundled, or left to the runtime). A bundle that leaves the SDK to the runtime
// imports it here from this project's node_modules, as Lambda resolves it from the runtime's
// (/var/runtime/node_modules): the import time counts loading those whole clients, not only
// the bundle. Part of `npm run bench:store`; alone: node --import tsx bench/bundles.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_LIMIT_KB, handlerBuildOptions, LEFT_TO_RUNTIME, linkRuntimeModules, type HandlerName } from '../infra/handler-function.js';
import { PROJECT_ROOT } from '../infra/paths.js';

const SDK = ['@aws-sdk/*', '@smithy/*'];

export interface BundleFigures {
  name: string;
  bytes: number;
  /** Fastest of the runs, wall clock, and the CPU time of that run. */
  importMs: number;
  importCpuMs: number;
  biggest: Array<{ input: string; bytes: number }>;
  /** Packages the bundle imports from the runtime (LEFT_TO_RUNTIME). */
  fromRuntime: string[];
  /** The same with the SDK the other way round. */
  other: { bytes: number; importMs: number; importCpuMs: number };
}

/** `node_modules/@scope/name/...` as `@scope/name` (the innermost package), `src/core/x.ts` as `src/core`. */
function packageOf(input: string): string {
  const names = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  return names.length ? names.at(-1)![1]! : input.split('/').slice(0, 2).join('/');
}

function importTime(file: string, runs: number): { importMs: number; importCpuMs: number } {
  const script = `const c = process.cpuUsage(), t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const times = Array.from({ length: runs }, () => execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8', env }).trim().split(' ').map(Number));
  const [importMs, importCpuMs] = times.sort((a, b) => a[0]! - b[0]!)[0]!;
  return { importMs: importMs!, importCpuMs: importCpuMs! };
}

function isLeftToRuntime(path: string): boolean {
  return LEFT_TO_RUNTIME.some((pattern) => (pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern));
}

/** The version of an installed package (what a bundle that leaves it out imports here). */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function measureBundles(runs = 5): Promise<BundleFigures[]> {
  const out = mkdtempSync(join(tmpdir(), 'stance-bench-bundle-'));
  const otherExternal = LEFT_TO_RUNTIME.length ? [] : SDK;
  linkRuntimeModules(out, [...LEFT_TO_RUNTIME, ...otherExternal]);
  try {
    const names = readdirSync(join(PROJECT_ROOT, 'functions')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    const figures: BundleFigures[] = [];
    for (const name of names) {
      const entry = join(PROJECT_ROOT, 'functions', `${name}.ts`);
      const deployed = join(out, name, 'index.mjs');
      const other = join(out, name, 'other.mjs');
      const { metafile } = await build({ ...handlerBuildOptions(entry, deployed), metafile: true });
      await build({ ...handlerBuildOptions(entry, other), external: otherExternal });
      const byPackage = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(Object.values(metafile!.outputs).find((o) => o.entryPoint)!.inputs)) {
        byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
      }
      const fromRuntime = new Set(Object.values(metafile!.inputs).flatMap((input) => input.imports.filter((i) => i.external && !i.path.startsWith('node:') && isLeftToRuntime(i.path)).map((i) => i.path)));
      figures.push({
        name,
        bytes: statSync(deployed).size,
        ...importTime(deployed, runs),
        biggest: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([input, bytes]) => ({ input, bytes })),
        fromRuntime: [...fromRuntime].sort(),
        other: { bytes: statSync(other).size, ...importTime(other, runs) },
      });
    }
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function printBundles(): Promise<BundleFigures[]> {
  const toRuntime = LEFT_TO_RUNTIME.length > 0;
  const sdk = toRuntime ? `left to the Lambda runtime; imported from node_modules (client-dynamodb ${installedVersion('@aws-sdk/client-dynamodb')}) as the runtime provides its own` : 'bundled';
  const otherSdk = toRuntime ? 'bundled' : 'left to the runtime';
  console.log(`\nfunction bundles (HandlerFunction's esbuild options: ESM, minified, AWS SDK ${sdk}; import: a fresh node process each, fastest of 5, wall and CPU ms; limits in BUNDLE_LIMIT_KB):`);
  const figures = await measureBundles();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(4)} KB`;
  for (const f of figures) {
    const biggest = f.biggest.map((b) => `${b.input} ${(b.bytes / 1024).toFixed(0)}`).join(', ');
    const runtime = f.fromRuntime.map((p) => p.replace('@aws-sdk/', '')).join(' ');
    console.log(
      `  ${f.name.padEnd(9)} ${kb(f.bytes)}  import ${f.importMs.toFixed(0).padStart(3)} ms (CPU ${f.importCpuMs.toFixed(0).padStart(3)})` +
        `  | SDK ${otherSdk}: ${kb(f.other.bytes)}, import ${f.other.importMs.toFixed(0).padStart(3)} ms (CPU ${f.other.importCpuMs.toFixed(0).padStart(3)})  | from the runtime: ${runtime || 'nothing'}  | biggest, KB: ${biggest}`,
    );
  }
  const largest = figures.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const over = figures.filter((f) => f.bytes > BUNDLE_LIMIT_KB[f.name as HandlerName] * 1024).map((f) => `${f.name} OVER its ${BUNDLE_LIMIT_KB[f.name as HandlerName]} KB`);
  console.log(`  largest: ${largest.name} ${(largest.bytes / 1024).toFixed(0)} KB; ${over.length ? over.join(', ') : 'every bundle within its limit (BUNDLE_LIMIT_KB)'}`);
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await printBundles();
