// Tagger v5, second round: mechanisms that keep the rules from firing on constructions they
// were not written for, each on sentences written for these tests (none from an article).
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a term inside a circumstance is not the object of the stance word before it', () => {
  it('does not read a term after "in the event of", "in case of" or "amid" as what was signed or backed', () => {
    expect(triples('"The two leaders and I signed a letter about stationing our soldiers there in the event of a peace agreement being reached," Starmer said.')).toEqual([]);
    expect(triples('"We signed a pledge on a reconstruction fund in case of a ceasefire," Macron said.')).toEqual([]);
    expect(triples('Germany voiced support for the Ukrainian leader amid pressure on Kyiv to accept a peace plan.')).toEqual([]);
  });

  it('ends the object at a subordinator that opens a clause with its own subject', () => {
    expect(triples('Germany voiced support for the Ukrainian leader as Kyiv faces pressure to accept a peace plan.')).toEqual([]);
    expect(triples('Kyiv expressed interest in speaking with the envoys right after their meeting with Putin.')).toEqual([]);
    expect(triples('Macron announced this at a press conference following the Paris summit.')).toEqual([]);
  });

  it('still reaches the object when "as" or "when" only qualifies it', () => {
    expect(triples('Germany backs a ceasefire as a first step.')).toEqual(['DE ceasefire support']);
    expect(triples('Turkey offered to host talks as soon as possible.')).toEqual(['TR negotiations support']);
    expect(triples('Britain supports talks when the guns fall silent.')).toEqual(['UK negotiations support']);
    expect(triples('France signed the declaration on security guarantees despite objections.')).toEqual(['FR security_guarantees support']);
  });
});

describe('a side named after a subordinating preposition is the subject of its clause', () => {
  it('credits the side after "after" or "since" with the verb that follows it', () => {
    expect(triples('Paris praised the Ukrainian army after the Kremlin rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The talks stalled after Moscow had rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
  });

  it('still reads "after" and "since" before a plain noun as prepositions', () => {
    expect(triples('Ankara backed talks after the summit.')).toEqual(['TR negotiations support']);
    expect(triples('Agreement on many points was reached during the talks with Washington.')).toEqual([]);
  });
});

describe('what a condition asks of a side is not that side\'s stance', () => {
  it('gives the side inside "as soon as", "only if" or "if" no stance of its own', () => {
    // v13b: "ready to" offers, so what the condition asks of Kyiv is Moscow's demand (as "would stop fighting as soon as" was).
    expect(triples('Moscow is ready to stop fighting as soon as Kyiv announces the withdrawal of its troops from Donetsk.')).toEqual(['RU ceasefire support', 'RU territorial_concessions support']);
    expect(triples('Zelensky said he would consider a buffer zone only if Europe and the United States provide security guarantees.')).toEqual(['UA demilitarized_zone support', 'UA security_guarantees support']);
    expect(triples('If Washington backs the truce, Kyiv will sign.')).toEqual([]);
  });

  it('still reads a stance after the condition has closed', () => {
    expect(triples('If talks resume, Russia rejected any ceasefire in advance.')).toEqual(['RU ceasefire oppose']);
  });
});

describe('a bare plural of a plan word is not the plan on the table', () => {
  it('does not read economic deals or proposals in general as the peace plan', () => {
    expect(triples('Trump wants enormous economic deals with Moscow.')).toEqual([]);
    expect(triples('Kyiv will not accept proposals that involve freezing the conflict.')).toEqual([]);
    expect(triples('Berlin welcomed the proposals from Jeddah.')).toEqual([]);
  });

  it('still reads a side\'s proposals as its plan', () => {
    expect(triples('Kyiv rejected the U.S. proposals.')).toEqual(['UA peace_plan oppose', 'US peace_plan support']);
    expect(triples("Kyiv rejected Witkoff's proposals.")).toEqual(['UA peace_plan oppose', 'US peace_plan support']);
    expect(triples('Kyiv rejected the deal.')).toEqual(['UA peace_plan oppose']);
  });
});

describe('lists', () => {
  it('does not join two terms across an infinitive ("to") as one list', () => {
    expect(triples('The envoys will hold talks with Putin in Moscow to discuss a draft peace plan backed by Kyiv.')).toEqual(['UA peace_plan support']);
    expect(triples('Berlin backed talks, a ceasefire and elections.')).toEqual(['DE ceasefire support', 'DE elections support', 'DE negotiations support']);
  });
});

describe('an announced meeting with the other side is support for talks', () => {
  it('reads "will meet", "is expected to meet", "will speak to" a Russian side as support for negotiations', () => {
    expect(triples('Two American envoys will meet with Putin in Moscow next week.')).toEqual(['US negotiations support']);
    expect(triples('Trump is expected to meet Russian President Vladimir Putin in Budapest.')).toEqual(['US negotiations support']);
    expect(triples('Rubio will speak to his Russian counterpart on Friday.')).toEqual(['US negotiations support']);
  });

  it('gives no record for a meeting that merely took place or is hypothetical', () => {
    expect(triples('Witkoff met Putin on Tuesday.')).toEqual([]);
    expect(triples('Trump could meet Putin, aides said.')).toEqual([]);
  });
});

describe('"he" in the next sentence', () => {
  it('points to the side that was the last sentence\'s subject, not another side named later in it', () => {
    expect(triples('Zelensky said Russia was stalling. He rejected any territorial concessions.')).toEqual(['UA territorial_concessions oppose']);
  });
});

describe('relative clauses on a person', () => {
  it('credits the name before ", who" with the relative clause\'s stance, even as an object', () => {
    expect(triples('Russia shows no interest in peace despite overtures by Trump, who backs a ceasefire.')).toEqual(['US ceasefire support']);
    expect(triples('The Kremlin criticised Macron, who supports a ceasefire.')).toEqual(['FR ceasefire support']);
    expect(triples('Kallas said Russia ignores overtures by Trump, who is expected to meet Putin in Budapest.')).toEqual(['US negotiations support']);
  });

  it('gives a person the tracker does not know no stance, and the main verb does not reach into the relative clause', () => {
    expect(triples('Moscow praised Sikorski, who supports a ceasefire.')).toEqual([]);
  });
});

describe('term phrasings', () => {
  it('reads forgoing NATO membership as renouncing it', () => {
    expect(triples('Zelensky signalled willingness to forgo NATO membership.')).toEqual(['UA nato_renunciation support']);
    expect(triples('Kyiv refuses to forgo its NATO bid.')).toEqual(['UA nato_renunciation oppose']);
  });

  it('reads a Western or European presence as foreign troops', () => {
    expect(triples('Ukraine, France and Britain have signed a declaration laying the foundations for a Western presence in Ukraine.'))
      .toEqual(['FR foreign_troops support', 'UA foreign_troops support', 'UK foreign_troops support']);
    expect(triples('Moscow rejects any European presence in Ukraine.')).toEqual(['RU foreign_troops oppose']);
  });
});

describe('an offer on a condition', () => {
  it('is support, by the side that offers, for what it offers and what the condition asks', () => {
    expect(triples('The Kremlin said Moscow would cease fire and join peace talks if Kyiv gave up its NATO ambitions.'))
      .toEqual(['RU ceasefire support', 'RU nato_renunciation support', 'RU negotiations support']);
    expect(triples('Kyiv will hold talks once Moscow stops its strikes.')).toEqual(['UA negotiations support']);
  });

  it('gives nothing for a refused offer, a hypothetical without a side, or "once again"', () => {
    expect(triples('Russia would not agree to a ceasefire if Kyiv kept its army.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The plan would cap the army if Kyiv agreed.')).toEqual([]);
    expect(triples('Trump would meet Putin if a deal were near.')).toEqual(['US negotiations support']);
    expect(triples('Budapest would keep blocking accession talks and called once again for a ceasefire.')).toEqual(['HU ceasefire support', 'HU eu_membership oppose']);
  });
});

describe('", nor" opens a clause', () => {
  it('does not let the verb after ", nor" take a subject from before it', () => {
    expect(triples('Kyiv would no longer be required to cede territory, nor does the plan provide for the recognition of occupied zones.')).toEqual([]);
    expect(triples('Neither Kyiv nor Moscow has rejected the ceasefire.')).toEqual(['RU ceasefire support', 'UA ceasefire support']);
  });
});

describe('"that" opening a clause points back to nothing', () => {
  it('does not read "demanded that any ..." as a demand for the last term named', () => {
    expect(triples('Kyiv wants security guarantees. Moscow has demanded that any ambitions for Ukraine to join the alliance are shelved.')).toEqual(['UA security_guarantees support']);
  });

  it('still reads "rejected that idea" and "rejected that" as pointing back', () => {
    expect(triples('Kyiv wants security guarantees. Moscow rejected that idea.')).toEqual(['RU security_guarantees oppose', 'UA security_guarantees support']);
    expect(triples('Kyiv wants security guarantees. Moscow rejected that.')).toEqual(['RU security_guarantees oppose', 'UA security_guarantees support']);
  });
});
