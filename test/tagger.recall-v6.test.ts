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

describe('the side that outlines or presents a plan is its author', () => {
  it('credits the subject of "outlined", "presented", "drafted" with the plan and what it then "will" do', () => {
    expect(triples('Zelenskyy has outlined a 20-point draft framework for a political agreement. Ukraine will receive strong security guarantees. Its army will stay at 800,000 troops.'))
      .toEqual(['UA army_limits support', 'UA peace_plan support', 'UA security_guarantees support']);
    expect(triples('The US presented a new peace plan. It would cap the army at 600,000.')).toEqual(['US army_limits support', 'US peace_plan support']);
  });

  it('gives no author for a question or a negated authorship', () => {
    expect(triples('Did Russia present a peace plan?')).toEqual([]);
    expect(triples('Russia has not presented a peace plan. It would cap the army at 600,000.')).not.toContain('RU army_limits support');
  });
});

describe('the topic gate', () => {
  it('counts a hyphenated "Russia-Ukraine" as naming the topic', async () => {
    const { gated } = await import('./support/tagger.js');
    const text = 'Hungary supports the peace efforts of the United States.\nPM: Trump has done the most to end the Russia-Ukraine war.\nBudapest is ready to host a summit on Ukraine with Kyiv.';
    expect(triples(text, gated)).toContain('HU negotiations support');
  });
});

describe('drafting a counter-proposal or amendments to the plan is work on the plan (codebook notes: revisions count)', () => {
  it('credits the drafters of a counter-proposal with support for the plan', () => {
    expect(triples('France and Germany drafted a counter-proposal to the US peace plan.')).toEqual(['DE peace_plan support', 'FR peace_plan support', 'US peace_plan support']);
  });

  it('still reads seeking changes or giving a response as something other than backing the plan', () => {
    expect(triples('Moscow is seeking revisions to the US plan.')).not.toContain('RU peace_plan support');
    expect(triples('Kyiv presented its response to the peace plan.')).not.toContain('UA peace_plan support');
  });
});

describe('who holds a participle clause and a subject with "including"', () => {
  it('gives a participle clause after a comma the subject of the clause it hangs on', () => {
    expect(triples('Britain backed Kyiv, demanding a ceasefire.')).toEqual(['UK ceasefire support']);
    expect(triples('France increased pressure on the Kremlin, demanding a ceasefire.')).toEqual(['FR ceasefire support']);
  });

  it('credits the sides listed after ", including" in a subject', () => {
    expect(triples('Western nations, including France and Britain, have increased pressure on the Kremlin, demanding a 30-day ceasefire and threatening additional sanctions.'))
      .toEqual(['FR ceasefire support', 'FR sanctions_relief oppose', 'UK ceasefire support', 'UK sanctions_relief oppose']);
    expect(triples('Several countries, including Poland, rejected the plan.')).toEqual([]);
  });
});

describe('more ways to report and to act', () => {
  it('reads "underscored that" as reported speech', () => {
    expect(triples('Zelenskyy welcomed the possibility of dialogue, but underscored that Moscow must commit to a ceasefire.')).toContain('UA ceasefire support');
  });

  it('reads threatening sanctions as an act against relief', () => {
    expect(triples('EU leaders threatened new sanctions against Russia.')).toEqual(['EU sanctions_relief oppose']);
  });
});

describe('more phrasings of renouncing NATO membership', () => {
  it('reads a ban or a moratorium on joining NATO, and NATO aspirations', () => {
    expect(triples('The US plan proposes a ban on Ukraine joining NATO.')).toEqual(['US nato_renunciation support', 'US peace_plan support']);
    expect(triples("Trump's plan included a 20-year moratorium on NATO membership.")).toContain('US nato_renunciation support');
    expect(triples('Kyiv will never give up its NATO aspirations.')).toEqual(['UA nato_renunciation oppose']);
  });
});

describe('an offer on a condition supports what the condition asks for', () => {
  it('credits the offering side with the provision it asks to be given, a side named after "if" or not', () => {
    expect(triples('Kyiv said it will only come to the negotiating table if it is given security guarantees.')).toEqual(['UA negotiations support', 'UA security_guarantees support']);
    expect(triples('Ukraine will attend the talks if the ceasefire holds.')).toEqual(['UA ceasefire support', 'UA negotiations support']);
  });

  it('does not read the plan named in a condition as asked for', () => {
    expect(triples('Russia would cease fire if a deal were near.')).toEqual(['RU ceasefire support']);
  });
});
