#!/usr/bin/env node
// The `stance` command. It runs the TypeScript CLI (src/cli/main.ts) with no build step a
// user has to remember: the first run bundles it with esbuild into node_modules/.cache/stance/
// and later runs load that bundle, which starts about a second faster than compiling
// TypeScript through tsx on every run. The bundle is keyed by the contents of every source
// file it was built from, so an edit to any of them rebuilds it on the next run; where
// esbuild is missing or fails, the command runs through tsx as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A command runs for seconds, not hours: V8's optimising compiler was about 40% of the instructions
// of `stance tag` over 300 files (valgrind). A third of its default inlining budget gives it smaller
// functions to compile, for code nearly as fast. Set before any of the CLI's code is compiled.
setFlagsFromString('--max-inlined-bytecode-size-cumulative=250');

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'src/cli/main.ts');
const cacheDir = join(root, 'node_modules/.cache/stance');
// Bumped when the way the bundle is built changes, so older bundles are not reused.
const BUILD_FORMAT = '2';
// Packages bundled with the CLI rather than loaded from node_modules: zod's ESM build is about a
// hundred modules, whose resolution and loading took ~110 ms CPU of each run; bundled, ~30 ms.
const BUNDLED_PACKAGES = new Set(['zod']);

/**
 * The key of a bundle: this file, the build format, and the contents of its inputs; a bundled
 * package's files by its package.json (which installing another version rewrites): hashing zod's
 * hundred files would be read and hashed on every run for nothing.
 */
function keyOf(inputs) {
  const hash = createHash('sha256').update(`${BUILD_FORMAT}\0${readFileSync(fileURLToPath(import.meta.url))}\0`);
  const packages = new Set();
  for (const file of inputs) {
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];
    if (pkg !== undefined) packages.add(pkg);
    else hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  for (const pkg of [...packages].sort()) hash.update(`${pkg}\0`).update(readFileSync(join(root, 'node_modules', pkg, 'package.json'))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** The cached bundle's main module when it was built from today's sources, else undefined. */
function cachedBundle() {
  try {
    const { key, inputs } = JSON.parse(readFileSync(join(cacheDir, 'current.json'), 'utf8'));
    return keyOf(inputs) === key ? join(cacheDir, key, 'main.js') : undefined;
  } catch {
    return undefined;
  }
}

/** Bundles the CLI (one chunk per command, packages but BUNDLED_PACKAGES left to node_modules); the main module, or undefined. */
async function buildBundle() {
  try {
    const esbuild = await import('esbuild');
    mkdirSync(cacheDir, { recursive: true });
    const staging = join(cacheDir, `build-${process.pid}-${Date.now()}`);
    // Sources find files beside themselves (seeds/, web/) from import.meta.url: each keeps its own.
    const ownUrl = {
      name: 'own-import-meta-url',
      setup(build) {
        build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
          contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: 'ts',
        }));
      },
    };
    const externalPackages = {
      name: 'external-packages',
      setup(build) {
        // A bare specifier ("@aws-sdk/client-dynamodb", "node:fs", "zod/mini") names a package.
        build.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
          return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
        });
      },
    };
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: entry },
      outdir: staging,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      metafile: true,
      logLevel: 'silent',
      plugins: [externalPackages, ownUrl],
    });
    const inputs = [...Object.keys(result.metafile.inputs), 'tsconfig.json'].sort();
    const key = keyOf(inputs);
    const target = join(cacheDir, key);
    try {
      renameSync(staging, target);
    } catch {
      // Another run built the same bundle first: its copy is as good.
      rmSync(staging, { recursive: true, force: true });
    }
    const pointer = join(cacheDir, `current-${process.pid}.json`);
    writeFileSync(pointer, JSON.stringify({ key, inputs }));
    renameSync(pointer, join(cacheDir, 'current.json'));
    forgetOldBundles(key);
    return join(target, 'main.js');
  } catch {
    return undefined;
  }
}

/** Bundles of older sources, a day after they were built (a run that started on one may still load its chunks). */
function forgetOldBundles(current) {
  for (const name of readdirSync(cacheDir)) {
    const dir = join(cacheDir, name);
    if (name !== current && /^[0-9a-f]{16}$/.test(name) && Date.now() - statSync(dir).mtimeMs > 86_400_000) rmSync(dir, { recursive: true, force: true });
  }
}

const bundle = cachedBundle() ?? (await buildBundle());
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
