// Tagger v13a: who holds a stance. Documents as the voice of their side, states resolved across an apposition;
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe("a side's document named by its demonym", () => {
  it('credits the side with what "the Ukrainian memorandum" calls for or rejects', () => {
    expect(triples('The Ukrainian memorandum calls for a full ceasefire.')).toContain('UA ceasefire support');
    expect(triples('Ukrainian memorandum calls for monitored ceasefire')).toContain('UA ceasefire support');
    expect(triples('The Russian leaked memorandum rejects a ceasefire.')).toContain('RU ceasefire oppose');
    expect(triples('A British statement backed the security guarantees.')).toContain('UK security_guarantees support');
  });

  it('does not make the side the subject when its document is an object or another noun', () => {
    expect(triples('Kyiv rejected the Russian memorandum.').filter((t) => t.startsWith('RU '))).toEqual([]);
    expect(triples('The Russian memorandum\'s authors rejected a ceasefire.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });
});

describe('a state named before an apposition', () => {
  it('resolves "it" in the next sentence to the state whose verb follows the apposition', () => {
    const found = triples('Turkey, a NATO member with ties to both Moscow and Kyiv, has played a careful role. It has supplied defense aid to Ukraine.');
    expect(found).toContain('TR military_aid support');
  });

  it('does not resolve "it" when the comma after the state opens no apposition', () => {
    const found = triples('Turkey, Russia and Ukraine met in Istanbul on Friday. It has supplied defense aid to Ukraine.');
    expect(found).not.toContain('TR military_aid support');
  });
});

describe('a document as the voice of the sides that signed or own it', () => {
  it('credits the signatories with what "the declaration" sets out, paragraphs after the signature', () => {
    const found = triples('The declaration was signed by Zelensky, Macron and Starmer.\n\nLeaders met for hours.\n\nThe declaration outlines the deployment of a multinational force.');
    for (const side of ['UA', 'FR', 'UK']) expect(found).toContain(`${side} foreign_troops support`);
  });

  it('reads the signing sides of "A and B signed a declaration" and of "a declaration signed by A and B that"', () => {
    expect(triples('France and Britain signed a declaration in Paris. The declaration also envisages security guarantees for Kyiv.'))
      .toEqual(expect.arrayContaining(['FR security_guarantees support', 'UK security_guarantees support']));
    expect(triples('Moscow condemned a declaration signed by France and Britain that lays out security guarantees for Kyiv.'))
      .toEqual(expect.arrayContaining(['FR security_guarantees support', 'UK security_guarantees support']));
  });

  it("credits a side's own or demonym-named document with what it includes", () => {
    expect(triples("Ukraine's memorandum includes a full ceasefire.")).toContain('UA ceasefire support');
    expect(triples('The Russian memorandum stipulates the lifting of sanctions.')).toContain('RU sanctions_relief support');
  });

  it('gives nothing for a negated or hedged content verb, an unsigned document, or a signature long before', () => {
    const signed = 'The declaration was signed by Macron and Starmer. ';
    expect(triples(`${signed}The declaration does not include security guarantees.`).filter((t) => t.includes('security'))).toEqual([]);
    expect(triples(`${signed}The declaration could include security guarantees.`).filter((t) => t.includes('security'))).toEqual([]);
    expect(triples('The declaration outlines security guarantees for Kyiv.')).toEqual([]);
    const far = `Talks went on in Paris. Macron and Starmer signed a declaration on Monday.\n\n${Array.from({ length: 10 }, (_, k) => `Paragraph ${k} is about the weather.`).join('\n\n')}\n\nThe declaration outlines security guarantees.`;
    expect(triples(far).filter((t) => t.includes('security'))).toEqual([]);
  });

  it('does not read a participle before the document as its signature ("a recently signed declaration")', () => {
    expect(triples('Russia condemned a recently signed declaration that lays out security guarantees for Kyiv.')).not.toContain('RU security_guarantees support');
  });
});

describe('a plan named after its authors', () => {
  it('credits every side of "the Witkoff-Dmitriev plan" and "the Kremlin-Witkoff-Kushner proposal" as its authors', () => {
    expect(triples('Critics attacked the Witkoff-Dmitriev plan on Monday.')).toEqual(expect.arrayContaining(['US peace_plan support', 'RU peace_plan support']));
    expect(triples('Leaders discussed the Kremlin-Witkoff-Kushner proposal.')).toEqual(expect.arrayContaining(['US peace_plan support', 'RU peace_plan support']));
  });

  it('reads no authorship into a plan between states or blocs ("a Ukraine-Russia peace plan", "the US-EU proposal")', () => {
    expect(triples('Diplomats discussed a Ukraine-Russia peace plan.')).toEqual([]);
    expect(triples('Diplomats discussed the US-EU proposal.')).toEqual([]);
  });
});

describe('a bare document another side reports', () => {
  it('is not the last signatories\' document when a side is reported speaking of it', () => {
    const found = triples('France and Britain signed a declaration in Paris. The document outlines a ceasefire, according to the Russian Foreign Ministry.');
    expect(found).not.toContain('FR ceasefire support');
    expect(found).not.toContain('UK ceasefire support');
  });
});

describe('what a document sets out, and what a clause in it says', () => {
  it('leaves a clause after "stresses that" and a cue a stance word reaches to their own rules', () => {
    expect(triples("Russia's statement stresses that security guarantees for Kyiv are unacceptable.")).toEqual(['RU security_guarantees oppose']);
    expect(triples("Ukraine's memorandum outlines Russia's demands for a ceasefire.")).not.toContain('UA ceasefire support');
    expect(triples("Ukraine's memorandum includes security guarantees, which Moscow rejects."))
      .toEqual(expect.arrayContaining(['UA security_guarantees support', 'RU security_guarantees oppose']));
  });
});

describe('a deal named after two leaders', () => {
  it('is no authorship ("fears of a Trump-Putin deal")', () => {
    expect(triples('European capitals voiced fears of a Trump-Putin deal over the heads of Ukrainians.').filter((t) => t.includes('peace_plan support'))).toEqual([]);
  });
});

describe('"X and his counterpart" as coordinated subjects', () => {
  it('credits both the named side and the counterpart after "his"', () => {
    expect(triples('Lavrov and his American counterpart backed a ceasefire.')).toEqual(['RU ceasefire support', 'US ceasefire support']);
    expect(triples('Trump and his Russian counterpart Vladimir Putin agreed to a ceasefire.')).toEqual(['RU ceasefire support', 'US ceasefire support']);
  });

  it('joins nothing across a possessive that is no conjunct\'s determiner', () => {
    expect(triples("Rubio backed Lavrov's plan and his deputy rejected a ceasefire.").filter((t) => t.includes('ceasefire'))).not.toContain('US ceasefire oppose');
  });
});

describe('"between X and his counterpart" as the parties', () => {
  it('lists the counterpart, not "his", among the parties "all parties" points to', () => {
    const found = triples('Envoys held talks between Lavrov and his British counterpart in Rome. All parties backed a ceasefire.');
    expect(found).toEqual(expect.arrayContaining(['RU ceasefire support', 'UK ceasefire support']));
  });
});

describe('an inverted speaker with an indefinite article', () => {
  it('reads "said a Kremlin spokesman", "said a senior Ukrainian official", "said a spokesperson for the Ukrainian president"', () => {
    expect(triples('"A ceasefire now is unacceptable," said a Kremlin spokesman.')).toEqual(['RU ceasefire oppose']);
    expect(triples('"A ceasefire now is unacceptable," said a senior Ukrainian official.')).toEqual(['UA ceasefire oppose']);
    expect(triples('"A ceasefire now is unacceptable," said a spokesperson for the Ukrainian president.')).toEqual(['UA ceasefire oppose']);
  });

  it('still needs the name right after the article and its rank words ("said a source close to the Kremlin" names nobody)', () => {
    expect(triples('"A ceasefire now is unacceptable," said a source close to the Kremlin.')).toEqual([]);
  });
});

describe('the subject across a parenthetical adverb or a time adverbial', () => {
  it('reads "Moscow, however, rejected" and "The Kremlin, though, rejected" as the side\'s', () => {
    expect(triples('Moscow, however, rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The Kremlin, though, rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
  });

  it('reads "so far", "last week", "earlier" inside the verb group, not as a noun the participle qualifies', () => {
    expect(triples('Moscow has so far rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('The Kremlin last week rejected the ceasefire.')).toEqual(['RU ceasefire oppose']);
    expect(triples('Kyiv earlier backed the ceasefire.')).toEqual(['UA ceasefire support']);
  });

  it('keeps a participle after a common noun a reduced relative ("ongoing discussions aimed at")', () => {
    expect(triples('Ongoing discussions aimed at a ceasefire continued in Geneva.')).toEqual([]);
  });

  it('credits the ratifying side with what the declaration it ratified "today" details', () => {
    expect(triples('European leaders today ratified the Paris declaration, which details security guarantees for Kyiv.')).toContain('EU security_guarantees support');
  });
});

describe('a side and the people its possessive owns as a coordinated subject', () => {
  it('credits "Washington and its European allies" both, and "Kyiv and its Western partners" the listed side', () => {
    expect(triples('Washington and its European allies backed the ceasefire.')).toEqual(['EU ceasefire support', 'US ceasefire support']);
    expect(triples('Kyiv and its Western partners backed the ceasefire.')).toEqual(['UA ceasefire support']);
    expect(triples('Ukraine and its allies backed the ceasefire.')).toEqual(['UA ceasefire support']);
  });

  it('credits nobody when the side is an object ("Russia attacked Ukraine and its allies backed")', () => {
    expect(triples('Russia attacked Ukraine and its allies backed the ceasefire.')).toEqual([]);
  });
});

describe('"as well as" between two sides of a subject', () => {
  it('credits both sides of "Moscow as well as Kyiv rejected"', () => {
    expect(triples('Moscow as well as Kyiv rejected the ceasefire.')).toEqual(['RU ceasefire oppose', 'UA ceasefire oppose']);
  });
});

describe('sides named in a sentence that hold nothing in it', () => {
  it('gives nobody the charge in "blamed Kyiv for rejecting", as in "accused Kyiv of rejecting"', () => {
    expect(triples('Moscow blamed Kyiv for rejecting the peace plan.')).toEqual([]);
  });

  it('reads "critics of Zelensky", "opponents of the Kremlin" as set against the side, not of it', () => {
    expect(triples('Critics of Zelensky say he rejected the peace plan.')).toEqual([]);
    expect(triples('Opponents of the Kremlin rejected the ceasefire.')).toEqual([]);
  });

  it('reads the side after "unlike" as no subject', () => {
    expect(triples('Ukraine, unlike Russia, backed the ceasefire.')).toEqual(['UA ceasefire support']);
  });
});

describe('the subject of a clause another side hopes, expects or fears', () => {
  it('is that side\'s expectation, not the subject\'s stance', () => {
    expect(triples('Zelensky hopes Trump will back security guarantees.')).not.toContain('US security_guarantees support');
    expect(triples('Trump is betting that Putin will accept a ceasefire.')).not.toContain('RU ceasefire support');
    expect(triples('European capitals fear that Trump will announce a peace deal.')).not.toContain('US peace_plan support');
  });

  it('keeps the subject when the expecting side is the same ("Zelensky believes Ukraine will reject")', () => {
    expect(triples('Zelensky believes Ukraine will reject the peace plan.')).toContain('UA peace_plan oppose');
  });
});

describe('an obligation put on a side', () => {
  it('is the speaker\'s demand, not the obliged side\'s stance', () => {
    expect(triples('Trump said Zelensky will have to accept territorial concessions.')).toEqual(['US territorial_concessions support']);
    expect(triples('Ukraine will have to agree to a ceasefire.')).toEqual([]);
  });

  it('keeps the speaker\'s own obligation ("We have to reject this plan")', () => {
    expect(triples('"We have to reject this plan," Zelensky said.')).toEqual(['UA peace_plan oppose']);
  });
});

describe('the reporting verb nearest a quotation', () => {
  it('speaks it: "Trump said Putin told him: ..." is Putin\'s', () => {
    expect(triples('Trump said Putin told him: "We will never accept a ceasefire."')).toEqual(['RU ceasefire oppose']);
  });

  it('keeps the first one when the later is a participle ("Trump quoted Putin as saying: ...")', () => {
    expect(triples('Trump quoted Putin as saying: "We will never accept a ceasefire."')).toEqual(['RU ceasefire oppose']);
  });
});

describe('"it" after coordinated states', () => {
  it('is not the last of them ("France and Germany issued a joint statement. It backed ...")', () => {
    expect(triples('France and Germany issued a joint statement. It backed security guarantees.')).toEqual([]);
    expect(triples('Germany issued a statement. It backed security guarantees.')).toEqual(['DE security_guarantees support']);
  });
});

describe('whose view an opening phrase names', () => {
  it('reads "In Peskov\'s view," and "To Kyiv," as the holder of the judgement after them', () => {
    expect(triples("In Peskov's view, the plan is unacceptable.")).toEqual(['RU peace_plan oppose']);
    expect(triples('To Kyiv, the ceasefire is unacceptable.')).toEqual(['UA ceasefire oppose']);
  });

  it('does not read a source or a place as a view ("According to ...", "Thanks to ...", "In Geneva,")', () => {
    expect(triples('In Geneva, the plan was called unacceptable.')).toEqual([]);
    expect(triples('Thanks to Turkey, the talks were productive.')).not.toContain('TR negotiations support');
  });
});

describe('what stands between a subject and its verb', () => {
  it('skips a relative clause set off by commas ("Zelensky, whom Trump met on Friday, rejected")', () => {
    expect(triples('Zelensky, whom Trump met on Friday, rejected the plan.')).toEqual(['UA peace_plan oppose']);
  });

  it('joins no conjunct by a comma alone ("After meeting Putin, Witkoff backed"), but keeps lists', () => {
    expect(triples('After meeting Putin, Witkoff backed the ceasefire.')).toEqual(['US ceasefire support']);
    expect(triples('Germany, France and Britain backed the ceasefire.')).toEqual(['DE ceasefire support', 'FR ceasefire support', 'UK ceasefire support']);
  });
});

describe('a side and the side it met as the pair "the two leaders" points to', () => {
  it('reads "Trump met Putin ... The two leaders" and "spoke with ... by phone" as the pair', () => {
    expect(triples('Trump met Putin in Alaska. The two leaders backed a ceasefire.')).toEqual(['RU ceasefire support', 'US ceasefire support']);
    expect(triples('Trump spoke with Putin by phone. Both leaders backed a ceasefire.')).toEqual(['RU ceasefire support', 'US ceasefire support']);
  });

  it('makes no pair when the sentence names a third side ("spoke with Zelensky and later with Trump")', () => {
    const found = triples('Starmer spoke with Zelensky and later with Trump. Both leaders backed a ceasefire.');
    expect(found).not.toContain('UA ceasefire support');
  });
});
