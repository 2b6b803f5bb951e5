// Tagger v6: constructions that made spurious records on dev articles the rules had not seen
// (batch 2 scored with the round-one rules), each on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a noun stance word belongs to its owner, not to a side named after it', () => {
  it('credits the possessor before the noun ("Hungary\'s veto of Ukraine\'s accession")', () => {
    expect(triples("Hungary's veto of Ukraine's EU accession talks angered Brussels.")).toEqual(['HU eu_membership oppose']);
    expect(triples("Poland's veto and the future of Ukraine's EU accession.")).toEqual([]);
  });

  it('still reads a side after the noun as its holder when nobody owns it', () => {
    expect(triples('The plan met with resistance from Moscow.')).toEqual(['RU peace_plan oppose']);
  });
});

describe('an accusation gives nobody the act it names', () => {
  it('reads "accused X of" through quotation marks and adverbs before the gerund', () => {
    expect(triples('Kyiv has accused Moscow of "effectively rejecting" the ceasefire.')).toEqual([]);
    expect(triples('The minister accused Russia of openly rejecting the truce.')).toEqual([]);
  });
});

describe('a passive without its agent names nobody who acts', () => {
  it('gives the speaker no stance for what "was signed" or is "being signed"', () => {
    expect(triples('"We agreed on a fund for rebuilding in the event of a peace agreement being signed," Starmer said.')).toEqual([]);
    expect(triples('"The peace plan was signed," Macron said.')).toEqual([]);
  });

  it('still credits the agent of a passive', () => {
    expect(triples('The ceasefire was rejected by Moscow.')).toEqual(['RU ceasefire oppose']);
  });
});

describe('"like" is a verb only after its subject or an auxiliary', () => {
  it('reads "like" after a noun or a copula as a preposition', () => {
    expect(triples('Ukraine would keep its say over goals like EU membership and NATO membership.')).toEqual([]);
    expect(triples('The front would become like a demilitarized zone, Trump said.')).toEqual([]);
  });

  it('keeps "would like", "does not like" and "we like"', () => {
    expect(triples('Kyiv would like a ceasefire.')).toEqual(['UA ceasefire support']);
    expect(triples('Ukraine does not like the peace plan.')).toEqual(['UA peace_plan oppose']);
  });
});

describe('a bare verb form after a copula is an adjective', () => {
  it('does not read "is always present" as presenting something', () => {
    expect(triples('"The threat of those missiles is always present," Trump said.')).toEqual([]);
  });
});

describe('an act named as a topic is not done', () => {
  it('gives no act after "regarding", "on" or "about"', () => {
    expect(triples('Ministers will meet next week regarding the use of frozen Russian assets.')).toEqual([]);
    expect(triples('The EU held talks on the use of frozen Russian assets.')).toEqual([]);
  });

  it('still reads the act when a side does it', () => {
    expect(triples('The EU decided to use the frozen Russian assets.')).toEqual(['EU frozen_assets support']);
  });
});

describe('another named plan is not the plan on the table', () => {
  it('does not read a capitalised plan name that no side owns as the peace plan', () => {
    expect(triples('Zelensky presented his "Victory Plan" to parliament.')).toEqual([]);
    expect(triples('Peskov said Kyiv should drop the "Victory Plan".')).toEqual([]);
  });

  it('keeps a plan named after a side, and headlines', () => {
    // (The name as written, "Trump Plan", is one capitalised name: its author is not found, its welcome is.)
    expect(triples('The Kremlin welcomed the Trump Plan.')).toEqual(['RU peace_plan support']);
    expect(triples('Russia Rejects New Peace Plan')).toEqual(['RU peace_plan oppose']);
  });
});

describe('term phrasings that belong to another term', () => {
  it('reads monitoring a ceasefire as security arrangements, not a call for a truce', () => {
    expect(triples('France pledged to lead ceasefire monitoring.')).toEqual(['FR security_guarantees support']);
  });

  it('reads long-range weapons for Ukraine as aid, not as a limit on its army', () => {
    expect(triples('Trump voiced reluctance to provide long-range weapons to Ukraine.')).toEqual(['US military_aid oppose']);
  });

  it('reads a judgement of guarantees "in lieu of" NATO membership as one on renouncing it', () => {
    expect(triples('Kyiv called guarantees in lieu of NATO membership a non-starter.')).toEqual(['UA nato_renunciation oppose']);
  });
});

describe('a stance word before "to" and another verb governs that verb, not the term after it', () => {
  it('gives no stance on the term for "declined to comment on", "refused to explain", "trying to persuade"', () => {
    expect(triples('The Kremlin declined to comment on the peace plan.')).toEqual([]);
    expect(triples('Moscow refused to explain its position on the ceasefire.')).toEqual([]);
    expect(triples('Kyiv wants to know more about the peace plan.')).toEqual([]);
    expect(triples('Paris and Berlin are trying to persuade the envoys to soften concessions in the negotiations.')).toEqual([]);
  });

  it('passes the stance through light verbs, acts and terms', () => {
    expect(triples('Russia wants to reach a ceasefire.')).toEqual(['RU ceasefire support']);
    expect(triples('The Kremlin refused to hold talks.')).toEqual(['RU negotiations oppose']);
    expect(triples('Ukraine refused to give up territory.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Kyiv is ready to talk to Moscow.')).toEqual(['UA negotiations support']);
    expect(triples('Moscow agreed to a ceasefire.')).toEqual(['RU ceasefire support']);
  });
});

describe('what a "whether" clause asks is not asserted', () => {
  it('gives no stance inside "whether"', () => {
    expect(triples('Peskov declined to say whether Moscow would accept the plan.')).toEqual([]);
    expect(triples('It is unclear whether Kyiv will accept the ceasefire.')).toEqual([]);
  });
});

describe('a named act belongs to its owner, not to the subject of the clause around it', () => {
  it('gives the subject that drafts or adjusts a provision on an act no act of its own', () => {
    expect(triples('Britain, France and Germany have drafted a counter-proposal to the US plan, adjusting its provisions on guarantees, borders and the use of frozen Russian assets.'))
      .toEqual(['DE peace_plan support', 'FR peace_plan support', 'UK peace_plan support', 'US peace_plan support']);
  });

  it('keeps the owner of a named act and the doer of a verbal one', () => {
    expect(triples("The EU's use of frozen Russian assets angered Moscow.")).toEqual(['EU frozen_assets support']);
    expect(triples("Britain's new sanctions package targets Russian oil.")).toEqual(['UK sanctions_relief oppose']);
    expect(triples('The EU approved a new sanctions package against Russia.')).toEqual(['EU sanctions_relief oppose']);
  });
});

describe('a negator before another noun and its preposition negates that noun', () => {
  it('reads "no timeline for dialogue" as no timeline, not as no dialogue', () => {
    expect(triples('Ushakov offered no timeline for further dialogue.')).not.toContain('RU negotiations oppose');
  });

  it('still negates the term itself', () => {
    expect(triples('Russia wants no foreign troops in Ukraine.')).toEqual(['RU foreign_troops oppose']);
    expect(triples('Kyiv pledged not to join NATO.')).toEqual(['UA nato_renunciation support']);
  });
});

describe('what a side is given a deadline or an ultimatum to do is not its stance', () => {
  it('gives Kyiv nothing for the plan it was told to accept by a deadline', () => {
    expect(triples('Trump set Kyiv a one-week deadline to accept the US plan.')).toEqual(['US peace_plan support']);
  });
});

describe('talks are how a plan is made, not what it provides', () => {
  it('does not read negotiations after a plan as its contents', () => {
    expect(triples("Zelensky described Trump's 20-point plan, which includes meetings in Florida and further negotiations.")).toEqual(['US peace_plan support']);
  });
});

describe('what a doubt is about is not asserted', () => {
  it('gives no stance after "doubt", "no indication that" or "unlikely"', () => {
    expect(triples('Diplomats doubt Putin will accept the security guarantees.')).toEqual([]);
    expect(triples('There is no indication that Putin will agree to the peace deal.')).toEqual([]);
    expect(triples('Putin is unlikely to accept a ceasefire.')).toEqual([]);
  });
});

describe('a gerund after a topic preposition names what is talked about', () => {
  it('does not read "moved slowly on supplying weapons" as supplying them', () => {
    expect(triples("Europe's leaders moved too slowly on supplying weapons to Ukraine.")).toEqual([]);
  });
});

describe('a participle after a comma opens its own phrase', () => {
  it('ends the object of a stance word at ", complicating"', () => {
    expect(triples('Ukraine continues to push for more aid, complicating diplomatic efforts.')).toEqual([]);
  });

  it('keeps a list after ", including"', () => {
    expect(triples('Moscow backed a ceasefire, including a halt to strikes.')).toEqual(['RU ceasefire support']);
  });
});
