// `stance calibrate`: samples from tagged records and gold, the fit over samples, and one-line
// errors for bad input. Records and gold written here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stance } from './support/cli.js';
import { CALIBRATION } from '../src/core/calibration.js';

const dir = mkdtempSync(join(tmpdir(), 'stance-calibrate-'));
const write = (name: string, lines: object[]): string => {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  return file;
};
const gold = write('gold.jsonl', [{ document: 'd1', actor: 'UA', term: 'ceasefire', stance: 'support' }]);
const records = write('records.jsonl', [
  { document: 'd1', actor: 'UA', term: 'ceasefire', stance: 'support', confidence: 0.8, evidence: [{ sentence: 's', start: 0, end: 1, cue: 'c', stance: 'support', rule: 'act:subject' }] },
  { document: 'd1', actor: 'RU', term: 'ceasefire', stance: 'oppose', confidence: 0.8, evidence: [{ sentence: 's', start: 0, end: 1, cue: 'c', stance: 'oppose', rule: 'trigger:verb:subject' }, { sentence: 't', start: 5, end: 6, cue: 'c', stance: 'oppose', rule: 'trigger:noun:possessor' }] },
]);

describe('stance calibrate', () => {
  it('turns tagged records into samples: the shape, the tagger label, and whether the gold has the record', async () => {
    const { code, stdout } = await stance('calibrate', '--gold', gold, '--tagger', '13', records);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { document: 'd1', actor: 'UA', term: 'ceasefire', stance: 'support', sentences: 1, rules: ['act:subject'], tagger: '13', right: true },
      { document: 'd1', actor: 'RU', term: 'ceasefire', stance: 'oppose', sentences: 2, rules: ['trigger:verb:subject', 'trigger:noun:possessor'], tagger: '13', right: false },
    ]);
  });

  it('fits the committed samples to the weights the tagger ships', async () => {
    const { code, stdout } = await stance('calibrate', '--fit', '--l2', String(CALIBRATION.l2), 'news/calibration/first-seen.jsonl');
    expect(code).toBe(0);
    const fitted = JSON.parse(stdout);
    expect(fitted.weights).toEqual(CALIBRATION.weights);
    expect(fitted.fittedOn).toMatch(/samples from news\/calibration\/first-seen\.jsonl/);
  });

  it('says in one line what is wrong with its input', async () => {
    const noGold = await stance('calibrate', records);
    expect(noGold.code).toBe(2);
    expect(noGold.stderr).toMatch(/needs --gold GOLD and --tagger LABEL/);
    const badSample = write('bad.jsonl', [{ document: 'd1' }]);
    const bad = await stance('calibrate', '--fit', badSample);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/bad\.jsonl:1: actor/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const l2 = await stance('calibrate', '--fit', '--l2', 'x', 'news/calibration/first-seen.jsonl');
    expect(l2.stderr).toMatch(/--l2 must be a number/);
  });
});
