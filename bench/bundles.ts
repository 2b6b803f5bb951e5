// The functions' bundles as the stack builds them (HandlerFunction's esbuild options): minified
// size, the time plain Node takes to import each one, and its biggest inputs by package; and the
// same with the AWS SDK the other way round (left to the Lambda runtime, or bundled), whose
// bundle then imports the SDK from node_modules as Lambda would from the runtime. Part of
// `npm run bench:store`; alone: node --import tsx bench/bundles.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { handlerBuildOptions, LEFT_TO_RUNTIME, linkRuntimeModules } from '../infra/handler-function.js';
import { PROJECT_ROOT } from '../infra/paths.js';

const SDK = ['@aws-sdk/*', '@smithy/*'];

export interface BundleFigures {
  name: string;
  bytes: number;
  /** Fastest of the runs, wall clock, and the CPU time of that run. */
  importMs: number;
  importCpuMs: number;
  biggest: Array<{ input: string; bytes: number }>;
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
      figures.push({
        name,
        bytes: statSync(deployed).size,
        ...importTime(deployed, runs),
        biggest: [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([input, bytes]) => ({ input, bytes })),
        other: { bytes: statSync(other).size, ...importTime(other, runs) },
      });
    }
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function printBundles(): Promise<BundleFigures[]> {
  const sdk = LEFT_TO_RUNTIME.length ? 'left to the runtime' : 'bundled';
  const otherSdk = LEFT_TO_RUNTIME.length ? 'bundled' : 'left to the runtime';
  console.log(`\nfunction bundles (HandlerFunction's esbuild options: ESM, minified, AWS SDK ${sdk}; import: fastest of 5, wall and CPU ms):`);
  const figures = await measureBundles();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0).padStart(4)} KB`;
  for (const f of figures) {
    const biggest = f.biggest.map((b) => `${b.input} ${(b.bytes / 1024).toFixed(0)}`).join(', ');
    console.log(
      `  ${f.name.padEnd(9)} ${kb(f.bytes)}  import ${f.importMs.toFixed(0).padStart(3)} ms (CPU ${f.importCpuMs.toFixed(0).padStart(3)})` +
        `  | SDK ${otherSdk}: ${kb(f.other.bytes)}, import ${f.other.importMs.toFixed(0).padStart(3)} ms (CPU ${f.other.importCpuMs.toFixed(0).padStart(3)})  | biggest, KB: ${biggest}`,
    );
  }
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await printBundles();
