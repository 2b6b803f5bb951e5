import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stance } from './support/cli.js';

const seed = 'seeds/002_51523e5df336b9fc.txt';

describe('stance tag', () => {
  it('prints one JSON record a line with the document id, stance and evidence offsets', async () => {
    const { code, stdout } = await stance('tag', seed);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const r of lines) {
      expect(r.document).toBe('002_51523e5df336b9fc');
      expect(['support', 'oppose', 'mixed']).toContain(r.stance);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.evidence[0]).toMatchObject({ sentence: expect.any(String), start: expect.any(Number), end: expect.any(Number), cue: expect.any(String) });
    }
    expect(lines.map((r) => `${r.actor} ${r.term} ${r.stance}`)).toContain('RU foreign_troops oppose');
  });

  it('prints an actor x term grid with --format table, with a tracker given by path', async () => {
    const { code, stdout } = await stance('tag', '--format', 'table', '--tracker', 'seeds/tracker.json', seed);
    expect(code).toBe(0);
    const [title, header, ...rows] = stdout.trim().split('\n');
    expect(title).toBe('002_51523e5df336b9fc');
    expect(header).toMatch(/foreign_troops/);
    expect(rows.find((r) => r.startsWith('RU'))).toMatch(/oppose/);
  });

  it('fails with one line and a non-zero exit for a missing file', async () => {
    const { code, stdout, stderr } = await stance('tag', seed, 'no/such/file.txt');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe('stance: no/such/file.txt: no such file');
  });

  it('fails with a usage error for an unknown format', async () => {
    const { code, stderr } = await stance('tag', '--format', 'xml', seed);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--format must be jsonl or table/);
  });

  it('names the file and the place of a broken tracker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-tag-'));
    const tracker = join(dir, 'tracker.json');
    writeFileSync(tracker, JSON.stringify({ id: 't', title: 'T', actors: [{ id: 'A', name: 'A', aliases: [] }], terms: [] }));
    const { code, stderr } = await stance('tag', '--tracker', tracker, seed);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`stance: ${tracker} at actors[0].aliases: an actor needs at least one alias`);
  });
});

describe('stance eval', () => {
  it('prints the errors and pair and triple precision, recall and F1 as score.mjs does', async () => {
    const { code, stdout } = await stance('eval', '--gold', 'test/fixtures/seeds.gold.jsonl', seed);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.some((l) => /^(missed|spurious|wrong stance) /.test(l))).toBe(true); // gold of other seeds is missed
    expect(lines.slice(-5)[0]).toMatch(/^documents 5 {2}gold 46 {2}predicted \d+$/);
    expect(lines.slice(-4)[0]).toMatch(/^pair {4}P \d\.\d{3} {2}R \d\.\d{3} {2}F1 \d\.\d{3}$/);
    expect(lines.slice(-3)[0]).toMatch(/^triple {2}P \d\.\d{3} {2}R \d\.\d{3} {2}F1 \d\.\d{3}$/);
    expect(lines.at(-1)).toMatch(/^triple F1 \d\.\d{3}$/);
  });

  it('needs a folder or --gold', async () => {
    const { code, stderr } = await stance('eval', seed);
    expect(code).toBe(2);
    expect(stderr).toMatch(/needs a FOLDER or --gold FILE/);
  });
});
