// Tagger v11a: who holds a stance. Every conjunct of a serial list as the subject, a statement's signatories listed
// after "adopted by" with the members a group names in brackets; on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a serial list as the subject', () => {
  it('credits every conjunct of "A, B, and the C" (serial comma and an article)', () => {
    const found = triples('Britain, France, and the United States are drafting a ceasefire.');
    for (const side of ['UK', 'FR', 'US']) expect(found).toContain(`${side} ceasefire support`);
  });

  it('does not join a clause after ", and the" to a single side before it', () => {
    const found = triples('Zelensky met Erdogan on Monday, and the Kremlin rejected a ceasefire.');
    expect(found).toContain('RU ceasefire oppose');
    expect(found.filter((t) => t.startsWith('TR '))).toEqual([]);
  });
});

describe("a statement's signatories", () => {
  const statement = 'The joint statement was adopted by the leaders of several member states (France, Germany and Poland) and other countries (the UK and Norway). '
    + 'They said the peace plan is a useful basis for further work.';

  it('reads "adopted by" as a signature and the members listed in brackets as signatories', () => {
    const found = triples(statement);
    for (const side of ['FR', 'DE', 'UK']) expect(found).toContain(`${side} peace_plan support`);
  });

  it('reads "the document" and "the text" after a signature as the statement, standing for its signatories', () => {
    expect(triples('Macron and Starmer signed the declaration on Tuesday. The document backs a ceasefire.')).toEqual(expect.arrayContaining(['FR ceasefire support', 'UK ceasefire support']));
    expect(triples('Macron and Starmer signed the declaration on Tuesday. The text of the plan backs a ceasefire.').filter((t) => t.startsWith('UK '))).toEqual([]);
  });

  it('does not take "adopted by" for a signature when no statement is named', () => {
    const found = triples('Sanctions adopted by France and Germany stay in place. They said the peace plan is a useful basis.');
    expect(found.filter((t) => t.startsWith('DE peace_plan'))).toEqual([]);
  });
});

describe('a relative clause whose stance word is about the term it qualifies', () => {
  it('credits the side of "a ceasefire that Ukraine accepted last week"', () => {
    expect(triples('Washington wants Moscow to join a thirty-day ceasefire that Ukraine accepted last week.')).toContain('UA ceasefire support');
  });

  it('reads "which" and no relative word alike, with auxiliaries and negation between', () => {
    expect(triples('The talks turned to the peace plan which Moscow has firmly rejected.')).toContain('RU peace_plan oppose');
    expect(triples('It is a truce Kyiv never accepted.')).toContain('UA ceasefire oppose');
  });

  it('keeps the object when the verb has one ("the ceasefire that Kyiv proposed to Moscow" is not reached through a gap)', () => {
    expect(triples('Officials discussed the ceasefire that Kyiv rejected the demands of.')).not.toContain('UA ceasefire oppose');
  });

  it('credits the agent of a reaction to the term heading ", which drew criticism from ..."', () => {
    const found = triples('The leaked peace plan, which drew sharp criticism from Ukrainian and European officials, was revised.');
    expect(found).toEqual(expect.arrayContaining(['UA peace_plan oppose', 'EU peace_plan oppose']));
  });

  it('needs the agent: "a plan, which drew criticism" alone names nobody', () => {
    expect(triples('The peace plan, which drew criticism, was revised.')).toEqual([]);
  });
});

describe('sides that shape the plan', () => {
  it('credits the sides whose changes to the plan another side rejects', () => {
    const found = triples('The Kremlin dismissed amendments proposed by Britain and Ukraine to the American peace plan.');
    expect(found).toEqual(expect.arrayContaining(['UK peace_plan support', 'UA peace_plan support']));
  });

  it('reads "revisions made by X to" and "changes by X to" alike', () => {
    expect(triples('Moscow turned down revisions made by France to the peace plan.')).toContain('FR peace_plan support');
  });

  it('needs the revision noun and "to" the plan: sides "by" whom something else was done are not credited', () => {
    expect(triples('Strikes launched by Ukraine near the front hurt the peace plan.').filter((t) => t.startsWith('UA peace_plan'))).toEqual([]);
  });

  it('credits the parties to the talks a plan was developed in', () => {
    const found = triples('Envoys discussed a peace plan developed in negotiations between Washington and Moscow.');
    expect(found).toEqual(expect.arrayContaining(['US peace_plan support', 'RU peace_plan support']));
  });
});

describe('a title-case headline', () => {
  it('still finds the side when a word of it opens with a digit ("20-Point")', () => {
    expect(triples('Talks Stall as Kremlin Rejects Revised 20-Point Peace Plan')).toContain('RU peace_plan oppose');
  });
});

describe('a restrictive "who" clause after a side', () => {
  it('makes the side before "who" the subject ("American senators who criticised the plan")', () => {
    expect(triples('The provisions were noted by American senators who criticised the peace plan.')).toContain('US peace_plan oppose');
  });

  it('still needs the side right before "who"', () => {
    expect(triples('Russia hosted envoys who criticised the peace plan.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });
});

describe('a titled statement that signs itself', () => {
  const body = 'We back a ceasefire along the current line of contact.\n\nWe will keep up the pressure on Russia.\n\nUkraine must have strong security guarantees.\n\n';
  it('speaks for the signatories of "This statement was adopted by ..." throughout, wherever the signature stands', () => {
    const found = triples(`Joint statement on Ukraine\n\n${body}Brussels, 23 November 2025\n\nThis statement was adopted by President Macron, Chancellor Merz and Prime Minister Starmer.`);
    for (const side of ['FR', 'DE', 'UK']) expect(found).toContain(`${side} ceasefire support`);
  });

  it('needs the title: an article that mentions a statement signed later gives its "we" to nobody', () => {
    const found = triples(`Talks in Geneva\n\n${body}This statement was adopted by President Macron and Chancellor Merz.`);
    expect(found.filter((t) => t.startsWith('DE ceasefire'))).toEqual([]);
  });
});

describe('an envoy or ambassador "to" somewhere', () => {
  it('keeps the envoy as the subject: "to the UN" takes a noun, not an infinitive', () => {
    expect(triples("Moscow's envoy to the UN rejected the ceasefire.")).toEqual(['RU ceasefire oppose']);
    expect(triples('The Russian ambassador to the United States rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
  });

  it('still reads "allow Ukraine to keep ..." as an infinitive\'s subject, not the subject of the next verb', () => {
    expect(triples('Russia wants Kyiv to give up land and rejected a ceasefire.')).toContain('RU ceasefire oppose');
  });
});

describe('role phrases', () => {
  it('gives a group "led by" or "headed by" a person the person\'s side', () => {
    expect(triples('A delegation led by Medinsky rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The negotiating team headed by Umerov backed the ceasefire.')).toEqual(['UA ceasefire support']);
  });

  it('leaves what is not a group of people: "talks led by Witkoff" are no side', () => {
    expect(triples('Talks led by Witkoff stalled, and the Kremlin rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
  });

  it('reads "the EU\'s foreign policy chief" as the EU', () => {
    expect(triples("The EU's foreign policy chief backed the ceasefire.")).toEqual(['EU ceasefire support']);
  });
});
