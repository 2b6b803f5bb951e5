// `stance eval FOLDER`: a manifest folder (manifest.jsonl, texts/, gold.jsonl) is read,
// each text checked against its sha256, missing or changed texts named and left out;
// `--ablate` prints one line per rule family, `--by` the figures by term and by actor. The folder is made here, in our own words.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stance } from './support/cli.js';
import { RULE_FAMILIES } from '../src/core/tagger.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function makeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-eval-'));
  mkdirSync(join(dir, 'texts'));
  const a = 'Kyiv rejected any territorial concessions to Russia on Monday.\nThe Kremlin said Putin was open to further talks with Washington on Ukraine.\n';
  const b = 'Berlin will deliver more Patriot batteries to Ukraine.\n';
  writeFileSync(join(dir, 'texts', 'a1.txt'), a);
  writeFileSync(join(dir, 'texts', 'b2.txt'), `${b}An edit after the manifest was made.\n`);
  writeFileSync(join(dir, 'manifest.jsonl'), [
    { document: 'a1', url: 'https://example.org/a1', sha256: sha(a) },
    { document: 'b2', url: 'https://example.org/b2', sha256: sha(b) },
    { document: 'c3', url: 'https://example.org/c3', sha256: sha('gone') },
  ].map((l) => JSON.stringify(l)).join('\n'));
  writeFileSync(join(dir, 'gold.jsonl'), [
    { document: 'a1', actor: 'UA', term: 'territorial_concessions', stance: 'oppose' },
    { document: 'a1', actor: 'RU', term: 'negotiations', stance: 'support' },
    { document: 'b2', actor: 'DE', term: 'military_aid', stance: 'support' },
    { document: 'c3', actor: 'US', term: 'ceasefire', stance: 'support' },
  ].map((l) => JSON.stringify(l)).join('\n'));
  return dir;
}

describe('stance eval FOLDER', () => {
  it('scores the texts that match the manifest and names the missing and changed ones', async () => {
    const { code, stdout, stderr } = await stance('eval', makeFolder());
    expect(code).toBe(0);
    expect(stderr).toContain('1 of 3 texts missing (left out): c3');
    expect(stderr).toContain("1 of 3 texts differ from the manifest's sha256 (left out): b2");
    expect(stdout).toContain('documents 1  gold 2  predicted 2');
    expect(stdout).toContain('triple F1 1.000');
  });

  it('prints the ablation table with --ablate, one line per rule family', async () => {
    const { code, stdout } = await stance('eval', '--ablate', makeFolder());
    expect(code).toBe(0);
    for (const family of RULE_FAMILIES) expect(stdout).toMatch(new RegExp(`^-${family}\\s+triple F1 \\d\\.\\d{3}  change [+-]\\d\\.\\d{3}`, 'm'));
    expect(stdout).toMatch(/^-triggers\s+triple F1 0\.\d{3}  change -/m);
  });

  it('prints the triple figures by term and by actor with --by, from the same records', async () => {
    const { code, stdout } = await stance('eval', '--by', makeFolder());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^by term\s+gold\s+predicted\s+right\s+triple P\s+R\s+F1$/m);
    expect(stdout).toMatch(/^territorial_concessions\s+1\s+1\s+1\s+1\.000\s+1\.000\s+1\.000$/m);
    expect(stdout).toMatch(/^by actor\s+gold/m);
    expect(stdout).toMatch(/^RU\s+1\s+1\s+1\s+1\.000/m);
  });

  it('prints 90% intervals with --interval, and the paired difference with --against an older set of records', async () => {
    const dir = makeFolder();
    const older = join(dir, 'older.jsonl');
    writeFileSync(older, `${JSON.stringify({ document: 'a1', actor: 'RU', term: 'negotiations', stance: 'oppose' })}\n${JSON.stringify({ document: 'zz', actor: 'RU', term: 'negotiations', stance: 'oppose' })}\n`);
    const { code, stdout } = await stance('eval', '--against', older, dir);
    expect(code).toBe(0);
    expect(stdout).toContain(`${older}:\ndocuments 1  gold`);
    expect(stdout).toMatch(/90% intervals over documents \(2000 resamples\):\ntriple F1 \d\.\d{3}  \(\d\.\d{3} to \d\.\d{3}\)\npair P /);
    expect(stdout).toMatch(/triple F1 minus .*older\.jsonl's: \+\d\.\d{3} /);
  });

  it('keeps the --gold FILE FILE... form', async () => {
    const dir = makeFolder();
    const { code, stdout } = await stance('eval', '--gold', join(dir, 'gold.jsonl'), join(dir, 'texts', 'a1.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('missed        c3 US ceasefire');
  });

  it('fails with one line when no text of the folder is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-eval-'));
    writeFileSync(join(dir, 'manifest.jsonl'), JSON.stringify({ document: 'x', sha256: sha('x') }));
    writeFileSync(join(dir, 'gold.jsonl'), '');
    const { code, stderr } = await stance('eval', dir);
    expect(code).not.toBe(0);
    expect(stderr).toContain('no text to score: 1 of 1 texts missing (left out): x');
  });
});
