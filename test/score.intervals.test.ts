// intervals(): percentile bootstrap over documents for triple F1 and pair precision, and the
// paired difference between two record sets. Records written here.
import { describe, expect, it } from 'vitest';
import { formatIntervals, intervals, score, type ScoredRecord } from '../src/core/score.js';

const r = (document: string, actor: string, term: string, stance: ScoredRecord['stance']): ScoredRecord => ({ document, actor, term, stance });
const gold = [r('d1', 'UA', 'ceasefire', 'support'), r('d1', 'RU', 'ceasefire', 'oppose'), r('d2', 'US', 'peace_plan', 'support'), r('d3', 'EU', 'peace_plan', 'oppose')];
const documents = ['d1', 'd2', 'd3', 'd4'];
const predicted = [r('d1', 'UA', 'ceasefire', 'support'), r('d1', 'RU', 'ceasefire', 'support'), r('d2', 'US', 'peace_plan', 'support'), r('d4', 'US', 'ceasefire', 'support')];

describe('intervals', () => {
  it('is around the figures score() gives, and the same on every run', () => {
    const a = intervals(gold, predicted, documents, { resamples: 500 });
    const s = score(gold, predicted);
    expect(a.tripleF1.value).toBeCloseTo(s.triple.f1, 12);
    expect(a.pairPrecision.value).toBeCloseTo(s.pair.precision, 12);
    expect(a.tripleF1.low).toBeLessThanOrEqual(a.tripleF1.value);
    expect(a.tripleF1.high).toBeGreaterThanOrEqual(a.tripleF1.value);
    expect(a.tripleF1.low).toBeLessThan(a.tripleF1.high);
    expect(intervals(gold, predicted, documents, { resamples: 500 })).toEqual(a);
  });

  it('has no width when every document is scored perfectly, and resamples documents without records too', () => {
    const perfect = intervals(gold, gold, documents, { resamples: 200 });
    expect([perfect.tripleF1.low, perfect.tripleF1.high]).toEqual([1, 1]);
    // d4 has no gold, only a spurious record: resampling it is what moves pair precision below 1.
    const spurious = intervals(gold, [...gold, r('d4', 'US', 'ceasefire', 'support')], documents, { resamples: 500 });
    expect(spurious.pairPrecision.low).toBeLessThan(1);
    expect(spurious.pairPrecision.high).toBe(1);
  });

  it('pairs two record sets on the same resamples: the difference, its interval and how often it is above 0', () => {
    const same = intervals(gold, predicted, documents, { other: predicted, resamples: 200 });
    expect(same.difference).toMatchObject({ value: 0, low: 0, high: 0, above: 0 });
    const better = intervals(gold, gold, documents, { other: predicted, resamples: 500 });
    expect(better.difference!.value).toBeGreaterThan(0);
    expect(better.difference!.above).toBeGreaterThan(0.9);
    const lines = formatIntervals(better, 'old.jsonl');
    expect(lines[0]).toBe('90% intervals over documents (500 resamples):');
    expect(lines[3]).toMatch(/^triple F1 minus old\.jsonl's: \+0\.\d{3}  \(\+?-?0\.\d{3} to \+\d\.\d{3}\); above 0 in \d+% of resamples$/);
  });
});
