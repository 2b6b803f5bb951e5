import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

// "will not cede territory": the affirming phrase ("cede territory") negated where it stands is a
// refusal by its subject. The tracker once also listed "not cede" / "never cede" as phrases of the
// opposite; matched first, they hid the negated phrase, and a bare refusal without a stance verb got
// no record at all ("Ukraine will not cede territory" did, "... not cede any territory" did).
describe('a refusal stated by negating the act in place', () => {
  it('credits the subject with opposing what it will not do, with or without an object after the noun', () => {
    expect(triples('Ukraine will not cede territory.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Kyiv will never cede land to Russia.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples("Zelensky said Ukraine won't cede Donbas.")).toEqual(['UA territorial_concessions oppose']);
  });

  it('credits the speaker of a reported refusal in the first or third person', () => {
    expect(triples('Zelensky has repeatedly said he would not cede territory to Moscow.')).toEqual(['UA territorial_concessions oppose']);
  });

  it('leaves demands, the opposite phrases and hedged futures as they were', () => {
    expect(triples('Russia demands that Ukraine cede territory.')).toEqual(['RU territorial_concessions support']);
    expect(triples('Ukraine insists on its territorial integrity.')).toEqual(['UA territorial_concessions oppose']);
    expect(triples('Trump said Ukraine might not have to cede territory.')).toEqual([]);
  });
});
