// Tagger v12a: who holds a stance. "all parties" and "the three sides" as every side listed as the parties to talks;
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe('"all parties" after a list of the parties to talks', () => {
  it('credits every side listed after "between" with what "all parties" did', () => {
    const found = triples('The talks between Britain, France, and Germany ended in Rome on Friday, and all parties said they are ready to continue negotiations.');
    for (const side of ['UK', 'FR', 'DE']) expect(found).toContain(`${side} negotiations support`);
  });

  it('reads "the three countries" in the next sentence as the same list', () => {
    const found = triples('Envoys met for talks among Britain, France and Germany in Rome. The three countries back a ceasefire.');
    for (const side of ['UK', 'FR', 'DE']) expect(found).toContain(`${side} ceasefire support`);
  });

  it('does not reach a list three sentences back', () => {
    const found = triples('Envoys met for talks among Britain, France and Germany in Rome. The weather was cold. Hotels were full. Trains ran late. All parties back a ceasefire.');
    expect(found.filter((t) => t.startsWith('DE '))).toEqual([]);
  });

  it('keeps "all parties of the coalition" out', () => {
    const found = triples('Talks between Britain, France and Germany were held in Rome. All parties of the coalition back a ceasefire.');
    expect(found.filter((t) => t.startsWith('DE '))).toEqual([]);
  });
});

describe('an adverb inside the verb group', () => {
  it('reads "has long called for" as the subject\'s act, not "long" as a noun qualified by a participle', () => {
    expect(triples('Ukraine has long called for a ceasefire.')).toContain('UA ceasefire support');
    expect(triples('Moscow has long rejected the peace plan.')).toContain('RU peace_plan oppose');
    expect(triples('Kyiv has even backed a ceasefire.')).toContain('UA ceasefire support');
  });
});

describe("a side's own document as the subject", () => {
  it('credits the owner of "Ukraine\'s leaked memorandum calls for"', () => {
    expect(triples("Ukraine's leaked memorandum calls for a full ceasefire.")).toContain('UA ceasefire support');
    expect(triples('Russia’s memorandum also rejects a ceasefire.')).toContain('RU ceasefire oppose');
  });

  it('does not credit the owner of a noun that is no document', () => {
    expect(triples("Ukraine's position calls for a ceasefire.")).toEqual([]);
    expect(triples("Ukraine's Foreign Ministry memorandum calls for a ceasefire.").filter((t) => !t.startsWith('UA '))).toEqual([]);
  });
});

describe('"both sides" after talks between two sides', () => {
  it('reads "the two sides" as the two sides listed after "between"', () => {
    const found = triples('Erdogan hosted talks between Russia and Ukraine in Istanbul. The two sides agreed to continue negotiations.');
    expect(found).toContain('RU negotiations support');
    expect(found).toContain('UA negotiations support');
  });
});

describe('a listed side acting with an unlisted one', () => {
  it('credits the listed side of "Russia and Belarus rejected"', () => {
    expect(triples('Russia and Belarus rejected the peace plan.')).toContain('RU peace_plan oppose');
    expect(triples('On Monday, Ukraine and the Netherlands backed a ceasefire.')).toContain('UA ceasefire support');
  });

  it('does not credit a side that is an object before the unlisted name', () => {
    expect(triples('Putin met Trump and Lukashenko rejected the peace plan.')).toEqual([]);
  });
});

describe('"the delegations" after a pair named together', () => {
  it('reads "the delegations" as the last pair, not "the delegations of" another list', () => {
    const found = triples('Russia and Ukraine met in Istanbul. The delegations agreed to continue the talks.');
    expect(found).toEqual(['RU negotiations support', 'UA negotiations support']);
  });
});

describe('people "from" a side', () => {
  it('reads "officials from Ukraine" as Ukraine, as "leaders in Kyiv" is', () => {
    expect(triples('Officials from Ukraine rejected the peace plan.')).toContain('UA peace_plan oppose');
    expect(triples('Kyiv welcomed officials from Russia.')).toEqual([]);
  });

  it('reads "negotiators from all three countries" as every side of the last list of parties', () => {
    const found = triples('Talks between Russia, Ukraine and the US were held. Negotiators from all three countries agreed to continue the talks.');
    expect(found).toEqual(['RU negotiations support', 'UA negotiations support', 'US negotiations support']);
  });
});
