// Tagger v7: a text hard-wrapped at a fixed width (a statement copied from a PDF) is read as whole
// sentences; offsets still point into the original text. Texts written for these tests.
import { describe, expect, it } from 'vitest';
import { hardWrapped, unwrapLines } from '../src/core/layout.js';
import { tag, triples } from './support/tagger.js';

const wrapped = [
  'Joint statement on the talks held in Geneva this week by the',
  'delegations of several countries, issued on Sunday evening',
  'after a long day of meetings between the teams and their',
  'advisers. The participants noted the progress made so far.',
  'The Kremlin said on Sunday that it firmly rejects the',
  'deployment of foreign troops in Ukraine under any',
  'arrangement, and the White House said it backs a',
  'ceasefire along the current line of contact as a first',
  'step towards a lasting settlement of the war.',
  '-',
  'A monitoring mechanism led by the United States.',
].join('\n');

describe('a hard-wrapped text', () => {
  it('is recognised by its short lines that end inside sentences', () => {
    expect(hardWrapped(wrapped)).toBe(true);
    expect(hardWrapped('Headline\nThe Kremlin rejects the plan.\nKyiv backs it.')).toBe(false);
  });

  it('is unwrapped one character for one, keeping breaks after a full stop and before a bullet (a bullet joins its item)', () => {
    const flat = unwrapLines(wrapped);
    expect(flat.length).toBe(wrapped.length);
    expect(flat).toContain('firmly rejects the deployment of foreign troops in Ukraine under any arrangement');
    expect(flat).toContain('the war.\n- A monitoring');
  });

  it('gives the stances of sentences that run over several lines, with evidence sliced from the original', () => {
    expect(triples(wrapped)).toEqual(['RU foreign_troops oppose', 'US ceasefire support']);
    for (const record of tag(wrapped)) for (const e of record.evidence) expect(wrapped.slice(e.start, e.end)).toBe(e.sentence);
  });

  it('leaves a text with one paragraph a line as it is', () => {
    const plain = 'Kyiv rejects the plan.\nMoscow backs it\nThe talks go on.';
    expect(unwrapLines(plain)).toBe(plain);
  });
});
