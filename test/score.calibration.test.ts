// calibration: how many predicted records are right in each confidence band and for each number
// of evidence sentences, so a user knows what a confidence is worth. Records invented here.
import { describe, expect, it } from 'vitest';
import { calibration, formatCalibration, type CalibratedRecord, type ScoredRecord } from '../src/core/score.js';

const gold: ScoredRecord[] = [
  { document: 'd1', actor: 'UA', term: 'ceasefire', stance: 'support' },
  { document: 'd1', actor: 'RU', term: 'ceasefire', stance: 'oppose' },
  { document: 'd2', actor: 'UA', term: 'peace_plan', stance: 'mixed' },
];
const rec = (actor: string, term: string, stance: ScoredRecord['stance'], confidence: number, sentences: number, document = 'd1'): CalibratedRecord =>
  ({ document, actor, term, stance, confidence, evidence: Array.from({ length: sentences }, () => ({})) });
const predicted = [
  rec('UA', 'ceasefire', 'support', 0.96, 3), // right
  rec('RU', 'ceasefire', 'support', 0.8, 1), // wrong stance
  rec('US', 'peace_plan', 'support', 0.55, 1, 'd2'), // spurious
  rec('UA', 'peace_plan', 'mixed', 0.6, 2, 'd2'), // right, on the band's low edge
];

describe('calibration', () => {
  it('counts right, wrong-stance and spurious records in each confidence band, the low edge included', () => {
    const { byConfidence } = calibration(gold, predicted);
    expect(byConfidence.map((r) => r.key)).toEqual(['0.0-0.6', '0.6-0.7', '0.7-0.8', '0.8-0.9', '>= 0.9']);
    expect(byConfidence.map((r) => [r.predicted, r.right, r.wrongStance, r.spurious])).toEqual([[1, 0, 0, 1], [1, 1, 0, 0], [0, 0, 0, 0], [1, 0, 1, 0], [1, 1, 0, 0]]);
    expect(byConfidence[4]!.precision).toBe(1);
  });

  it('counts by the number of evidence sentences, and prints both tables with a dash for an empty row', () => {
    const result = calibration(gold, predicted);
    expect(result.byEvidence.map((r) => [r.key, r.predicted, r.right])).toEqual([['1', 2, 0], ['2', 1, 1], ['3 or more', 1, 1]]);
    const lines = formatCalibration(result);
    expect(lines[0]).toMatch(/^by confidence\s+predicted\s+right\s+wrong stance\s+spurious\s+triple P\s+mean conf\.$/);
    expect(lines[3]).toMatch(/^0\.7-0\.8\s+0\s+0\s+0\s+0\s+-\s+-$/);
    expect(lines[5]).toMatch(/^>= 0\.9\s+1\s+1\s+0\s+0\s+1\.000\s+0\.960$/);
    expect(lines).toContain('');
    // (0.96-1)^2 + 0.8^2 + 0.55^2 + (0.6-1)^2, over 4
    expect(result.brier).toBeCloseTo((0.04 ** 2 + 0.8 ** 2 + 0.55 ** 2 + 0.4 ** 2) / 4, 10);
    expect(lines.at(-1)).toMatch(/^Brier score 0\.276 /);
  });
});
