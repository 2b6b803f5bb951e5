// Tagger v8: a plan's author named by a demonym, and its contents set out under another name for it,
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a demonym before the plan names its author', () => {
  it('makes the author support the plan', () => {
    expect(triples('Critics lined up against the American 28-point plan.')).toContain('US peace_plan support');
    // v13b: Russia's own proposal is another plan (the tracker's counterparty), so the demonym is shown on Ukraine's.
    expect(triples('The initial Ukrainian proposal circulated in Brussels.')).toContain('UA peace_plan support');
  });

  it('gives the author what the plan would do', () => {
    expect(triples('The American plan would require Ukraine to cap its army at 600,000 troops.').sort()).toEqual(['US army_limits support', 'US peace_plan support']);
  });

  it('is not a demonym that heads a group of people', () => {
    expect(triples('An American official said the plan was still being discussed.')).not.toContain('US peace_plan support');
  });
});

describe('the plan just named, by another name', () => {
  it('gives the contents set out by "that version", "the document", "the text" to the plan\'s author', () => {
    const text = 'Kyiv received the American plan last week.\nThat initial version outlined the renunciation of NATO membership.';
    expect(triples(text)).toContain('US nato_renunciation support');
    expect(triples('The US plan reached Kyiv on Friday.\nThe document also envisages a cap on the size of the army.')).toContain('US army_limits support');
  });

  it('needs the plan close before, with a known author', () => {
    expect(triples('Kyiv received a plan last week.\nThe document also envisages a cap on the size of the army.')).toEqual([]);
    const far = 'The US plan reached Kyiv on Friday.\nTalks went on.\nThe weather was cold.\nOfficials met again.\nThe document also envisages a cap on the size of the army.';
    expect(triples(far)).not.toContain('US army_limits support');
  });

  it('is not a document that lacks the contents', () => {
    expect(triples('The US plan reached Kyiv on Friday.\nThe text does not include any cap on the army.')).not.toContain('US army_limits support');
  });
});

describe('announced travel for talks', () => {
  it('a visit or a journey for talks is an initiative to negotiate', () => {
    expect(triples('Witkoff will visit Moscow next week for talks with Putin.')).toContain('US negotiations support');
    expect(triples('The US envoy travelled to Moscow for talks on the war.')).toContain('US negotiations support');
  });

  it('a visit for something else is not', () => {
    expect(triples('Witkoff will visit Moscow next week for a football match.')).toEqual([]);
  });
});

describe('rejecting a plan whose contents are listed', () => {
  it('opposes each listed item, in the same sentence or right after', () => {
    expect(triples('Kyiv rejected the US plan, which would require Ukraine to cede Donbas and cap its army.')).toEqual(expect.arrayContaining([
      'UA peace_plan oppose', 'UA territorial_concessions oppose', 'UA army_limits oppose']));
    expect(triples('The US plan would require Ukraine to renounce NATO membership.\nKyiv rejected the plan.')).toContain('UA nato_renunciation oppose');
  });

  it('leaves the authors and sides that back the plan alone', () => {
    expect(triples('Kyiv welcomed the US plan, which would require Ukraine to cede Donbas.')).not.toContain('UA territorial_concessions oppose');
    expect(triples('The US plan would require Ukraine to renounce NATO membership.\nTalks went on.\nKyiv rejected the plan.')).not.toContain('UA nato_renunciation oppose');
  });
});

describe('contents a plan "referred to"', () => {
  it('gives them to the author', () => {
    expect(triples("Trump's plan referred to lifting sanctions against Moscow.")).toContain('US sanctions_relief support');
  });
});

describe('a side joined by a hyphen to "brokered", "led" before a term', () => {
  it('backs the term, dotted names and a couple of modifiers too', () => {
    expect(triples('Kyiv struck refineries in breach of a U.S.-brokered 30-day moratorium on strikes on energy infrastructure.')).toContain('US ceasefire support');
    expect(triples('The Turkish-brokered energy ceasefire held for a week.')).toEqual([]);
    expect(triples('A US-brokered 30-day ceasefire began on Monday.')).toEqual(['US ceasefire support']);
  });

  it('not across a name or a longer phrase', () => {
    expect(triples('A U.S.-brokered deal with Kyiv on minerals ended the dispute before Russia announced a ceasefire.')).not.toContain('US ceasefire support');
  });
});

describe('more ways to name who wrote a plan', () => {
  it('"presented", "advanced", "submitted" by a side', () => {
    expect(triples('The 20-point plan presented to Washington by Ukraine last week is at the core of the talks.')).toContain('UA peace_plan support');
    expect(triples('The peace plan advanced by the White House divides Europe.')).toContain('US peace_plan support');
  });

  it('a possessive before a quoted plan name', () => {
    expect(triples("Trump's 28-point 'peace plan' divides Europe.")).toContain('US peace_plan support');
    expect(triples('Nobody in Kyiv trusts Putin\'s "friendly deal" for Ukraine.')).not.toContain('RU peace_plan support');
  });

  it('a participle of authorship after a comma has the clause\'s subject', () => {
    expect(triples('American and Russian officials met for weeks, crafting a 28-point peace proposal.')).toEqual(expect.arrayContaining(['RU peace_plan support', 'US peace_plan support']));
    expect(triples('Analysts met for weeks, crafting a 28-point peace proposal.')).toEqual([]);
  });
});

describe('who is not a plan author', () => {
  it('the agent of a participle that is no authorship ("a proposal rejected by Kyiv")', () => {
    expect(triples('Moscow demands a full withdrawal from Donbas, a proposal rejected by Kyiv.')).not.toContain('UA peace_plan support');
    expect(triples('The proposal drafted by Washington divides Europe.')).toContain('US peace_plan support');
  });
});

describe('what is non-negotiable is insisted on', () => {
  it('supports the thing named, so territorial integrity opposes concessions', () => {
    expect(triples('Zelensky said territorial integrity is non-negotiable.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Kyiv views NATO accession as non-negotiable.')).toEqual(['UA nato_renunciation oppose']);
  });
});
