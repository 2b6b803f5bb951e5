// scoreBy: triple precision, recall and F1 per term and per actor, counted from the same
// records as score(), so the rows add up to its totals. Records invented here.
import { describe, expect, it } from 'vitest';
import { score, scoreBy, type ScoredRecord } from '../src/core/score.js';

const rec = (document: string, actor: string, term: string, stance: ScoredRecord['stance']): ScoredRecord => ({ document, actor, term, stance });

const gold = [
  rec('d1', 'UA', 'ceasefire', 'support'),
  rec('d1', 'RU', 'ceasefire', 'oppose'),
  rec('d2', 'UA', 'peace_plan', 'mixed'),
];
const predicted = [
  rec('d1', 'UA', 'ceasefire', 'support'), // right
  rec('d1', 'RU', 'ceasefire', 'support'), // wrong stance
  rec('d2', 'US', 'peace_plan', 'support'), // spurious
];

describe('scoreBy', () => {
  it('gives each term its gold, predicted and right counts and their triple P/R/F1, the largest gold first', () => {
    const rows = scoreBy(gold, predicted, 'term');
    expect(rows.map((r) => r.key)).toEqual(['ceasefire', 'peace_plan']);
    expect(rows[0]).toMatchObject({ gold: 2, predicted: 2, right: 1, triple: { precision: 0.5, recall: 0.5, f1: 0.5 } });
    expect(rows[1]).toMatchObject({ gold: 1, predicted: 1, right: 0, triple: { precision: 0, recall: 0, f1: 0 } });
  });

  it('counts by actor, and its rows add up to the totals of score()', () => {
    const rows = scoreBy(gold, predicted, 'actor');
    expect(Object.fromEntries(rows.map((r) => [r.key, [r.gold, r.predicted, r.right]]))).toEqual({ UA: [2, 1, 1], RU: [1, 1, 0], US: [0, 1, 0] });
    const total = score(gold, predicted);
    expect(rows.reduce((n, r) => n + r.gold, 0)).toBe(total.gold);
    expect(rows.reduce((n, r) => n + r.predicted, 0)).toBe(total.predicted);
    expect(rows.reduce((n, r) => n + r.right, 0) / total.gold).toBeCloseTo(total.triple.recall);
  });
});
