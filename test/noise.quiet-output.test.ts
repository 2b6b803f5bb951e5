// What a user and the CI log see besides the answers: no AWS SDK Node-version notice,
// no ANSI colour codes in CI.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);

describe('noise', () => {
  it('the CLI prints no AWS SDK Node-version warning, even with a bare environment', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'stance-quiet-'));
    // Only PATH and HOME: nothing set by hand, no state file of a running stack.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STANCE_STATE_DIR: stateDir };
    const result = await exec(process.execPath, [join(root, 'bin/stance.mjs'), 'reingest'], { cwd: root, env }).then(
      () => ({ stderr: '', code: 0 }),
      (err: { stderr: string; code: number }) => ({ stderr: err.stderr, code: err.code }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK for JavaScript/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('the tests run with the SDK notice switched off (the SDK reads this variable)', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    new DynamoDBClient({ region: 'us-east-1' }).destroy();
    expect(warn.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringMatching(/NodeVersionSupportWarning/));
    warn.mockRestore();
  });

  it('CI asks vitest for plain output', async () => {
    const ci = await readFile(join(root, '.ci/run'), 'utf8');
    expect(ci).toMatch(/NO_COLOR=1/);
    expect(ci).toMatch(/FORCE_COLOR=0/);
  });
});
