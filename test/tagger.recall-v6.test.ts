// Tagger v6: constructions that carry a stance the rules missed, each on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('the parties to what is signed sign it', () => {
  it('credits every side listed after "between" in "the signing of a declaration between A, B and C"', () => {
    expect(triples('Macron spoke after the signing of a declaration of intent between France, Britain and Ukraine on the deployment of a multinational force.'))
      .toEqual(['FR foreign_troops support', 'UA foreign_troops support', 'UK foreign_troops support']);
  });

  it('does not make the sides of talks "between" them the holders of an offer', () => {
    expect(triples('An offer to host talks between Russia and Ukraine came from Turkey.')).toEqual([]);
  });
});
