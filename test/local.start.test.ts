// `npm start -- --once` as a user runs it: its own DynamoDB Local, the seeds, the matrix, then exit.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { startFeedServer } from './support/feed-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);

// Each of these starts Java (DynamoDB Local) and the whole stack: about 10 s alone, three times that on a
// loaded 2-core machine, so they get the same 120 s as the processes they spawn, not the 30 s default.
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
}, 120_000);

it('given a sources file, reads a local feed server through the reingest handler and tags what it brought', async () => {
  const server = await startFeedServer();
  try {
    const sourcesFile = join(mkdtempSync(join(tmpdir(), 'sources-')), 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify([{ url: server.url('/feeds/rss.xml'), kind: 'feed', name: 'Gazette' }]));
    const args = [join(root, 'bin/stance.mjs'), 'start', '--once', '--port', '0', '--no-seeds', '--sources', sourcesFile, '--allow-loopback'];
    const { stdout } = await exec(process.execPath, args, { cwd: root, timeout: 120_000 });
    expect(stdout).toMatch(/^ {2}new +Gazette <http:\/\/127\.0\.0\.1:\d+\/feeds\/rss\.xml>: 2 item\(s\), 2 not stored yet, 2 new$/m);
    expect(stdout).toMatch(/reingest: 1 source\(s\), 2 new, 0 unchanged, 0 failed/);
    expect(stdout).toMatch(/tagged: 2 messages handled, 0 retried, 0 dead-lettered/);
  } finally {
    await server.close();
  }
}, 120_000);

it('refuses a feed server on this machine unless --allow-loopback is given', async () => {
  const server = await startFeedServer();
  try {
    const sourcesFile = join(mkdtempSync(join(tmpdir(), 'sources-')), 'sources.json');
    writeFileSync(sourcesFile, JSON.stringify([{ url: server.url('/feeds/rss.xml'), kind: 'feed' }]));
    const args = [join(root, 'bin/stance.mjs'), 'start', '--once', '--port', '0', '--no-seeds', '--sources', sourcesFile];
    const { stdout } = await exec(process.execPath, args, { cwd: root, timeout: 120_000 });
    expect(stdout).toMatch(/^ {2}failed +http:\/\/127\.0\.0\.1:\d+\/feeds\/rss\.xml: refused-address/m);
    expect(stdout).toMatch(/reingest: 1 source\(s\), 0 new, 0 unchanged, 1 failed/);
  } finally {
    await server.close();
  }
}, 120_000);

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
