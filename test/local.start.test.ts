// `npm start -- --once` as a user runs it: its own DynamoDB Local, the seeds, the matrix, then exit.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);

it('starts the stack, ingests and tags the seeds, prints the matrix and curl commands, and exits 0 with --once', async () => {
  const { stdout } = await exec(process.execPath, [join(root, 'bin/stance.mjs'), 'start', '--once', '--port', '0'], { cwd: root, timeout: 120_000 });
  expect(stdout).toMatch(/DynamoDB Local up on http:\/\/127\.0\.0\.1:\d+ \(in memory\)/);
  expect(stdout).toMatch(/table stance-local created/);
  expect(stdout).toMatch(/tracker ukraine-peace-2025 stored/);
  expect(stdout).toMatch(/5 documents ingested from .*seeds/);
  expect(stdout).toMatch(/tagged: 5 messages handled, 0 retried, 0 dead-lettered/);
  expect(stdout).toMatch(/^Ending the Russia-Ukraine war/m);
  expect(stdout).toMatch(/^ +RU +UA +US +EU/m);
  expect(stdout).toMatch(/^ {2}curl -s http:\/\/127\.0\.0\.1:\d+\/documents\/[0-9a-f]{20}$/m);
  expect(stdout).toMatch(/curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/documents -H 'content-type: application\/json'/);
  expect(stdout).not.toMatch(/handler failed|dead-letter list|threw/);
});

it('refuses a bad --port before starting anything', async () => {
  const result = await exec(process.execPath, [join(root, 'bin/stance.mjs'), 'start', '--port', 'abc'], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
  expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port must be a number from 0 to 65535, not "abc"/) });
});

it('says how to install Java when it is missing, and exits 1 without leaving servers behind', async () => {
  const result = await exec(process.execPath, [join(root, 'bin/stance.mjs'), 'start', '--once', '--port', '0'], {
    cwd: root,
    env: { ...process.env, PATH: '/nonexistent' },
  }).catch((e: { code: number; stderr: string }) => e);
  expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/^stance: DynamoDB Local needs Java 17 or newer and "java" was not found on PATH; install a JRE/) });
});
