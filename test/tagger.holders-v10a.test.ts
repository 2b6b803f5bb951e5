// Tagger v10a: who holds a stance. Sides acting together with a subject, participles that describe a noun rather
// than report an act, "both" as a subject, role phrases, and the commitments a side has just made, listed; on
// sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { tag, triples } from './support/tagger.js';

describe('sides set off by a companion phrase act with the subject', () => {
  it('credits the subject and every side "together with" it', () => {
    const found = triples('The French president, together with the British prime minister and Volodymyr Zelensky, signed a declaration on the deployment of a multinational force in Ukraine.');
    for (const side of ['FR', 'UK', 'UA']) expect(found).toContain(`${side} foreign_troops support`);
  });

  it('reads "alongside" and "along with" the same way', () => {
    expect(triples('Paris, alongside London, rejected any ceasefire that freezes the front.')).toEqual(expect.arrayContaining(['FR ceasefire oppose', 'UK ceasefire oppose']));
    expect(triples('Germany, along with Turkey, backed a ceasefire.')).toEqual(expect.arrayContaining(['DE ceasefire support', 'TR ceasefire support']));
  });

  it('credits the companions when the subject is a side the tracker does not list', () => {
    const found = triples('Poland, together with France, backed a ceasefire.');
    expect(found).toContain('FR ceasefire support');
  });

  it('needs the closing comma: a companion after the verb is no apposition of the subject', () => {
    const found = triples('Macron backed a ceasefire together with Starmer.');
    expect(found).toContain('FR ceasefire support');
    expect(found.filter((t) => t.startsWith('UK '))).toEqual([]);
  });

  it('reads the sides listed after ", including" as the subject, however many', () => {
    const found = triples('Western nations, including Britain and France, demanded a ceasefire.');
    expect(found).toEqual(expect.arrayContaining(['UK ceasefire support', 'FR ceasefire support']));
  });
});

describe('participles that describe a noun', () => {
  it('gives no act to the subject for "a recently signed declaration"', () => {
    const found = triples('Russia condemned a recently signed declaration that lays out security guarantees for Kyiv.');
    expect(found).not.toContain('RU security_guarantees support');
  });

  it('gives no stance to the subject for "the opposing sides" either', () => {
    expect(triples('The Trump administration is bridging the positions of the opposing sides on NATO membership.')).toEqual([]);
  });

  it('leaves the finite verb of the sentence its subject\'s ("Russia rejected the proposed ceasefire")', () => {
    expect(triples('Russia rejected the proposed ceasefire.')).toContain('RU ceasefire oppose');
  });

  it('keeps a finite verb after a noun phrase ("Russia signed the declaration")', () => {
    expect(triples('Russia signed a ceasefire.')).toContain('RU ceasefire support');
  });

  it("does not give the subject what a document's clauses call for", () => {
    const found = triples('Maria Zakharova opposed clauses calling for a multinational force and ongoing military support.');
    expect(found).not.toContain('RU foreign_troops support');
    expect(found).not.toContain('RU military_aid support');
  });

  it('does not take the object of "provide" for a subject', () => {
    expect(triples('The leaders committed to provide Ukraine with support as part of a peace agreement.').filter((t) => t.startsWith('UA '))).toEqual([]);
  });
});

describe('open questions and owners across a preposition', () => {
  it('gives nobody the stance of "how to" or "whether to"', () => {
    expect(triples('Witkoff coached Russian officials on how to present a ceasefire plan to Trump.').filter((t) => t.includes('ceasefire'))).toEqual([]);
    expect(triples('Kyiv is weighing whether to accept a ceasefire.')).not.toContain('UA ceasefire support');
  });

  it('keeps "Trump\'s decision to" and "Britain\'s move to" their owner\'s', () => {
    expect(triples('Britain\'s move to back a ceasefire surprised Moscow.')).toContain('UK ceasefire support');
  });
});

describe('a speaker the tracker does not know, after a quotation', () => {
  it('is who "he" is next: not the side named before', () => {
    const text = 'The European Commission presented its plan on Monday.\n\n"We have set conditions," De Wever said.\n\nHe said he believed he had a "good chance" of scrapping the current proposal.';
    expect(triples(text)).toContain('EU peace_plan support');
    expect(triples(text.replace(/\n\n"We have set conditions," De Wever said\./, ''))).toContain('EU peace_plan mixed');
  });

  it('leaves a known speaker who "he" is', () => {
    const text = 'The European Commission presented its plan on Monday.\n\n"We have set conditions," Zelensky said.\n\nHe said he rejected any ceasefire.';
    expect(triples(text)).toContain('UA ceasefire oppose');
  });
});

describe('a region\'s adjective between a preposition and a name', () => {
  it('keeps "in eastern Ukraine" a place, not a subject', () => {
    const found = triples('The plan involves Ukraine making concessions, including giving up territory in eastern Ukraine and pledging not to join NATO.');
    expect(found).not.toContain('UA nato_renunciation support');
  });

  it('keeps "in Ukraine and western Europe" one list of agents', () => {
    const found = triples('An initial US draft drew heavy criticism in Ukraine and western Europe.');
    expect(found).toEqual(expect.arrayContaining(['UA peace_plan oppose', 'EU peace_plan oppose']));
  });
});

describe('a pronoun after ", and"', () => {
  it('starts a clause of its own: the object before it does not join its subject', () => {
    const found = triples('Russia has stated its position: it opposes Ukraine joining NATO, and it insists Kyiv must stay neutral.');
    expect(found.filter((t) => t.startsWith('NATO '))).toEqual([]);
  });
});

describe('a gerund after a noun and its owner', () => {
  it('is the owner\'s: "the efforts of Trump in facilitating these talks"', () => {
    const found = triples('Putin commended the efforts of US President Donald Trump in facilitating these talks.');
    expect(found).toContain('US negotiations support');
    expect(found).not.toContain('RU negotiations support');
  });

  it('is the subject\'s after "by" ("Russia derailed the talks by insisting on ...")', () => {
    expect(triples('Russia answered the efforts of Trump by rejecting any ceasefire.')).toContain('RU ceasefire oppose');
  });
});

describe('the agent of a noun', () => {
  it('is not the "by" of a participle after it ("a demand firmly rejected by Ukraine")', () => {
    expect(triples('Russia demanded recognition of the annexation of Donbas, a demand firmly rejected by Ukraine.')).not.toContain('UA territorial_concessions support');
  });

  it('is still "from Moscow" right after it ("opposition from Moscow")', () => {
    expect(triples('The plan faced strong opposition from Moscow.')).toContain('RU peace_plan oppose');
  });
});

describe('"Both" as a subject', () => {
  it('is the last pair of sides named together', () => {
    const found = triples('Turkey and France held a summit on Monday. Both backed a ceasefire.');
    expect(found).toEqual(expect.arrayContaining(['TR ceasefire support', 'FR ceasefire support']));
  });

  it('is not "both sides", "both of them" or "both the US and Ukraine"', () => {
    expect(triples('Turkey and France held a summit. Both the US and Ukraine backed a ceasefire.')).not.toContain('TR ceasefire support');
    expect(triples('Turkey and France held a summit. Both of the delegations backed a ceasefire.')).not.toContain('TR ceasefire support');
  });
});

describe('role phrases', () => {
  it('reads a name, modifiers and a role as one mention ("the US defence secretary")', () => {
    expect(triples('The US defence secretary rejected any ceasefire.')).toContain('US ceasefire oppose');
    expect(triples('The UK foreign secretary backed a ceasefire.')).toContain('UK ceasefire support');
  });

  it('reads "the head of Turkish diplomacy" as Turkey', () => {
    expect(triples('"We support a ceasefire," the head of Turkish diplomacy stressed.')).toContain('TR ceasefire support');
  });

  it('reads "a spokesperson for the Turkish foreign ministry" as Turkey', () => {
    expect(triples('A spokesperson for the Turkish foreign ministry rejected any ceasefire.')).toContain('TR ceasefire oppose');
  });

  it('reads "an aide to Putin" as Russia, and "the US envoy to Ukraine" still as the US', () => {
    expect(triples('An aide to Putin rejected any ceasefire.')).toContain('RU ceasefire oppose');
    const envoy = triples('The US envoy to Ukraine backed a ceasefire.');
    expect(envoy).toContain('US ceasefire support');
    expect(envoy.filter((t) => t.startsWith('UA '))).toEqual([]);
  });

  it('keeps "talks for Russia" an object', () => {
    expect(triples('Negotiators prepared proposals for Russia to accept a ceasefire.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });
});

describe('the commitments a side has just made, listed', () => {
  const listed = [
    'Both the US and European leaders committed to work together to provide security guarantees for Ukraine. This would include commitments to:',
    '-',
    'Provide sustained support to Ukraine to build its armed forces, which should remain at a peacetime level of 800,000.',
  ].join('\n');

  it('gives each item to every side that committed', () => {
    const found = triples(listed);
    expect(found).toEqual(expect.arrayContaining(['US army_limits support', 'EU army_limits support']));
  });

  it('reads a listing sentence without a colon too ("This will include commitments, including ...")', () => {
    const inline = 'The leaders of the U.S. and Europe committed to working together on security guarantees. This will include commitments, including support for Ukraine to restore its armed forces, which should number 800,000 in peacetime.';
    expect(triples(inline)).toEqual(expect.arrayContaining(['US army_limits support', 'EU army_limits support']));
  });

  it('needs the commitment in the sentence before', () => {
    const unrelated = listed.replace('Both the US and European leaders committed to work together to provide security guarantees for Ukraine.', 'The US and European leaders met in Berlin on Monday.');
    expect(triples(unrelated).filter((t) => t.includes('army_limits'))).toEqual([]);
  });

  it('ends at a paragraph that does not open as an item', () => {
    const after = `${listed}\n\nIn Moscow, officials said the army should be limited to 600,000.`;
    const evidence = tag(after).filter((r) => r.actor === 'US').flatMap((r) => r.evidence.map((e) => e.sentence));
    expect(evidence.some((s) => s.startsWith('In Moscow'))).toBe(false);
  });
});

describe('a statement one government issues for the leaders just reported', () => {
  const issued = [
    'European leaders have welcomed progress in the talks on Monday.',
    '',
    'The statement, issued by the German government, said the leaders are looking to provide robust security guarantees for Ukraine.',
    '',
    'They called for support for Ukraine to build its armed forces, which should remain at a peacetime level of 800,000.',
  ].join('\n');

  it('speaks for the leaders and for the government that issued it', () => {
    const found = triples(issued);
    for (const side of ['EU', 'DE']) {
      expect(found).toContain(`${side} security_guarantees support`);
      expect(found).toContain(`${side} army_limits support`);
    }
  });

  it('is the issuing government\'s alone when no leaders were reported just before', () => {
    const alone = issued.replace('European leaders have welcomed progress in the talks on Monday.', 'Talks went on in Berlin on Monday.');
    expect(triples(alone).filter((t) => t.startsWith('EU '))).toEqual([]);
  });
});

describe('a side before ", which"', () => {
  it('is the subject of the relative clause', () => {
    expect(triples('Talks stalled because of Hungary, which opposes any ceasefire.')).toContain('HU ceasefire oppose');
  });

  it('is not when the clause has a subject of its own', () => {
    expect(triples('Talks stalled because of Hungary, which Russia says rejects any ceasefire.')).not.toContain('HU ceasefire oppose');
  });

  it('is not the subject of a passive relative clause ("..., which had been agreed with ...")', () => {
    expect(triples('Putin received a draft via Kirill Dmitriev, which had been agreed upon with Kyiv, on a ceasefire.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });

  it('leaves "a plan, which calls for ..." to the plan\'s author', () => {
    expect(triples('Trump unveiled a plan, which calls for a ceasefire.')).toContain('US ceasefire support');
  });
});

describe('officials and offices the tracker now knows', () => {
  it('reads Downing Street as "No10" and Starmer as "Sir Keir"', () => {
    expect(triples('In a statement No10 said: "The Prime Minister backs a ceasefire."')).toContain('UK ceasefire support');
    expect(triples('Sir Keir said Britain backs a ceasefire.')).toContain('UK ceasefire support');
  });

  it('knows Ukraine\'s deputy prime minister Taras Kachka and the spelling "Umarov"', () => {
    expect(triples('Taras Kachka rejected any ceasefire.')).toContain('UA ceasefire oppose');
    expect(triples('Rustem Umarov rejected any ceasefire.')).toContain('UA ceasefire oppose');
  });
});

describe('an unspecified part of a side', () => {
  it('is neither the side nor anyone the tracker knows ("several European capitals")', () => {
    expect(triples('Several European capitals backed a ceasefire.')).toEqual([]);
    expect(triples('The plan drew criticism from some EU leaders.').filter((t) => t.startsWith('EU '))).toEqual([]);
  });

  it('stops the search for a subject: the speaker does not hold it either', () => {
    expect(triples('Russia said some European leaders backed a ceasefire.')).toEqual([]);
  });

  it('leaves the whole side as it was ("European countries backed ...")', () => {
    expect(triples('European countries backed a ceasefire.')).toContain('EU ceasefire support');
  });
});

describe('"the parties", "the sides"', () => {
  it('are the last pair named together', () => {
    const found = triples('Russia and Ukraine met in Istanbul. The parties agreed to a ceasefire.');
    expect(found).toEqual(expect.arrayContaining(['RU ceasefire support', 'UA ceasefire support']));
  });

  it('are nobody without a pair before them', () => {
    expect(triples('The parties agreed to a ceasefire.')).toEqual([]);
  });
});

describe('"according to" a document', () => {
  it('speaks for the side that issued it ("according to a statement of the Coalition of the Willing")', () => {
    expect(triples('Participants pledged to provide security guarantees, according to a statement of the Coalition of the Willing.')).toContain('EU security_guarantees support');
  });

  it('needs a document noun: "according to reports from Moscow" names no speaker', () => {
    expect(triples('Participants pledged to provide security guarantees, according to reports from Moscow.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });
});

describe('a first name the news uses alone', () => {
  it('reads "Volodymyr" as Zelensky', () => {
    expect(triples('Volodymyr has committed to a 30-day unconditional ceasefire.')).toContain('UA ceasefire support');
  });
});

describe('a quotation that opens the paragraph after its speaker is reported', () => {
  it('is spoken by the side the paragraph before reported ("This was announced by President Zelensky.")', () => {
    expect(triples('This was announced by President Volodymyr Zelenskyy.\n\n"We support a ceasefire."')).toContain('UA ceasefire support');
    expect(triples('Peskov told reporters on Monday.\n\n"We reject any ceasefire."')).toContain('RU ceasefire oppose');
  });

  it('keeps a speaker named after the quotation', () => {
    const found = triples('Peskov told reporters on Monday.\n\n"We support a ceasefire," Zelensky said.');
    expect(found).toContain('UA ceasefire support');
    expect(found).not.toContain('RU ceasefire support');
  });

  it('needs the report in the paragraph right before, and no guess', () => {
    expect(triples('Peskov spoke on Monday.\n\nTalks went on.\n\n"We reject any ceasefire."')).not.toContain('RU ceasefire oppose');
    expect(triples('Peskov suggested as much on Monday.\n\n"We reject any ceasefire."')).not.toContain('RU ceasefire oppose');
  });
});

describe('authors named with their titles', () => {
  it('reads "introduced by Washington" as authorship of the plan', () => {
    const found = triples('The plan, introduced by Washington, would require Ukraine to cede territory.');
    expect(found).toEqual(expect.arrayContaining(['US peace_plan support', 'US territorial_concessions support']));
  });

  it('keeps the "by" of "drafted by envoy Steve Witkoff" across the title', () => {
    const found = triples('The 28-point proposal, reportedly drafted by envoy Steve Witkoff, would require Ukraine to cede territory.');
    expect(found).toEqual(expect.arrayContaining(['US peace_plan support', 'US territorial_concessions support']));
  });

  it('makes the "by" agent of a passive who "he" is next', () => {
    expect(triples('The ceasefire was announced by President Erdogan on Monday. He said a ceasefire was essential.')).toContain('TR ceasefire support');
  });
});

describe('the sides named as having shaped a plan', () => {
  it('support it: "a draft of the peace plan that had been coordinated with Ukraine and European counterparts"', () => {
    const found = triples('Putin received a draft of the peace plan via his aide Kirill Dmitriev that had been coordinated with Ukraine and European counterparts.');
    expect(found).toEqual(expect.arrayContaining(['UA peace_plan support', 'EU peace_plan support']));
  });

  it('read "agreed upon with" and "with input from" the same way', () => {
    expect(triples('Putin received a draft peace plan, which had been agreed upon with Ukrainian officials.')).toContain('UA peace_plan support');
    expect(triples('Trump said the plan had since been improved with input from both Russia and Ukraine.')).toEqual(expect.arrayContaining(['RU peace_plan support', 'UA peace_plan support']));
    expect(triples('The 28-point plan, which the White House says is the result of work between Rubio and Witkoff, "along with input from both Ukrainians and Russians," was leaked.'))
      .toEqual(expect.arrayContaining(['UA peace_plan support', 'RU peace_plan support']));
  });

  it('do not when it is denied ("was not coordinated with", "without input from")', () => {
    expect(triples('The plan was not coordinated with Ukraine.')).not.toContain('UA peace_plan support');
    expect(triples('The plan was drafted without input from Ukraine.')).not.toContain('UA peace_plan support');
  });

  it('do not for another plan ("another plan he had worked out with European partners")', () => {
    expect(triples('Zelensky went to Ankara with another plan he had worked out with European partners.')).not.toContain('EU peace_plan support');
  });

  it('need the plan named before them', () => {
    expect(triples('Talks were coordinated with Ukraine.')).not.toContain('UA peace_plan support');
  });
});
