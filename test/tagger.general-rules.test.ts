// The general rules and vocabulary of tagger version 4, each on sentences written for
// these tests (none from the seed or development articles).
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('term vocabulary', () => {
  it('reads named weapons, air defence and ammunition as military aid', () => {
    expect(triples('Germany will deliver four more Patriot batteries to Ukraine this winter.')).toEqual(['DE military_aid support']);
    expect(triples('Britain pledged air-defence missiles and artillery shells for Kyiv.')).toEqual(['UK military_aid support']);
    expect(triples('France said it would spend 300 million euros on drones for the Ukrainian army.')).toEqual(['FR military_aid support']);
  });

  it('does not read Russian missiles or a drone strike as aid to Ukraine', () => {
    expect(triples('Russia condemned the attack, while Russian missiles kept falling on Kharkiv.')).toEqual([]);
    expect(triples('Moscow condemned the drone strike on a refinery near Samara.')).toEqual([]);
  });

  it('reads contingents, a military presence and soldiers on Ukrainian soil as foreign troops', () => {
    expect(triples('The Kremlin rejects any military presence in Ukraine of NATO states after a deal.')).toEqual(['RU foreign_troops oppose']);
    expect(triples("Russia condemned NATO's military presence in the Baltic states.")).toEqual([]);
    expect(triples('Putin praised Russian forces in Ukraine.')).toEqual([]);
    expect(triples('Paris backs sending a contingent once the guns fall silent.')).toEqual(['FR foreign_troops support']);
  });

  it('reads consultations and another round as talks', () => {
    expect(triples('Kyiv is ready to continue the consultations next week.')).toEqual(['UA negotiations support']);
    expect(triples('Ankara offered to host another round in Istanbul.')).toEqual(['TR negotiations support']);
  });

  it('reads sanctions lifted or kept in place in either word order', () => {
    expect(triples('Moscow wants the sanctions on its banks to be lifted.')).toEqual(['RU sanctions_relief support']);
    expect(triples('Brussels insists that sanctions must remain in place.')).toEqual(['EU sanctions_relief oppose']);
  });

  it('reads giving up a named region as a territorial concession, shipments and military backing as aid', () => {
    expect(triples('Moscow is demanding that Kyiv give up the parts of Luhansk it still holds.')).toEqual(['RU territorial_concessions support']);
    expect(triples('Berlin promised to keep supporting Ukraine militarily.')).toEqual(['DE military_aid support']);
  });

  it('reads a ceiling on the armed forces as an army limit', () => {
    expect(triples('Kyiv rejects any ceiling on the size of its armed forces.')).toEqual(['UA army_limits oppose']);
  });

  it('keeps accession negotiations for EU membership while they are not peace talks', () => {
    expect(triples('Hungary is blocking the accession negotiations with Ukraine.')).toEqual(['HU eu_membership oppose']);
  });
});

describe('stance words', () => {
  it('reads a threat to strike troops as opposition, also when the troops head a relative clause', () => {
    expect(triples('Moscow said any Western peacekeepers would be legitimate targets.')).toEqual(['RU foreign_troops oppose']);
    expect(triples('Lavrov said foreign troops that enter Ukraine would be treated as legitimate targets.')).toEqual(['RU foreign_troops oppose']);
  });

  it('reads giving up a bid to join NATO as renouncing it', () => {
    expect(triples('The Kremlin wants Kyiv to drop its long-standing bid to join NATO.')).toEqual(['RU nato_renunciation support']);
  });

  it('reads a key goal and thanks as support', () => {
    expect(triples('Lavrov said demilitarisation remained a key goal for Moscow.')).toEqual(['RU army_limits support']);
    expect(triples('Zelensky thanked Berlin for the IRIS-T launchers.')).toEqual(['UA military_aid support']);
  });

  it('reads "called once again for" as "called for"', () => {
    expect(triples('Orban called once again for sanctions relief.')).toEqual(['HU sanctions_relief support']);
  });

  it('reads "only when" as a condition: support for what it demands', () => {
    expect(triples('Putin said the offensive would end only when Ukrainian troops leave the territories Russia claims.')).toEqual(['RU territorial_concessions support']);
  });

  it('reads "not on the agenda" and "off the table" as opposition', () => {
    expect(triples('Berlin said German troops in Ukraine were not on the agenda.')).toEqual(['DE foreign_troops oppose']);
  });

  it('reads "would have to be part of any agreement" as support', () => {
    expect(triples('Rubio said security guarantees would have to be part of any agreement.')).toEqual(['US security_guarantees support']);
  });

  it('reads troops that stand ready as support for sending them', () => {
    expect(triples('Macron said French troops stand ready to help secure a settlement.')).toEqual(['FR foreign_troops support']);
  });

  it('reads "no intention of halting deliveries" as support for aid', () => {
    expect(triples('The Pentagon has no intention of halting weapons deliveries to Kyiv.')).toEqual(['US military_aid support']);
  });

  it('leaves a verb after "should" to the modal: the sentence prescribes, the subject does not stand', () => {
    expect(triples('A think tank argues that Germany should finance air defence for Ukraine.')).toEqual([]);
  });
});

describe('no record for', () => {
  it('a doubt about a term that is no refusal of it, or a balance sheet', () => {
    expect(triples('Trump said the talks were going well but he was not sure about the next round.')).toEqual([]);
    expect(triples('The EU confirmed that the Euroclear balance sheet had grown.')).toEqual([]);
  });

  it('drones and missiles fired at Ukraine', () => {
    expect(triples('Russia launched 400 drones and 40 missiles at Ukraine overnight, Kyiv said.')).toEqual([]);
  });
});

describe('"against"', () => {
  it('is a stance as a predicate or after a verb of its own, not in "sanctions against Russia"', () => {
    // Renewing sanctions is an act against relief (v5, acts as stances); "against" adds no stance of its own.
    expect(triples('Brussels renewed its sanctions against Moscow on Friday.')).toEqual(['EU sanctions_relief oppose']);
    expect(triples('Kyiv is firmly against territorial concessions.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Germany spoke out against a ceasefire that freezes the front.')).toEqual(['DE ceasefire oppose']);
  });
});

describe('verb forms', () => {
  it('reads "agreed" as "agree"', () => {
    expect(triples('Paris agreed to a truce on Monday.')).toEqual(['FR ceasefire support']);
  });
});

describe('negation and lists', () => {
  it('negates the examples of a negated term', () => {
    expect(triples("Trump's plan says no foreign troops, including European peacekeepers, would be based in Ukraine.")).toEqual(['US foreign_troops oppose', 'US peace_plan support']);
  });

  it('does not carry a list past a second predicate', () => {
    expect(triples('Hungary vetoed the EU accession talks, and demanded a ceasefire.')).toEqual(['HU ceasefire support', 'HU eu_membership oppose']);
  });
});

describe('plans', () => {
  it('carries the plan author through a clause-by-clause summary over several paragraphs', () => {
    const text = [
      'The US peace plan would end the war in stages.',
      'Security. Under the draft, Kyiv would receive security guarantees.',
      'Elections. Ukraine would hold elections within a year.',
      'Zelensky said Ukraine would never give up land.',
    ].join('\n');
    expect(triples(text)).toEqual(['UA territorial_concessions oppose', 'US elections support', 'US peace_plan support', 'US security_guarantees support']);
  });

  it('stops carrying the plan after a paragraph that does not describe it', () => {
    const text = ['The US peace plan would cap the Ukrainian army.', 'The war goes on in the east.', 'Ukraine would hold elections next year.'].join('\n');
    expect(triples(text)).toEqual(['US army_limits support', 'US peace_plan support']);
  });
});

describe('speech and pronouns', () => {
  it('does not read "would write" or "a commitment to respond" as reported speech', () => {
    const text = ['The US peace plan would cap the Ukrainian army.', 'Ukraine would write neutrality into its constitution, with a US commitment to respond to an attack.'].join('\n');
    expect(triples(text)).toEqual(['US army_limits support', 'US nato_renunciation support', 'US peace_plan support']);
  });

  it('does not give "he" to a side that was only an object, after an unknown speaker', () => {
    const text = 'Zelensky met the envoys. Poland\'s minister, Jan Nowak, visited Kyiv. Nowak told reporters that talks were useful. He added that Europe should use the frozen assets.';
    expect(triples(text)).toEqual([]);
  });

  it('leaves a reporter\'s "Asked about X\'s demand" to X, and ends a list at the next speaker', () => {
    expect(triples("Asked about the Kremlin's demand for Ukraine's neutrality, Rutte said NATO's door remained open.")).toEqual(['RU nato_renunciation support']);
  });

  it('passes over a participle of speech between commas for the finite verb', () => {
    expect(triples('A European official, speaking on condition of anonymity, suggested Moscow wanted a truce only to rearm.')).toEqual([]);
  });

  it('reads the last term named for "that", all the terms for "them"', () => {
    expect(triples('Orban praised the peace plan and asked for sanctions relief. Kallas rejected that argument.')).toEqual(['EU sanctions_relief oppose', 'HU peace_plan support', 'HU sanctions_relief support']);
    expect(triples('Moscow demanded a ceasefire and sanctions relief. Brussels rejected them.')).toEqual(['EU ceasefire oppose', 'EU sanctions_relief oppose', 'RU ceasefire support', 'RU sanctions_relief support']);
  });
});
