// Tagger v7: common constructions of news the rules did not read, on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('refusing to take part in talks', () => {
  it('opposes the talks', () => {
    expect(triples('Zelensky said Ukraine would not take part in the talks in Riyadh.')).toEqual(['UA negotiations oppose']);
    expect(triples('Kyiv will not participate in negotiations held without it.')).toEqual(['UA negotiations oppose']);
  });

  it('agreeing to take part supports them; taking part alone is no stance', () => {
    expect(triples('Russia agreed to take part in the talks.')).toEqual(['RU negotiations support']);
    expect(triples('Russia took part in the talks in Istanbul.')).toEqual([]);
  });
});

describe('halting, pausing or resuming military aid is an act', () => {
  it('reads the act for its doer', () => {
    expect(triples('Trump halted the flow of weapons to Kyiv.')).toEqual(['US military_aid oppose']);
    expect(triples('The White House paused military aid to Ukraine.')).toEqual(['US military_aid oppose']);
    expect(triples('Washington resumed arms deliveries to Kyiv.')).toEqual(['US military_aid support']);
  });

  it('gives none for a hypothetical or a topic', () => {
    expect(triples('The White House could pause military aid to Ukraine.')).toEqual([]);
    expect(triples('Ministers met regarding the suspension of aid deliveries.')).toEqual([]);
  });
});

describe('stance verbs of news', () => {
  it('brushing aside or shrugging off opposes', () => {
    expect(triples('The Kremlin brushed aside calls for a ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Moscow shrugged off the peace plan.')).toEqual(['RU peace_plan oppose']);
  });

  it('not tolerating opposes, consenting supports', () => {
    expect(triples('Lavrov said Russia would not tolerate European troops in Ukraine.')).toEqual(['RU foreign_troops oppose']);
    expect(triples('Kyiv consented to a 30-day ceasefire.')).toEqual(['UA ceasefire support']);
  });
});
