// What a new user meets first: the CLI finds the running `npm start` by itself, honours
// STANCE_API and npm's own --port=N form, and answers a typo with the nearest valid name.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/local/dynamodb.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { localEndpoint } from './support/dynamodb.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const exec = promisify(execFile);
let stateDir: string;

/** The real binary with an environment a new user has: PATH, HOME and nothing set by hand. */
async function stance(args: string[], env: Record<string, string> = {}, command = [join(root, 'bin/stance.mjs')]) {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STANCE_STATE_DIR: stateDir };
  try {
    const { stdout, stderr } = await exec(command[0] === 'npm' ? 'npm' : process.execPath, [...(command[0] === 'npm' ? command.slice(1) : command), ...args], { cwd: root, env: { ...base, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'stance-state-'));
});
afterAll(async () => rm(stateDir, { recursive: true, force: true }));

describe('stance reingest against a running local stack', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      port: 0,
      trackerFile: join(root, 'seeds/tracker.json'),
      dynamoDbEndpoint: localEndpoint(),
      tableName: `test-${randomUUID()}`,
      stateDir,
    });
  });
  afterAll(() => stack?.stop());

  it('finds the stack through the state file it left, with no environment set by hand', async () => {
    expect(await readdir(stateDir)).toEqual([`local-${new URL(stack.apiUrl).port}.json`]);
    const result = await stance(['reingest', '--retag-limit', '5'], { STANCE_API: stack.apiUrl });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^reingest: the local stack on ${stack.apiUrl} \\(table ${stack.tableName}\\)$`, 'm'));
    expect(result.stdout).toMatch(/^reingest ukraine-peace-2025: \d+ source\(s\), /m);
  });

  it('says in one line that no stack is running when the state file names none', async () => {
    const port = await freePort();
    const result = await stance(['reingest'], { STANCE_API: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^stance: no local stack runs on http://127\\.0\\.0\\.1:${port} \\(start one with "npm start"\\)`));
  });

  it('leaves no state file behind when the stack stops', async () => {
    const other = await startLocalStack({ port: 0, trackerFile: join(root, 'seeds/tracker.json'), dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}`, stateDir });
    expect(await readdir(stateDir)).toContain(`local-${new URL(other.apiUrl).port}.json`);
    await other.stop();
    expect(await readdir(stateDir)).not.toContain(`local-${new URL(other.apiUrl).port}.json`);
  });
});

describe('the API URL', () => {
  it('comes from STANCE_API when no --api is given, for query and export alike', async () => {
    const port = await freePort();
    for (const command of [['query', 'matrix'], ['export', '--format', 'csv']]) {
      const result = await stance(command, { STANCE_API: `http://127.0.0.1:${port}` });
      expect(result.code, command.join(' ')).toBe(1);
      expect(result.stderr.trim(), command.join(' ')).toBe(`stance: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); start the local stack with "npm start" (or pass --api URL)`);
    }
  });
});

describe('npm start and its port', () => {
  it('honours npm\'s own --port=N form (npm_config_port), refusing a bad one before starting anything', async () => {
    const result = await stance(['start', '--port=99999'], {}, ['npm', '--silent']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/stance: --port must be a number from 0 to 65535, not "99999"/);
  });

  it('refuses --port without a value after npm start, saying to put it after --', async () => {
    const result = await stance(['start', '--once'], { npm_config_port: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^stance: npm kept --port for itself; .*npm start -- --port 3001/);
  });
});

describe('typos', () => {
  it.each([
    [['reingset'], 'stance: unknown command "reingset"; did you mean "reingest"? Run "stance --help" for the list'],
    [['query', 'matrx'], 'stance: unknown query "matrx"; did you mean "matrix"? Say what to query: matrix, stances, document, tracker, openapi'],
    [['query', 'matrix', '--trackr', 'x'], 'stance: unknown option --trackr; did you mean --tracker? See "stance query --help"'],
    [['tag', '--fromat', 'table', 'seeds/000_fdc57050e242d217.txt'], 'stance: unknown option --fromat; did you mean --format? See "stance tag --help"'],
    [['ingest', '--api=http://127.0.0.1:1', '--dry'], 'stance: unknown option --dry; see "stance ingest --help"'],
  ])('stance %j answers in one line with the nearest valid name', async (args, line) => {
    const result = await stance(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(line);
  });
});
