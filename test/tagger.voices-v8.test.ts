// Tagger v8: a statement's signatories and a speech's speaker hold what the text says in their voice,
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('a statement headed by its signatories', () => {
  const heading = 'Joint statement by President Macron, Chancellor Merz and Prime Minister Starmer on Ukraine.\n';

  it('gives "the leaders" and "they" to every signatory', () => {
    expect(triples(`${heading}The Leaders welcomed the peace plan.\nThey agreed to provide security guarantees to Ukraine.`).sort()).toEqual([
      'DE peace_plan support', 'DE security_guarantees support', 'FR peace_plan support', 'FR security_guarantees support',
      'UK peace_plan support', 'UK security_guarantees support',
    ]);
  });

  it('gives its first person and its subjectless provisions to the signatories', () => {
    expect(triples(`${heading}We will provide military aid to Ukraine.`).sort()).toEqual(['DE military_aid support', 'FR military_aid support', 'UK military_aid support']);
  });

  it('reads "European leaders" in a statement of European leaders as each signatory', () => {
    expect(triples(`Statement by President Macron, Prime Minister Starmer and President von der Leyen.\nEuropean leaders committed to provide security guarantees for Ukraine.`).sort())
      .toEqual(['EU security_guarantees support', 'FR security_guarantees support', 'UK security_guarantees support']);
  });

  it('leaves a side the statement names as subject to itself', () => {
    expect(triples(`${heading}Russia rejected the ceasefire.`)).toEqual(['RU ceasefire oppose']);
  });
});

describe('a statement an article reports, its signatories named after it', () => {
  it('gives "they" and "the leaders" around the signature to the signatories', () => {
    const text = 'Talks on the war continued in Geneva on Sunday.\n'
      + 'In a joint statement, they said they backed the peace plan as a basis.\n'
      + 'The statement was signed by the leaders of France and Germany.';
    expect(triples(text).sort()).toEqual(['DE peace_plan support', 'FR peace_plan support']);
  });

  it('gives nothing for a document that is not signed by a tracked side', () => {
    expect(triples('In a joint statement, they said they backed the peace plan.\nThe statement was signed by the leaders of Italy and Spain.')).toEqual([]);
  });

  it('takes the list before the signing verb', () => {
    expect(triples('France and Britain issued a joint statement on Monday.\nThe leaders rejected any ceasefire that rewards aggression.').sort())
      .toEqual(['FR ceasefire oppose', 'UK ceasefire oppose']);
  });

  it('does not lend the signatories another body\'s statement', () => {
    const text = 'France and Britain issued a joint statement on Monday.\nThe statement released by the Italian government rejected the peace plan.';
    expect(triples(text)).toEqual([]);
  });
});

describe('a speech named in the opening lines', () => {
  it('gives its first person to the speaker when the text is the speech', () => {
    const text = "Zelensky's evening address to the nation\n"
      + 'Today I spoke with our partners.\nWe are grateful for every decision.\nI want to thank everyone who helps.\n'
      + 'We will never accept the withdrawal of our troops from Donbas.';
    expect(triples(text)).toContain('UA territorial_concessions oppose');
  });

  it('gives nothing when the article only reports the speech', () => {
    const text = "Zelensky's evening address drew attention in Kyiv.\nAnalysts said the war would go on.\nWe will never accept a ceasefire, one commentator wrote.";
    expect(triples(text)).not.toContain('UA ceasefire oppose');
  });
});

describe('a statement an article sets out over several paragraphs before naming its signatories', () => {
  it('reaches back to the paragraph that introduced it', () => {
    const text = 'A joint statement on the war was adopted on Saturday.\n'
      + 'The leaders welcomed the peace plan as a basis.\n'
      + 'Officials met in the afternoon.\n'
      + 'Journalists waited outside.\n'
      + 'The document is co-signed by President Macron and Chancellor Merz.';
    expect(triples(text).sort()).toEqual(['DE peace_plan support', 'FR peace_plan support']);
  });

  it('not past a statement introduced too long before', () => {
    const text = ['A joint statement on the war was adopted on Saturday.', 'The leaders welcomed the peace plan as a basis.',
      'One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.', 'Seven.', 'The document is co-signed by President Macron and Chancellor Merz.'].join('\n');
    expect(triples(text)).toEqual([]);
  });
});

describe('worry about a provision', () => {
  it('opposes it', () => {
    expect(triples('Kyiv is worried about the proposed cap on its army.')).toEqual(['UA army_limits oppose']);
    expect(triples('France said it was concerned about restrictions on Ukraine\'s armed forces.')).toEqual(['FR army_limits oppose']);
  });

  it('is not opposition to the talks, and a denied worry is no stance', () => {
    expect(triples('Trump is concerned about the stalled talks.')).toEqual([]);
    expect(triples('France is not concerned about the ceasefire.')).toEqual([]);
  });
});

describe('a speech introduced by "said X in an address"', () => {
  it('gives the first person that follows to the speaker', () => {
    const text = '"We continue to prepare for the summit," said President Zelensky in his nightly address to the nation.\n'
      + 'I wish you health!\nWe are not losing a single day.\nI thanked our partners today.\nWe will never accept a ceasefire that freezes the war.';
    expect(triples(text)).toContain('UA ceasefire oppose');
  });

  it('not when the speaker is only reported without a speech', () => {
    const text = '"We continue to prepare for the summit," said President Zelensky on Monday.\n'
      + 'I wish you health!\nWe are not losing a single day.\nI thanked our partners today.\nWe will never accept a ceasefire that freezes the war.';
    expect(triples(text)).not.toContain('UA ceasefire oppose');
  });
});

describe('a title between a reporting verb and its speaker', () => {
  it('"said President Zelensky" names the speaker', () => {
    expect(triples('"We will never give up Donbas," said President Zelensky on Monday.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('"We reject any ceasefire now," said Foreign Minister Lavrov.')).toEqual(['RU ceasefire oppose']);
  });
});
