// Tagger v10b: what the stance is. Plan authors and contents under more verbs, the side a plan asks something of,
// possessors that own a reaction to the plan rather than the plan, and irregular past forms of stance verbs,
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

const found = (text: string): string[] => triples(text);

describe("a plan's author and contents", () => {
  it('takes "introduced by", "supported by" and "endorsed by" for authorship', () => {
    expect(found('The plan, introduced by Washington, drew criticism. The plan would require Ukraine to cede territory.')).toContain('US territorial_concessions support');
    expect(found('The proposal, which was endorsed by Trump, would cap the army at 600,000 troops.')).toContain('US army_limits support');
  });

  it('reads "involves", "calls on", "obliges" as setting out contents', () => {
    expect(found("Trump's plan involves Kyiv giving up territory in the east.")).toContain('US territorial_concessions support');
    expect(found("Washington's proposal calls on Ukraine to cede territory it holds.")).toContain('US territorial_concessions support');
  });

  it('takes back a stance word of the side the plan asks something of', () => {
    const text = 'The proposal, which was endorsed by Trump, involves Ukraine making concessions, including giving up land in eastern Ukraine and pledging not to join NATO.';
    expect(found(text)).toContain('US nato_renunciation support');
    expect(found(text).filter((t) => t.startsWith('UA '))).toEqual([]);
  });

  it('keeps the stance of that side where it is named again as a subject', () => {
    const text = "Trump's plan required Kyiv to give up territory, a proposal Ukraine has repeatedly opposed.";
    expect(found(text)).toContain('UA peace_plan oppose');
  });
});

describe('a possessor of a reaction to the plan', () => {
  it('is not the plan\'s author ("Moscow\'s rejection of the draft")', () => {
    const text = "The adviser called the ideas unconstructive, signalling Moscow's rejection of the draft.";
    expect(found(text)).toContain('RU peace_plan oppose');
    expect(found(text)).not.toContain('RU peace_plan support');
    expect(found(text)).not.toContain('RU peace_plan mixed');
  });

  it('still names the author of "Trump\'s 28-point peace plan"', () => {
    expect(found("Trump's 28-point peace plan would cap the army.")).toContain('US peace_plan support');
  });
});

describe('irregular past forms of stance verbs', () => {
  it('reads "supplied" and "sent" as their verbs', () => {
    expect(found('Turkey supplied drones and ammunition to Ukraine.')).toContain('TR military_aid support');
    expect(found('Germany sent more air defence systems to Ukraine.')).toContain('DE military_aid support');
  });
});

describe('what a stance word does not reach', () => {
  it('stops at "and" with a new subject pronoun', () => {
    expect(found('Trump said it was not his final offer and he hoped to stop the fighting soon.')).not.toContain('US ceasefire oppose');
  });

  it('does not reach a term after "as" that names what the object is called', () => {
    expect(found('Trump dismissed the report as a usual negotiating tactic.')).not.toContain('US negotiations oppose');
    // v13b: "Putin's proposal" is Russia's own terms, not the plan (dev gold: rn221), so the reach is shown on Trump's.
    expect(found("Ukraine dismissed Trump's proposal as a sham.")).toContain('UA peace_plan oppose');
    expect(found('Kyiv dismissed it as a capitulation plan.')).toContain('UA peace_plan oppose');
  });

  it('does not take a phrase of place or time right after the verb for its object', () => {
    expect(found('The proposal would require Ukraine to make significant concessions that Kyiv has consistently rejected in previous negotiations.')).not.toContain('UA negotiations oppose');
    expect(found('Kyiv rejected the demand to cede territory.')).toContain('UA territorial_concessions oppose');
  });
});

describe('a rejection of the plan before its contents are listed (annotation rule 4)', () => {
  const text = 'The plan, introduced by Washington, drew strong criticism from Kyiv. The proposal requires Ukraine to cede territory and abandon its bid to join NATO.';

  it('opposes the contents listed in the next sentences', () => {
    const got = found(text);
    expect(got).toContain('UA territorial_concessions oppose');
    expect(got).toContain('US territorial_concessions support');
  });

  it('not when the side rejected another author\'s plan', () => {
    const other = "Kyiv criticised the Russian proposal. Trump's plan requires Ukraine to cede territory.";
    expect(found(other)).not.toContain('UA territorial_concessions oppose');
  });
});

describe('participles that qualify a noun', () => {
  it('are nobody\'s act: "condemning a recently signed declaration that sets out guarantees"', () => {
    const got = found('Moscow strongly condemned a recently signed declaration that sets out security guarantees for Kyiv.');
    expect(got).toContain('RU security_guarantees oppose');
    expect(got).not.toContain('RU security_guarantees support');
  });

  it('"opposed clauses calling for X" opposes X', () => {
    const got = found('The Russian foreign ministry opposed clauses calling for a multinational force and further military aid.');
    expect(got).toContain('RU foreign_troops oppose');
    expect(got).toContain('RU military_aid oppose');
  });

  it('a term as the object keeps its own reading ("rejected a plan calling for talks")', () => {
    expect(found('The Kremlin rejected a plan calling for a ceasefire.')).toContain('RU peace_plan oppose');
  });
});

describe('"not just", "not merely"', () => {
  it('add; they do not negate the stance word', () => {
    const got = found('"We hope all who are not just rhetorically invested in the peace process will back a new round of talks," Lavrov said.');
    expect(got).toContain('RU negotiations support');
    expect(got).not.toContain('RU negotiations mixed');
  });
});

describe('warnings', () => {
  it('oppose what they say would do harm', () => {
    expect(found('Russia has warned that any Western troops sent to Ukraine would be regarded as legitimate targets.')).toContain('RU foreign_troops oppose');
    expect(found('Trump warned that supplying Tomahawks to Ukraine might escalate the war.')).toEqual(['US military_aid oppose']);
  });

  it('need a harm after the modal', () => {
    expect(found('Macron warned that European troops would arrive only after a ceasefire.')).not.toContain('FR foreign_troops oppose');
  });
});

describe('a negation before a gerund after its noun', () => {
  it('negates the gerund ("did not play an active role in drafting")', () => {
    expect(found('Putin said Russian officials did not play an active role in drafting the proposal.')).not.toContain('RU peace_plan support');
  });
});

describe('conditions around a stance word', () => {
  it('a sentence that opens with "If" keeps its condition up to the first comma', () => {
    expect(found('If American negotiators treat the war as a dispute between two countries and press both sides to agree to an immediate ceasefire, they will fail.')).toEqual([]);
  });

  it('a quantity after "at" is still the object ("needed at least ten more Patriot systems")', () => {
    expect(found('Kyiv still needed at least ten more Patriot systems, the Ukrainian defence minister said.')).toContain('UA military_aid support');
  });
});

describe('term phrasings (tracker cues)', () => {
  it('knows restricting the military and giving up land', () => {
    const got = found("Trump's proposal requires Ukraine to give up some of its land and restrict the size of its military.");
    expect(got).toContain('US territorial_concessions support');
    expect(got).toContain('US army_limits support');
  });
});

describe('coordination', () => {
  it('a negating verb governs its own conjunct ("ready to stop shooting and start talking")', () => {
    expect(found('Rubio said Ukraine is ready to stop shooting and start talking.')).toContain('UA negotiations support');
    expect(found('Rubio said Ukraine is ready to stop shooting and start talking.')).not.toContain('UA negotiations oppose');
  });

  it('"no" still reaches over "and" ("no ceasefire and no talks" is two refusals)', () => {
    expect(found('"There will be no ceasefire and no talks," Putin said.')).toContain('RU ceasefire oppose');
  });

  it('a copula starts a predicate, not another item ("insisted the deal is evolving and subject to negotiation")', () => {
    expect(found('Washington officials insisted the deal is still evolving and subject to further negotiation.')).not.toContain('US negotiations support');
  });

  it('"how to" asks about a manner ("coached officials on how to present a ceasefire plan")', () => {
    expect(found('Witkoff coached Russian officials on how to present a ceasefire plan to Trump.')).not.toContain('RU ceasefire support');
  });
});

describe('vocabulary and conditions (v10b)', () => {
  it('"the need for" a term backs it, "unease" over it opposes it', () => {
    expect(found('Zelensky stressed the need for more Patriot systems.')).toContain('UA military_aid support');
    expect(found("Germany voiced unease over the peace plan's details.")).toContain('DE peace_plan oppose');
  });

  it('what conditions are set for is not what the condition asks ("unless Ukraine agrees to his conditions for a ceasefire")', () => {
    expect(found('Putin said Russian attacks would go on unless Ukraine agrees to his conditions for a ceasefire.')).not.toContain('RU ceasefire support');
  });
});

describe('a demand set in apposition', () => {
  it('"..., a demand firmly rejected by Ukraine" opposes what was demanded, and the demand is not Ukraine\'s', () => {
    const got = found('Russia demanded international recognition of the annexation of Donbas, a demand firmly rejected by Ukraine.');
    expect(got).toContain('RU territorial_concessions support');
    expect(got).toContain('UA territorial_concessions oppose');
    expect(got).not.toContain('UA territorial_concessions support');
  });
});

describe('more term phrasings (tracker cues)', () => {
  it('"military limits" cap the army', () => {
    expect(found("Trump's proposal requires territorial concessions and military limits.")).toContain('US army_limits support');
  });
});

describe('threats to fight on', () => {
  it('oppose a ceasefire for the side that makes them (tracker acts)', () => {
    expect(found('Putin warned that if Ukraine rejects the plan, Russian forces will continue to advance.')).toContain('RU ceasefire oppose');
    expect(found('Putin said that Russia will continue the war until Kyiv withdraws.')).toContain('RU ceasefire oppose');
  });

  it('not for the side the condition names: a subordinate clause after "that" or "but" ends at its comma', () => {
    const got = found('Putin said he is ready to talk but that if Ukraine refuses an agreement, Russian forces will advance further.');
    expect(got).toContain('RU ceasefire oppose');
    expect(got.filter((t) => t.startsWith('UA '))).toEqual([]);
  });
});
