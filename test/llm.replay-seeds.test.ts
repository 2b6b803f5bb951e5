// Recorded answers for the five seeds (test/fixtures/llm/seeds.responses.jsonl, written by
// reading each seed, with invented quotes, quotes with changed punctuation or quote marks,
// quotes with changed words, unknown ids and a bad label among them) replayed through the
// same verification: exactly the records whose quotes are in the text are kept.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compileForModel, tagWithModel } from '../src/core/llm/tagger.js';
import { fold } from '../src/core/llm/verify.js';
import { loadTrackerFile } from '../src/core/tracker.js';
import { parseReplayLines, ReplayModel } from '../src/llm/replay.js';
import { modelSpecFor } from '../src/cli/tagging.js';

const run = promisify(execFile);
const seeds = ['000_fdc57050e242d217', '001_b19acb862a9e398d', '002_51523e5df336b9fc', '003_24b4bd12524a5f1d', '004_1ac4e6f4e10aa44a'];
const files = seeds.map((s) => `seeds/${s}.txt`);
const responsesFile = 'test/fixtures/llm/seeds.responses.jsonl';
const expected = readFileSync('test/fixtures/llm/seeds.expected.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { document: string; actor: string; term: string; stance: string });
const key = (r: { document: string; actor: string; term: string; stance: string }) => `${r.document} ${r.actor} ${r.term} ${r.stance}`;

async function stance(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['bin/stance.mjs', ...args], { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('replaying recorded answers for the seeds', () => {
  it('keeps exactly the records whose quotes are in the text, with evidence located in the original', async () => {
    const tracker = await loadTrackerFile('seeds/tracker.json');
    const compiled = compileForModel(tracker, modelSpecFor(tracker, undefined));
    const model = new ReplayModel(parseReplayLines(readFileSync(responsesFile, 'utf8'), responsesFile));
    const kept: string[] = [];
    const dropped: Record<string, number> = {};
    for (const id of seeds) {
      const text = readFileSync(`seeds/${id}.txt`, 'utf8');
      const out = await tagWithModel({ id, text }, compiled, { model });
      expect(out.fallback).toBeUndefined();
      for (const [reason, n] of Object.entries(out.dropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
      for (const r of out.records) {
        kept.push(key(r));
        for (const e of r.evidence) {
          expect(text.slice(e.start, e.end)).toBe(e.sentence);
          expect(e.sentence).toContain(e.cue);
        }
      }
    }
    expect(kept.sort()).toEqual(expected.map(key).sort());
    expect(dropped).toEqual({ 'quote-not-found': 6, 'no-verified-quote': 6, duplicate: 2, 'unknown-actor': 1, 'unknown-term': 1, 'bad-stance': 1, 'quote-too-short': 1 });
    expect(model.asked).toEqual(seeds.map((s) => `${s}#0`));
  });

  it('agrees with an independent check of the answers: a pair is kept iff some proposal for it has a quote in the text', () => {
    const texts = new Map(seeds.map((s) => [s, ` ${fold(readFileSync(`seeds/${s}.txt`, 'utf8')).folded} `]));
    const tracker = JSON.parse(readFileSync('seeds/tracker.json', 'utf8')) as { actors: { id: string }[]; terms: { id: string }[] };
    const answers = parseReplayLines(readFileSync(responsesFile, 'utf8'), responsesFile);
    const supported = new Set<string>();
    for (const [id, [response]] of answers) {
      const document = id.split('#')[0]!;
      const input = (response as any).output.message.content[0].toolUse.input as { records: Array<{ actor: string; term: string; stance: string; quotes: string[] }> };
      for (const r of input.records) {
        const known = tracker.actors.some((a) => a.id === r.actor) && tracker.terms.some((t) => t.id === r.term) && ['support', 'oppose', 'mixed'].includes(r.stance);
        const found = r.quotes.some((q) => fold(q).folded.split(' ').length >= 3 && texts.get(document)!.includes(` ${fold(q).folded} `));
        if (known && found) supported.add(`${document} ${r.actor} ${r.term}`);
      }
    }
    expect([...supported].sort()).toEqual(expected.map((r) => `${r.document} ${r.actor} ${r.term}`).sort());
  });
});

describe('stance prompt and stance tag --tagger replay', () => {
  it('prints one request per seed, keyed by document and part, and nothing for a document the gate skips', async () => {
    const ok = await stance('prompt', ...files, 'test/fixtures/llm/off-topic.txt');
    expect(ok.code).toBe(0);
    const lines = ok.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(seeds.map((s) => `${s}#0`));
    for (const l of lines) {
      expect(l.document).toBe(l.id.split('#')[0]);
      expect(l.request).toMatchObject({ modelId: expect.any(String), system: [{ text: expect.stringContaining('A mention is not a stance') }], toolConfig: { toolChoice: { tool: { name: 'record_stances' } } } });
    }
    expect(ok.stderr).toContain('off-topic: no request');
  });

  it('notes on stderr a document the topic gate skips, and prints no request for it', async () => {
    const { code, stdout, stderr } = await stance('prompt', 'test/fixtures/llm/off-topic.txt');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain("off-topic: no request (the tracker's topic gate skips it)");
  });

  it('tags through the recorded answers, prints what stance tag prints, and the drops on stderr', async () => {
    const { code, stdout, stderr } = await stance('tag', '--tagger', 'replay', '--responses', responsesFile, ...files);
    expect(code).toBe(0);
    const records = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map(key).sort()).toEqual(expected.map(key).sort());
    expect(records[0]).toMatchObject({ document: seeds[0], confidence: expect.any(Number), evidence: [{ sentence: expect.any(String), start: expect.any(Number), end: expect.any(Number), cue: expect.any(String) }] });
    expect(stderr).toContain('stance tag: 5 documents, 41 records kept; dropped: quote-not-found 6, no-verified-quote 6, duplicate 2');
    expect(stderr).toMatch(/rules fallback: none; tokens in \d+, out \d+/);
  });

  it('refuses --tagger replay without --responses, and a request with no recorded answer', async () => {
    expect((await stance('tag', '--tagger', 'replay', files[0]!)).stderr).toContain('needs --responses FILE');
    const missing = await stance('tag', '--tagger', 'replay', '--responses', responsesFile, 'test/fixtures/llm/unrecorded.txt');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no recorded answer for request "unrecorded#0"');
  });
});
