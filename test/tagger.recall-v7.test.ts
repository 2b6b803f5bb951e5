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

describe('plan contents named as transfers and troop numbers', () => {
  it('reads them in a list after a colon', () => {
    expect(triples('The first US draft envisaged hard concessions for Kyiv: the transfer of territories in the east, limits on troop numbers and a ban on joining NATO.'))
      .toEqual(['US army_limits support', 'US nato_renunciation support', 'US peace_plan support', 'US territorial_concessions support']);
  });
});

describe('proposing by "suggest" with a noun or a gerund', () => {
  it('supports what is suggested', () => {
    expect(triples('Washington is suggesting the creation of a demilitarized zone in the Donbas.')).toEqual(['US demilitarized_zone support']);
    expect(triples('Ankara suggested holding the next round of talks in Istanbul.')).toEqual(['TR negotiations support']);
  });

  it('a zone "entirely demilitarized" is the zone, not an army limit', () => {
    expect(triples('Washington is suggesting the creation of a free economic zone, entirely demilitarized, in the east.')).toEqual(['US demilitarized_zone support']);
  });

  it('still reads "suggested that" as a guess', () => {
    expect(triples('Zelensky suggested that Russia wants talks only to gain time.')).toEqual([]);
  });
});

describe('saving talks, optimism about them, travelling to hold them', () => {
  it('supports the talks', () => {
    expect(triples('The envoys went to Moscow to save the negotiations.')).toEqual([]);
    expect(triples('Witkoff and Kushner went to Moscow to save the negotiations.')).toEqual(['US negotiations support']);
    expect(triples('Fidan expressed optimism about rapid progress in the negotiation process.')).toEqual(['TR negotiations support']);
    expect(triples('Witkoff will travel to Moscow for talks with Putin.')).toEqual(['US negotiations support']);
  });

  it('arriving for talks is taking part, no stance', () => {
    expect(triples('Witkoff arrived in Moscow for talks with Putin.')).toEqual([]);
  });
});

describe('a named group of sides ("the E3")', () => {
  it('credits each side of the group', () => {
    expect(triples('The E3 backed a cap on the armed forces.')).toEqual(['DE army_limits support', 'FR army_limits support', 'UK army_limits support']);
  });

  it('is checked against the listed actors', async () => {
    const { parseTracker } = await import('../src/core/tracker.js');
    const { shippedTracker } = await import('./support/tagger.js');
    expect(() => parseTracker({ ...shippedTracker, groups: [{ aliases: ['G2'], actors: ['US', 'XX'] }] }, 'test')).toThrow(/XX/);
  });
});

describe('judging a term problematic, speaking well of it', () => {
  it('reads the judgement for the speaker', () => {
    expect(triples("Germany's foreign minister said that territorial concessions remain the most problematic point.")).toEqual(['DE territorial_concessions oppose']);
    expect(triples("Germany's foreign minister spoke positively of the talks.")).toEqual(['DE negotiations support']);
  });
});
