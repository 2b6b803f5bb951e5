import { describe, expect, it } from 'vitest';
import { PhraseIndex } from '../src/core/phrases.js';
import { tokenize } from '../src/core/text.js';
import { triples } from './support/tagger.js';

// British papers and wires write long acronyms as names ("Nato", "Himars"); a cue or alias written
// "NATO" must meet them. Short ones stay exact ("Us" opening a sentence is the pronoun), and so do
// long ones that are English words ("Swift progress", "Start").
describe('an acronym of four letters or more written as a name', () => {
  const index = new PhraseIndex<string>({ by: 'stem', nameCase: true });
  for (const phrase of ['NATO membership', 'US', 'SWIFT', 'HIMARS']) index.add(phrase, phrase);
  const found = (text: string): string[] => index.findAll(tokenize(text)).map((m) => m.phrase.payload);

  it('matches the acronym written with one capital, not in lower case', () => {
    expect(found('Kyiv wants Nato membership')).toEqual(['NATO membership']);
    expect(found('Kyiv wants NATO membership')).toEqual(['NATO membership']);
    expect(found('Kyiv wants nato membership')).toEqual([]);
    expect(found('more Himars launchers')).toEqual(['HIMARS']);
  });

  it('keeps short acronyms and long ones that are words exact', () => {
    expect(found('Us and them')).toEqual([]);
    expect(found('Swift progress')).toEqual([]);
    expect(found('cut off from SWIFT')).toEqual(['SWIFT']);
  });

  it('gives the stance a house style hid', () => {
    expect(triples('Russia demands that Ukraine abandon its bid to join Nato.')).toEqual(['RU nato_renunciation support']);
    expect(triples('Nato allies said they backed the peace plan.')).toEqual(['NATO peace_plan support']);
  });
});
