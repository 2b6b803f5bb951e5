// Who holds a stance (tagger v5): coordinated subjects, gerund clauses, demand clauses,
// officials and role phrases, reported acts of another side, motives and predictions.
// Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('coordinated subjects and role phrases', () => {
  it('credits every side of "A, B and C signed", also with possessive names', () => {
    expect(triples("Britain's Starmer, France's Macron and Germany's Merz rejected the draft plan.")).toEqual(['DE peace_plan oppose', 'FR peace_plan oppose', 'UK peace_plan oppose']);
    expect(triples('Italian and German ministers backed a ceasefire along the current line.')).toEqual(['DE ceasefire support']);
    expect(triples('Russian and Ukrainian negotiators agreed on a prisoner exchange and a truce at sea.')).toEqual(['RU ceasefire support', 'UA ceasefire support']);
  });

  it('resolves officials and role phrases to their side', () => {
    expect(triples('Hegseth ruled out sending American troops to Ukraine.')).toEqual(['US foreign_troops oppose']);
    expect(triples("Ukraine's top negotiator rejected any withdrawal from Donbas.")).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Medinsky insisted on a neutral status for Ukraine.')).toEqual(['RU nato_renunciation support']);
    expect(triples('Svyrydenko welcomed the reparations loan.')).toEqual(['UA frozen_assets support']);
  });
});

describe('clauses', () => {
  it('reads the subject of a gerund after "with"', () => {
    expect(triples('The meeting ended with Moscow rejecting the truce.')).toEqual(['RU ceasefire oppose']);
  });

  it('credits the demander, not the one asked, in "demanded that X agree"', () => {
    expect(triples('Kallas demanded that Putin accept an unconditional ceasefire.')).toEqual(['EU ceasefire support']);
    expect(triples('Washington insisted that Kyiv reject nothing out of hand.')).toEqual([]);
  });
});

describe('reported speech', () => {
  it("counts another side's reported act for that side", () => {
    expect(triples('Zelensky said Russia had rejected the energy ceasefire.')).toEqual(['RU ceasefire oppose']);
  });

  it('gives nothing for a motive, a prediction or a claim about another side', () => {
    expect(triples('Zelensky said Moscow wanted a pause only to regroup.')).toEqual([]);
    expect(triples('It is a plan which Russia would never accept, a European diplomat said.')).toEqual([]);
    expect(triples('"Moscow does not get a veto over our membership of NATO," Rutte said.')).not.toContain('RU nato_renunciation oppose');
  });

  it('reads frustration with stalled talks as no stance on talks', () => {
    expect(triples('Trump voiced frustration with the slow pace of the negotiations.')).toEqual([]);
    expect(triples('The Kremlin conditions drew frustration from Washington.')).toEqual([]);
  });

  it('reads a prescription that runs on after "should" as the speaker of it, not the subject', () => {
    expect(triples('I think Europe should stop hesitating and use the frozen Russian assets to pay for drones.')).toEqual([]);
  });
});

describe('pairs and plan work', () => {
  it('reads "both sides" and "the two countries" as the last two sides named together', () => {
    expect(triples('Washington and Kyiv met in Geneva to discuss how to end the war with Russia. Both sides described the talks as productive.'))
      .toEqual(['UA negotiations support', 'US negotiations support']);
    expect(triples('Paris hosted the meeting. Both sides said little.')).toEqual([]);
  });

  it('reads working on, refining or finalising a plan as support for it', () => {
    expect(triples('Berlin and London spent the week refining the peace framework.')).toEqual(['DE peace_plan support', 'UK peace_plan support']);
  });

  it('does not take "plans for a force" or "a proposal for a truce" for the peace plan', () => {
    expect(triples('Ukraine accepted an American proposal for an "immediate, interim" truce.')).toEqual(['UA ceasefire support']);
  });
});

describe('precision on real-news constructions', () => {
  it('a relative "which" is the subject of its clause, not the side named before it', () => {
    expect(triples('France and Germany tried to amend the draft, which called for Kyiv to give up the Donbas.')).toEqual([]);
  });

  it('a comma and a new subject end the object of a stance noun', () => {
    expect(triples("Given Moscow's refusal to talk, the Treasury is sanctioning two oil majors.")).not.toContain('RU sanctions_relief support');
  });

  it('an unknown owner holds its noun; an accusation gives nobody a stance', () => {
    expect(triples("As EU states try to answer Belgium's concerns about the summit, talks go on.")).toEqual([]);
    expect(triples('Zelensky accused Russia of quietly rejecting the truce.')).toEqual([]);
  });

  it('a leading subordinate clause ends at its comma', () => {
    expect(triples('While Moscow praised the outline, leaders in Kyiv rejected it as a capitulation plan.')).toContain('UA peace_plan oppose');
    expect(triples('While Moscow praised the outline, leaders in Kyiv rejected it as a capitulation plan.')).not.toContain('RU peace_plan oppose');
  });

  it('a press conference is not a push, stumbling blocks are not a blockade', () => {
    expect(triples('Macron spoke at a press conference after the summit.')).toEqual([]);
    expect(triples('Territory and guarantees remain the main stumbling blocks in the talks, Ankara said.')).toEqual([]);
  });
});

describe('states and groups named again', () => {
  it('reads "it" and "the country" as the state just named as a subject', () => {
    expect(triples('Turkey has kept ties with both sides. It has voiced support for a ceasefire at sea.')).toEqual(['TR ceasefire support']);
    expect(triples('Hungary blocked the decision on Monday. The country also rejected new sanctions.')).toContain('HU sanctions_relief support');
    expect(triples('It is clear that nobody wants a ceasefire now.')).toEqual([]);
  });

  it('reads a sentence-initial "They" as the sides listed together just before', () => {
    expect(triples('France, Germany and Britain met in London on Tuesday. They rejected any territorial concessions.'))
      .toEqual(['DE territorial_concessions oppose', 'FR territorial_concessions oppose', 'UK territorial_concessions oppose']);
  });

  it('gives the content of a plan to the nearest plan before it', () => {
    expect(triples("Kyiv's roadmap differs from the U.S.-drafted plan, which would require Ukraine to relinquish parts of the Donbas."))
      .toContain('US territorial_concessions support');
    expect(triples("Kyiv's roadmap differs from the U.S.-drafted plan, which would require Ukraine to relinquish parts of the Donbas."))
      .not.toContain('UA territorial_concessions support');
  });

  it('reads borders changed by force as the opposite of territorial concessions', () => {
    expect(triples('Berlin insists that borders must not be changed by force.')).toEqual(['DE territorial_concessions oppose']);
  });
});

describe('plan lists', () => {
  it('reads the items listed after "would require Ukraine to:" as the contents of the plan, for each of its authors', () => {
    const text = 'The draft was developed by US and Russian officials without Kyiv.\nThe draft would require Ukraine to:\ncut its army to 600,000 troops;\nrecognise Crimea as Russian;\nThe reaction in Europe was swift.';
    expect(triples(text)).toEqual(expect.arrayContaining(['RU army_limits support', 'US army_limits support', 'RU territorial_concessions support', 'US territorial_concessions support']));
  });

  it('ends the list at the first paragraph that is not an item', () => {
    const text = 'The US plan would require Ukraine to:\n• cut its army to 600,000 troops;\nEurope wants a ceasefire first and rejects the cap on the army.';
    expect(triples(text)).toContain('US army_limits support');
    expect(triples(text)).not.toContain('US ceasefire support');
  });
});

describe('a clause after "but"', () => {
  it('shares the subject of the clause before it when it has none of its own', () => {
    expect(triples('Putin met Trump but refused a full ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Moscow agreed to pause strikes on power plants but refused a full truce.')).toEqual(['RU ceasefire mixed']);
    expect(triples('Putin met Trump, but Kyiv refused a full ceasefire.')).toEqual(['UA ceasefire oppose']);
  });
});

describe('what a plan lacks and purpose clauses', () => {
  it('does not read what a plan fails to address as its contents', () => {
    expect(triples('The US plan fails to address key issues, including the status of the Russian language.')).toEqual(['US peace_plan support']);
  });

  it('gives nothing for an act in a leading purpose clause', () => {
    expect(triples('To hold elections, Kyiv says martial law must be lifted first.')).toEqual([]);
  });
});

describe('sentence splitting on real-news layout', () => {
  it('splits after a footnote mark, at headlines without a full stop and at bullet items', async () => {
    const { splitSentences } = await import('../src/core/text.js');
    const text = 'Kyiv rejected the plan.[2] Moscow welcomed it.\nTalks stall in Geneva\n• Russia rejects the truce\n• Kyiv welcomes it';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Kyiv rejected the plan.[2]', 'Moscow welcomed it.', 'Talks stall in Geneva', '• Russia rejects the truce', '• Kyiv welcomes it']);
    expect(triples('Moscow rejected the truce.[4] Kyiv welcomed the truce.')).toEqual(['RU ceasefire oppose', 'UA ceasefire support']);
    expect(triples('• Russia rejects the truce\n• Ukraine welcomes it')).toEqual(['RU ceasefire oppose', 'UA ceasefire support']);
  });
});

describe('objects, lists and pressure', () => {
  it('does not read what a side is pressed or forced to do as its stance', () => {
    expect(triples('Kyiv faces pressure to accept the peace plan.')).toEqual([]);
    expect(triples('Ukraine may be forced to cede territory, Zelensky warned.')).toEqual([]);
  });

  it('does not carry a list past a participle phrase or a time adjunct', () => {
    expect(triples('Washington sent the revised plan to Moscow, coordinated with Kyiv following talks in Geneva.')).toEqual([]);
  });

  it('does not take the "would" of another clause for the plan\'s contents', () => {
    expect(triples('Starmer discussed the US plan with Trump, and both agreed that their teams would meet for talks.')).not.toContain('US negotiations support');
    expect(triples('The White House pressed Kyiv to agree a US plan that would see Ukraine cede territory.')).toContain('US territorial_concessions support');
  });

  it('reads "neutral" as no neutrality of Ukraine (a whole form, not a colliding stem)', () => {
    expect(triples("Budapest praised Hungary's neutral role in the talks with Moscow.")).not.toContain('HU nato_renunciation support');
  });
});

describe('participles and proposed conditions', () => {
  it('reads a participle after a common noun as describing that noun', () => {
    expect(triples('Rutte will visit Washington for discussions aimed at advancing the peace process.')).toEqual([]);
    expect(triples('Russian officials rejected the truce.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The Kremlin again rejected the truce.')).toEqual(['RU ceasefire oppose']);
  });

  it('gives a condition inside a proposal to the proposer, not to the side asked', () => {
    expect(triples('The 2022 drafts proposed that Ukraine stay neutral in exchange for security guarantees.')).toEqual([]);
  });
});

describe('the side behind a proposal of a term', () => {
  it('reads "US-backed ceasefire proposals" and "a U.S. proposal for a truce" as that side supporting the term', () => {
    expect(triples('Zelensky accused Russia of rejecting US-backed ceasefire proposals.')).toEqual(['US ceasefire support']);
    expect(triples('Ukraine accepted a U.S. proposal for an immediate ceasefire.')).toEqual(['UA ceasefire support', 'US ceasefire support']);
  });
});

describe('nominal acts', () => {
  it('credits the agents of "the signing of" a term', () => {
    expect(triples('The signing of the security pact by France and Britain was delayed.')).toEqual(['FR security_guarantees support', 'UK security_guarantees support']);
  });
});

describe('talk vocabulary', () => {
  it('reads confirming participation in talks and restarting them as support', () => {
    expect(triples('Moscow confirmed its participation in the next round of negotiations.')).toEqual(['RU negotiations support']);
    expect(triples('Kyiv proposed to restart the talks in Istanbul.')).toEqual(['UA negotiations support']);
    expect(triples('Zelensky said Kyiv was willing to talk.')).toEqual(['UA negotiations support']);
  });
});

describe('documents as speakers', () => {
  it('reads "the text published by X states" and "a statement from X said" as X speaking', () => {
    expect(triples('The text published by the White House states that the talks were "constructive".')).toEqual(['US negotiations support']);
    expect(triples('A statement from the Kremlin said the talks were useful.')).toEqual(['RU negotiations support']);
  });
});

describe('the topic country as a modifier', () => {
  it('reads "the Ukraine peace plan" as the topic, not a Ukrainian plan (with the tracker topic)', async () => {
    const { gated } = await import('./support/tagger.js');
    const text = 'Starmer discusses Ukraine peace plan with Zelensky.\nRussia and Kyiv are waiting for Putin.\nRubio defended the US peace plan.';
    expect(triples(text, gated)).toEqual(['US peace_plan support']);
  });
});

describe('pressure from others', () => {
  it('reads "faces pressure from Washington to sign" as nobody\'s stance on the plan', () => {
    expect(triples('Kyiv faces pressure from Washington to sign the peace plan.')).toEqual([]);
  });
});
