// Tagger v14b (issue 8, what the stance is, precision on new text). Sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a deal sought is the talks, not the plan (rules/sought-deals.ts)', () => {
  it('reads "pushes for a deal", "seeks a peace agreement", "a push to broker a deal" as support for talks', () => {
    expect(triples('The talks go on as Trump pushes for a deal to end the war.')).toEqual(['US negotiations support']);
    expect(triples('Washington seeks a lasting peace agreement in the talks with Moscow.')).toEqual(['US negotiations support']);
    expect(triples('The peace talks drew new attention after Trump\'s push to broker a deal with Russia.')).toEqual(['US negotiations support']);
  });

  it('keeps a particular plan: "pushed the plan", "pressed Ukraine to accept a deal"', () => {
    expect(triples('Trump\'s envoys pushed the 28-point plan hard in the talks.')).toContain('US peace_plan support');
    expect(triples('In the peace talks, Washington pressed Ukraine to accept a deal drafted in Miami.')).not.toContain('US negotiations support');
  });

  it('is nothing sought when negated', () => {
    expect(triples('During the talks, Kyiv did not push for a deal.')).not.toContain('UA negotiations support');
  });
});

describe('a numbered point of a plan with no author known is a provision (numberedPlanPoint)', () => {
  const lead = 'Here is the new peace framework discussed in Florida.\n\nMain points\n\n';
  it('gives the sides a point names as its subject no stance', () => {
    const text = lead + '  1. Ukraine\'s sovereignty is confirmed.\n\n  2. The United States and European nations will provide security guarantees to Ukraine.\n\n  3. NATO will not station troops in Ukraine.\n';
    expect(triples(text)).toEqual([]);
  });

  it('keeps a numbered list far from any plan, and a point reported as done', () => {
    const far = 'The plan was read aloud.\nMarkets rose.\nOil fell.\nThe rouble firmed.\nGold was flat.\nBonds slipped.\nStocks gained.\nTrade grew.\nPrices fell.\nRates held.\nJobs rose.\nWages grew.\nOutput fell.\nExports rose.\n  1. Kyiv spoke.\n\n  2. The United States will provide security guarantees to Ukraine.\n';
    expect(triples(far)).toContain('US security_guarantees support');
    const done = lead + '  1. Ukraine\'s sovereignty is confirmed.\n\n  2. The United States provided security guarantees to Ukraine.\n';
    expect(triples(done)).toContain('US security_guarantees support');
  });
});

describe('another document taken for the plan (tracker excludes)', () => {
  it('reads "a draft declaration" and "a draft memorandum" as documents of their own, not the peace plan', () => {
    expect(triples('The coalition has prepared a draft declaration on the peace talks.')).not.toContain('EU peace_plan support');
    expect(triples('Kyiv submitted a draft memorandum to the peace talks.')).not.toContain('UA peace_plan support');
    expect(triples('Kyiv backed the draft on Friday.')).toContain('UA peace_plan support');
  });
});

describe('a past absence from the talks is no refusal (reportedAbsence)', () => {
  it('gives nothing for "did not take part", "has not attended"; "would not take part" refuses', () => {
    expect(triples('Zelensky did not take part in the talks in Istanbul.')).toEqual([]);
    expect(triples('Russia has not attended the peace talks in recent years.')).toEqual([]);
    expect(triples('Zelensky said Ukraine would not take part in the talks in Riyadh.')).toEqual(['UA negotiations oppose']);
  });
});

describe('a worry noun about the talks is worry about the process (WORRY_NOUNS)', () => {
  it('gives nothing for "concerns around the talks", keeps concerns about a provision', () => {
    expect(triples('Kallas expressed concerns around the talks, which have not yielded results.')).toEqual([]);
    expect(triples('Kallas voiced fears over the peace talks in Geneva.')).toEqual([]);
    expect(triples('Kallas expressed concerns about the plan to lift sanctions on Russia.')).toContain('EU sanctions_relief oppose');
  });
});

describe('securing and brokering a term back it (lexicon support verbs)', () => {
  it('reads "secure a ceasefire", "brokering the negotiations", "secured security guarantees" as support', () => {
    expect(triples('Trump said he was confident in his ability to secure a ceasefire.')).toEqual(['US ceasefire support']);
    expect(triples('The Trump administration is brokering the negotiations.')).toEqual(['US negotiations support']);
    expect(triples('Ukraine secured international security guarantees in the new text.')).toEqual(['UA security_guarantees support']);
  });

  it('reads a deal to secure or broker as the talks, and a failure to secure as no stance', () => {
    expect(triples('Washington is working to broker a peace deal between the sides.')).toEqual(['US negotiations support']);
    expect(triples('Zelensky left the White House without securing the Tomahawk missiles.')).toEqual([]);
  });
});

describe('another war\'s term and hyphenated participles', () => {
  it('gives nothing for a ceasefire between sides the tracker does not know', () => {
    expect(triples('Kushner, who helped in brokering a ceasefire between Israel and Hamas, joined the talks.')).not.toContain('US ceasefire support');
    expect(triples('Washington is brokering a ceasefire between Russia and Ukraine.')).toContain('US ceasefire support');
  });

  it('reads "the U.S.-brokered framework" as no verb with a subject', () => {
    expect(triples('LONDON - Bond prices lurch with every detail of the U.S.-brokered peace framework.')).not.toContain('UK peace_plan support');
  });
});

describe('what a plan sentence\'s opening condition names is not provided', () => {
  it('credits the main clause, not the condition ("If Ukraine launches a missile at Moscow, ...")', () => {
    const text = 'Trump\'s peace plan sets out the terms. If Ukraine launches a missile at Moscow, the plan says the security guarantees would be void.';
    expect(triples(text)).not.toContain('US military_aid support');
    expect(triples('Trump\'s peace plan would give Ukraine new missiles.')).toContain('US military_aid support');
  });
});

describe('a plan content another side demands is that side\'s (demandedByOther)', () => {
  it('does not credit the plan\'s author with "a Russian demand for a demilitarized zone"', () => {
    expect(triples('Trump\'s peace plan includes a Russian demand for a demilitarized zone.')).toEqual(['RU demilitarized_zone support', 'US peace_plan support']);
    expect(triples('Trump\'s peace plan includes a demilitarized zone.')).toContain('US demilitarized_zone support');
  });
});

describe('a halt to attacks on energy is a partial truce (tracker ceasefire cues)', () => {
  it('reads "agreed to stop attacking each other\'s energy facilities" and "a halt to attacks on energy infrastructure"', () => {
    expect(triples('Ukraine and Russia agreed to stop attacking each other\'s energy facilities.')).toEqual(['RU ceasefire support', 'UA ceasefire support']);
    expect(triples('Putin agreed to a temporary halt to attacks on energy infrastructure.')).toEqual(['RU ceasefire support']);
  });
});

describe('a term inside an indirect question is asked about (askedAbout)', () => {
  it('gives nothing for "must be clear how the size of the army will be financed", "asked whether a ceasefire"', () => {
    expect(triples('"It must be clear how the size of the Ukrainian army will be financed," Zelensky said.')).toEqual([]);
    expect(triples('Zelensky wondered aloud whether Putin would ever accept a ceasefire.')).toEqual([]);
    expect(triples('Zelensky backed the ceasefire proposal and said how it would work was clear.')).toContain('UA ceasefire support');
  });

  it('still reads a stance word that points back to an earlier sentence\'s term', () => {
    expect(triples('Trump\'s envoys offered a deal on Friday. Kyiv rejected it.')).toContain('UA peace_plan oppose');
  });
});

describe('a term after the stance word\'s own object is when or about what (pastOwnObject)', () => {
  it('does not read "reaffirmed its positions during the talks" as backing the talks', () => {
    expect(triples('Ukraine reaffirmed its positions during the London talks.')).toEqual([]);
    expect(triples('Kyiv reaffirmed the principles on which the peace talks are based.')).toEqual([]);
    expect(triples('Ukraine reaffirmed its support for the peace talks.')).toContain('UA negotiations support');
  });
});

describe('a side\'s peace initiatives are its efforts to negotiate (tracker "peace =initiatives")', () => {
  it('reads the plural as the talks and the singular as the plan', () => {
    expect(triples('Hungary supports the United States\' peace initiatives in Ukraine.')).toEqual(['HU negotiations support']);
    expect(triples('Hungary supports the new US peace initiative.')).toContain('HU peace_plan support');
  });
});

describe('a stance word that opens a reported clause is its subject, not a verb', () => {
  it('does not read "said that work on a peace agreement would take a month" as backing the plan', () => {
    expect(triples('Moscow said that work on a peace agreement would take at least a month.')).toEqual([]);
    expect(triples('Moscow said that it would work on a peace agreement with Washington.')).toContain('RU peace_plan support');
  });
});

describe('a stance word composed with a word of seeking ("trying to broker a deal")', () => {
  it('reads the deal as the talks', () => {
    expect(triples('Washington is trying to broker a peace deal in the talks.')).toEqual(['US negotiations support']);
  });
});
