// Tagger v13b (issue 8, what the stance is): plan provisions written one paragraph each, authorship by working on a
// plan, co-authors kept, a side's own terms as another plan, and offers on a condition. Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

const lead = 'Washington has drafted a new peace framework, officials said.\nIts negotiators spent weeks on the text, and Kyiv received it on Friday.\n';

describe('plan provisions written one paragraph each (rules/provisions.ts)', () => {
  it('credits a run of three provision paragraphs to the plan\'s author, and gives the sides they name no stance', () => {
    const text = lead + 'Ukraine will keep its sovereignty.\nThe Ukrainian army will be capped at 600,000 troops.\nNATO agrees not to deploy troops in Ukraine.\nSanctions on Russia will be lifted in stages.\n';
    expect(triples(text)).toEqual(['US army_limits support', 'US foreign_troops oppose', 'US peace_plan support', 'US sanctions_relief support']);
  });

  it('reads an item after its label ("Point 3.") as the item', () => {
    const text = 'Washington has drafted a new peace framework.\nBelow is a summary of its main points.\nPoint 1. Ukraine will keep its sovereignty.\n'
      + 'Point 2. Kyiv will hold elections within 100 days.\nPoint 3. NATO agrees not to deploy troops in Ukraine.\nPoint 4. Sanctions on Russia will be lifted in stages.\n';
    expect(triples(text)).toEqual(['US elections support', 'US foreign_troops oppose', 'US peace_plan support', 'US sanctions_relief support']);
  });

  it('needs three paragraphs in a row: two may be news of what comes next', () => {
    const text = lead + 'NATO agrees not to deploy troops in Ukraine.\nSanctions on Russia will be lifted in stages.\nKyiv rejected the idea of lifting sanctions, a spokesman said.\n';
    expect(triples(text)).not.toContain('US foreign_troops oppose');
    expect(triples(text)).not.toContain('US sanctions_relief support');
  });

  it('does not read news of what comes next as provisions ("on Thursday", "next week")', () => {
    const text = 'Trump\'s peace plan was unveiled on Friday.\nWitkoff will travel to Moscow next week.\nZelensky will meet European leaders on Monday.\n'
      + 'The EU will discuss new sanctions on Thursday.\nEuropean troops will be sent to Ukraine soon.\n';
    expect(triples(text)).toEqual(['US peace_plan support']);
  });

  it('ends at a paragraph where somebody is reported speaking, and does not start far from the plan', () => {
    const reported = lead + 'Ukraine will keep its sovereignty.\nZelensky said Sanctions on Russia will stay.\nNATO agrees not to deploy troops in Ukraine.\nEuropean jets will be based in Poland.\n';
    expect(triples(reported)).not.toContain('US foreign_troops oppose');
    const far = lead + 'Markets rose.\nOil fell.\nGold was flat.\nThe rouble firmed.\nUkraine will keep its sovereignty.\nNATO agrees not to deploy troops in Ukraine.\nSanctions on Russia will be lifted in stages.\n';
    expect(triples(far)).not.toContain('US sanctions_relief support');
  });
});

describe('working on a plan makes an author (annotation rule 1)', () => {
  it('credits the subject of "worked (together) on the draft"', () => {
    expect(triples('American and Russian envoys worked together on the draft for a month.')).toEqual(['RU peace_plan support', 'US peace_plan support']);
  });

  it('keeps the co-authors when one of them names the plan again', () => {
    const text = 'Envoys of Washington and Moscow have been quietly working on a peace plan. Here is Trump\'s plan: it would cap the Ukrainian army at 600,000 troops.';
    expect(triples(text)).toEqual(['RU army_limits support', 'RU peace_plan support', 'US army_limits support', 'US peace_plan support']);
  });

  it('is no authorship where the sentence names who wrote the plan', () => {
    const text = 'Moscow has carefully worked on a draft plan prepared by the White House. The plan would cap the Ukrainian army at 600,000 troops.';
    expect(triples(text)).not.toContain('RU army_limits support');
  });
});

describe('a side\'s own terms are another plan (the tracker counterparty)', () => {
  it('gives no plan record for "Moscow\'s proposal", nor for rejecting it', () => {
    expect(triples('Moscow\'s proposal came a week after the summit.')).toEqual([]);
    expect(triples('Putin repeated his proposal on Friday. The proposal was dismissed by Kyiv.')).toEqual([]);
  });

  it('leaves "the plan" beside them the plan on the table', () => {
    expect(triples('Ukraine dismissed Moscow\'s proposal and backed the plan.')).toEqual(['UA peace_plan support']);
  });

  it('keeps what the terms contain as the side\'s, and a plan Russia wrote with the US as the plan', () => {
    expect(triples('Putin set out his proposal on Friday. The proposal would require Ukraine to cede Donbas.')).toEqual(['RU territorial_concessions support']);
    expect(triples('The plan was drafted by Witkoff and Dmitriev. Moscow\'s plan would cap the Ukrainian army.')).toContain('RU peace_plan support');
  });
});

describe('offers on a condition', () => {
  it('reads the offer\'s own verbs ("has promised to", "is prepared to")', () => {
    expect(triples('The Kremlin has offered to halt the fighting if Kyiv withdrew its application for NATO membership.'))
      .toEqual(['RU ceasefire support', 'RU nato_renunciation support']);
  });

  it('still credits what the condition asks when a stance word backs the offer', () => {
    expect(triples('Putin said he would agree to a ceasefire if Kyiv gave up its bid to join NATO.')).toEqual(['RU ceasefire support', 'RU nato_renunciation support']);
  });

  it('points what is asked by the stance word inside the condition, and gives the side asked no stance', () => {
    expect(triples('Moscow is prepared to start talks as soon as Ukraine announces the pullout of its forces and its refusal to join NATO.'))
      .toEqual(['RU nato_renunciation support', 'RU negotiations support']);
  });

  it('reads a time, not a demand, after an offer verb when no side is asked', () => {
    expect(triples('Russia is ready to hold talks once a ceasefire makes travel safe.')).toEqual(['RU negotiations support']);
  });
});

describe('deal identity: "the deal" after another deal is that deal', () => {
  it('gives no plan record for "the deal" when the document\'s first deal was a ceasefire deal', () => {
    expect(triples('Russia and Ukraine agreed to a ceasefire deal at sea on Tuesday. Kyiv and Washington are still working out the details of the deal.'))
      .toEqual(['RU ceasefire support', 'UA ceasefire support']);
  });

  it('keeps "the deal" as the plan once the plan was named first', () => {
    expect(triples('Trump\'s peace plan was presented on Monday. Separately, the sides agreed to a ceasefire deal at sea. Kyiv backed the deal.'))
      .toContain('UA peace_plan support');
  });
});

describe('talks hosted, chaired or mediated by a side (rules/talk-agents.ts)', () => {
  it('credits the agent after "by" with the talks', () => {
    expect(triples('The talks were chaired by Turkish Foreign Minister Hakan Fidan, who expressed hope for progress.')).toEqual(['TR negotiations support']);
    expect(triples('The talks on May 16, which were facilitated by Turkey, concluded with the two sides agreeing to continue.')).toContain('TR negotiations support');
  });

  it('gives nothing when negated, nor for a meeting that is no round of talks', () => {
    expect(triples('The talks were not mediated by Turkey.')).toEqual([]);
    expect(triples('The coalition meeting hosted by the United Kingdom discussed the force.')).toEqual([]);
  });
});

describe('evaluations (kind 7)', () => {
  it('reads "would create the necessary environment for talks" as backing what creates it', () => {
    expect(triples('Erdogan added that a comprehensive ceasefire would create the necessary environment for peace talks.')).toContain('TR ceasefire support');
  });
});

describe('conditions on an indefinite deal', () => {
  it('reads "a peace agreement" inside a condition as whatever deal there may be, not the plan', () => {
    expect(triples('Zelensky said he is ready to leave his post provided that the war ends with a peace agreement.')).not.toContain('UA peace_plan support');
    expect(triples('Trump said the fighting will go on until there is a deal.')).not.toContain('US peace_plan support');
  });

  it('still reads the plan itself inside a condition', () => {
    expect(triples('Moscow said the fighting will go on unless Kyiv accepts the peace plan.')).toContain('RU peace_plan support');
  });
});

describe('"concerns about" is the noun, not "concerned about"', () => {
  it('reads "expressed concerns about the plan" as opposition, and "is concerned about" still', () => {
    expect(triples('Ukraine has expressed concerns about the plan.')).toEqual(['UA peace_plan oppose']);
    expect(triples('Kyiv remains deeply concerned over the plan.')).toEqual(['UA peace_plan oppose']);
  });

  it('reads "opposition to" as the noun too, so its possessor holds it', () => {
    expect(triples('Russia\'s opposition to the plan is well known.')).toEqual(['RU peace_plan oppose']);
    expect(triples('Russia is firmly opposed to the plan.')).toEqual(['RU peace_plan oppose']);
  });
});

describe('what is set against the object ("rather than", "instead of")', () => {
  it('is not reached by the stance word', () => {
    expect(triples('Berlin called for an army of 800,000 rather than the 600,000 in the US proposal.')).not.toContain('DE peace_plan support');
    expect(triples('Kyiv backed the plan rather than a truce.')).toEqual(['UA peace_plan support']);
  });
});
