// Keeps the seed score from falling below what the tagger reached (triple F1 0.966,
// pair precision 1.000 when this test was written), computed as score.mjs does.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecordLines, score } from '../src/core/score.js';
import { gated, tag } from './support/tagger.js';

describe('the seed articles', () => {
  it('score at least triple F1 0.95 and pair precision 0.97 against the gold', () => {
    const gold = parseRecordLines(readFileSync('test/fixtures/seeds.gold.jsonl', 'utf8'), 'seeds.gold.jsonl');
    const predicted = readdirSync('seeds').filter((f) => f.endsWith('.txt')).flatMap((f) =>
      tagDocument(f.replace(/\.txt$/, ''), readFileSync(`seeds/${f}`, 'utf8')));
    const result = score(gold, predicted);
    expect(result.triple.f1).toBeGreaterThanOrEqual(0.95);
    expect(result.pair.precision).toBeGreaterThanOrEqual(0.97);
  });
});

function tagDocument(id: string, text: string) {
  return tag(text, gated).map((r) => ({ ...r, document: id }));
}
