// `stance ingest` and `stance query` against the local stack with the real handlers.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MatrixResponseSchema } from '../src/api/schemas.js';
import * as ingest from '../src/cli/ingest.js';
import * as query from '../src/cli/query.js';
import { freePort } from '../src/local/dynamodb.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { localEndpoint } from './support/dynamodb.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seeds = join(root, 'seeds');

let stack: LocalStack;
let dir: string;
beforeAll(async () => {
  stack = await startLocalStack({ port: 0, trackerFile: join(seeds, 'tracker.json'), dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}` });
  dir = await mkdtemp(join(tmpdir(), 'stance-cli-'));
});
afterAll(async () => {
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a command module in this process and collects what it prints. */
async function capture(command: { run(args: string[]): Promise<number> }, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const code = await command.run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const exec = promisify(execFile);
/** Runs the real `stance` binary: exit code and stderr as a user sees them. */
async function stance(args: string[]) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(root, 'bin/stance.mjs'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('stance ingest', () => {
  it('sends a directory of articles, prints each id, skips the tracker file, and reports duplicates the second time', async () => {
    const first = await capture(ingest, [seeds, '--api', stack.apiUrl]);
    expect(first.code).toBe(0);
    expect(first.out.match(/^created +[0-9a-f]{20} +.*seeds\/00\d_[0-9a-f]+\.txt$/gm)).toHaveLength(5);
    expect(first.out).toMatch(/5 documents: 5 created, 0 updated, 0 duplicates, 0 failed/);
    expect(first.err).toMatch(/skipped +.*tracker\.json: a tracker, not a document/);

    const again = await capture(ingest, [seeds, '--api', stack.apiUrl, '--format', 'json']);
    const outcomes = JSON.parse(again.out) as Array<{ status: string }>;
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('duplicate'));
    await stack.drained();
  });

  it('reports a refused document with its file and still stores the others in the same batch', async () => {
    const file = join(dir, 'batch.json');
    await writeFile(file, JSON.stringify([{ title: 'fine', text: `A fine article ${randomUUID()}` }, { title: 'no text here' }]));
    const result = await capture(ingest, [file, '--api', stack.apiUrl]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^created +[0-9a-f]{20} +.*batch\.json\[0\]$/m);
    expect(result.err).toMatch(/^failed +.*batch\.json\[1\]: POST \/documents answered 400: documents\[0\]\.text/m);
    expect(result.out).toMatch(/2 documents: 1 created, 0 updated, 0 duplicates, 1 failed/);
    await stack.drained();
  });
});

describe('stance query', () => {
  it('prints the matrix as a grid, or the API answer with --format json', async () => {
    const table = await capture(query, ['matrix', '--api', stack.apiUrl]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(new RegExp(`tracker ${stack.tracker.id} \\(version [0-9a-f]+\\)`));
    expect(table.out).toMatch(/^ +RU +UA +US/m);
    expect(table.out).toMatch(/^ceasefire /m);

    const json = await capture(query, ['matrix', '--api', stack.apiUrl, '--format', 'json']);
    expect(MatrixResponseSchema.parse(JSON.parse(json.out)).tracker.id).toBe(stack.tracker.id);
  });

  it('prints a document, a tracker (the default one without an id), stances and the OpenAPI document', async () => {
    const ingested = JSON.parse((await capture(ingest, [join(seeds, '000_fdc57050e242d217.txt'), '--api', stack.apiUrl, '--format', 'json'])).out) as Array<{ id: string }>;
    const id = ingested[0]!.id;
    await stack.drained();

    const doc = await capture(query, ['document', id, '--api', stack.apiUrl]);
    expect(doc.out).toMatch(new RegExp(`^id +${id}$`, 'm'));
    expect(doc.out).toMatch(/^title +Details have emerged/m);
    expect(doc.out).toMatch(/^tagged +\d{4}-/m);

    const tracker = await capture(query, ['tracker', '--api', stack.apiUrl]);
    expect(tracker.out).toMatch(/^Ending the Russia-Ukraine war/);
    expect(tracker.out).toMatch(/^ {2}territorial_concessions +Ukraine giving up territory/m);

    const stances = await capture(query, ['stances', '--actor', 'RU', '--limit', '3', '--api', stack.apiUrl]);
    expect(stances.code).toBe(0);
    expect(stances.out).toMatch(/\d+ records?|no stance records/);

    const openapi = await capture(query, ['openapi', '--api', stack.apiUrl]);
    expect(JSON.parse(openapi.out)).toHaveProperty('paths./matrix');
  });

  it('refuses a stances query without actor or term before asking the API', async () => {
    await expect(capture(query, ['stances', '--api', stack.apiUrl])).rejects.toThrow(/needs --actor, --term or both/);
  });
});

describe('the stance binary', () => {
  it('names the URL and suggests npm start when no server answers, with a non-zero exit code', async () => {
    const port = await freePort();
    const result = await stance(['query', 'matrix', '--api', `http://127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`stance: cannot reach http://127.0.0.1:${port} (ECONNREFUSED); start the local stack with "npm start" (or pass --api URL)`);
  });

  it('says which actor was meant when only the case is wrong, on one line', async () => {
    const result = await stance(['query', 'stances', '--actor', 'ru', '--api', stack.apiUrl]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^stance: GET \/stances\?actor=ru answered 400: query\.actor: no actor "ru" in tracker ukraine-peace-2025; did you mean "RU"\? The actors are RU, UA, US, /);
  });

  it('prints the API\'s own message for a 4xx, on one line', async () => {
    const result = await stance(['query', 'document', 'nope', '--api', stack.apiUrl]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('stance: GET /documents/nope answered 404: no document "nope"');
  });
});
