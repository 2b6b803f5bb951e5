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

  it('does not take "adopted by" for a signature when no statement is named', () => {
    const found = triples('Sanctions adopted by France and Germany stay in place. They said the peace plan is a useful basis.');
    expect(found.filter((t) => t.startsWith('DE peace_plan'))).toEqual([]);
  });
});
