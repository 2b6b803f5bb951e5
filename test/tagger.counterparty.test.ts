import { describe, expect, it } from 'vitest';
import { compileTracker } from '../src/core/tagger.js';
import { shippedTracker, triples } from './support/tagger.js';

// Which side sits across the table is a fact about the tracker (`counterparty: true` on an actor),
// not about English: the rules that need it read it from the tracker they are given.
describe("the tracker's counterparty", () => {
  const without = compileTracker({ ...shippedTracker, topic: undefined, actors: shippedTracker.actors.map((a) => ({ ...a, counterparty: undefined })) });
  const ukraineAcross = compileTracker({ ...shippedTracker, topic: undefined, actors: shippedTracker.actors.map((a) => ({ ...a, counterparty: a.id === 'UA' })) });

  it('makes a meeting set with it talks, and one between two other sides allies conferring', () => {
    expect(triples('Kyiv and Moscow will meet in Istanbul next week.')).toEqual(['RU negotiations support', 'UA negotiations support']);
    expect(triples('Kyiv and Moscow will meet in Istanbul next week.', without)).toEqual([]);
    expect(triples('Kyiv and Washington will meet in Geneva next week.')).toEqual([]);
    expect(triples('Kyiv and Washington will meet in Geneva next week.', ukraineAcross)).toEqual(['UA negotiations support', 'US negotiations support']);
  });

  it("makes its own proposal another plan: rejecting Putin's proposal is no stance on the plan on the table", () => {
    expect(triples("Ukraine rejected Putin's proposal.")).toEqual([]);
    expect(triples("Ukraine rejected Putin's proposal.", without)).toContain('UA peace_plan oppose');
  });
});
