// The docs say what the code does today: no machine's own paths, the tagger version the
// code has, and the settings a user can give.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES_TAGGER_VERSION } from '../src/core/versions.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the docs and sources', () => {
  it('name the shared folder as ../shared, never a machine\'s absolute path', () => {
    const files = ['README.md', ...filesUnder('docs'), ...filesUnder('src'), ...filesUnder('bench'), ...filesUnder('infra')];
    const offenders = files.filter((file) => /\/work\/|\/home\/\w/.test(read(file)));
    expect(offenders).toEqual([]);
  });

  it('docs/local.md shows the tagger version the code has', () => {
    const shown = [...read('docs/local.md').matchAll(/\(tagger ([\w@:.-]+),/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([RULES_TAGGER_VERSION]));
  });

  it('documents STANCE_API, npm start --port=N and the seeds manifest', () => {
    const docs = read('README.md') + read('docs/local.md');
    expect(docs).toContain('STANCE_API');
    expect(docs).toContain('npm start --port=3001');
    expect(docs).toContain('seeds/manifest.json');
  });
});
