// `stance tag --tagger bedrock --record FILE` with the real SDK over HTTP, against a loopback
// server that answers Converse requests (AWS_ENDPOINT_URL_BEDROCK_RUNTIME, dummy credentials
// from the environment; the client speaks HTTP/2, cleartext here): the records, the
// recorded answers, their replay, and a 503.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsAnswer } from './support/llm.js';

const run = promisify(execFile);
const seed = 'seeds/002_51523e5df336b9fc.txt';
const seen: Array<{ path: string; body: any }> = [];
let server: Http2Server;
let endpoint: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ path: decodeURIComponent(req.url ?? ''), body: JSON.parse(body) });
      if (req.url?.includes('nova')) {
        res.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailableException' });
        res.end(JSON.stringify({ message: 'try later' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(recordsAnswer([
        { actor: 'RU', term: 'foreign_troops', stance: 'oppose', quotes: ['the Kremlin rejects the idea of a European force monitoring a truce in Ukraine'] },
        { actor: 'RU', term: 'ceasefire', stance: 'oppose', quotes: ['the Kremlin rejects every truce'] },
      ], { inputTokens: 7100, outputTokens: 90 })));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

async function stance(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  try {
    const { stdout, stderr } = await run('node', ['bin/stance.mjs', ...args], { cwd: process.cwd(), env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('stance tag --tagger bedrock', () => {
  it('calls Converse with the tool forced, keeps the verified record, records the answer, and the replay agrees', async () => {
    const record = join(mkdtempSync(join(tmpdir(), 'stance-record-')), 'answers.jsonl');
    const live = await stance('tag', '--tagger', 'bedrock', '--record', record, seed);
    expect(live.code).toBe(0);
    expect(seen.at(-1)!.path).toBe('/model/us.anthropic.claude-haiku-4-5-20251001-v1:0/converse');
    expect(seen.at(-1)!.body).toMatchObject({ toolConfig: { toolChoice: { tool: { name: 'record_stances' } } }, inferenceConfig: { temperature: 0 } });
    const records = live.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => `${r.actor} ${r.term} ${r.stance}`)).toEqual(['RU foreign_troops oppose']);
    expect(live.stderr).toContain('1 records kept; dropped: quote-not-found 1, no-verified-quote 1');
    expect(live.stderr).toContain('tokens in 7100, out 90');

    const lines = readFileSync(record, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ id: '002_51523e5df336b9fc#0', response: expect.objectContaining({ stopReason: 'tool_use', usage: expect.objectContaining({ inputTokens: 7100 }) }) }]);
    const replay = await stance('tag', '--tagger', 'replay', '--responses', record, seed);
    expect(replay.stdout).toBe(live.stdout);
  });

  it('fails with one line when Bedrock keeps answering 503', async () => {
    const failed = await stance('tag', '--tagger', 'bedrock', '--model', 'amazon.nova-micro-v1:0', seed);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toMatch(/^stance: Bedrock could not answer 002_51523e5df336b9fc#0 now \(ServiceUnavailableException/);
    expect(seen.filter((s) => s.path.includes('nova'))).toHaveLength(3);
  });
});
