// Tagger v11b: what the stance is. Generic deals, peace efforts with the side as a modifier, meetings judged
// useful, and acts of meeting and talking, on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

const found = (text: string): string[] => triples(text);

describe('a generic deal ("any peace agreement")', () => {
  it('is not the plan on the table', () => {
    expect(found('Moscow said it would demand firm guarantees in any peace agreement.')).not.toContain('RU peace_plan support');
    expect(found('Zelensky plans a referendum to ratify any possible peace deal with Russia.')).not.toContain('UA peace_plan support');
    expect(found('Rutte said the guarantees must ensure that Russia will uphold any future deal.')).not.toContain('NATO peace_plan support');
  });

  it('leaves the plan named with a determiner or an owner', () => {
    expect(found('Zelensky rejected the peace deal.')).toContain('UA peace_plan oppose');
    expect(found("Moscow rejected Trump's peace plan on Monday.")).toContain('RU peace_plan oppose');
  });

  it('still lets a stance word reach the term the deal would involve', () => {
    expect(found('Zelensky has rejected any deal that involves ceding territory to Russia.')).toContain('UA territorial_concessions oppose');
  });
});
