import { describe, expect, it } from 'vitest';
import { gated, tag } from './support/tagger.js';

describe('an off-topic article', () => {
  it('about climate talks that names Germany, China and the UK gets no records', () => {
    const text = [
      'Climate Talks Stall Over Coal Phase-Out',
      'Negotiators from Germany, China and the UK resumed talks in Bonn on Tuesday as the summit entered its final week.',
      'Germany welcomed the talks and said it was ready to back a new deal on emissions, while China rejected any binding targets.',
      '"We support an ambitious outcome," the British delegation said, calling the proposal a good basis for a final agreement.',
      'Beijing has refused to negotiate on coal until rich nations deliver the finance they promised.',
    ].join('\n');
    expect(tag(text, gated)).toEqual([]);
  });

  it('about car trade and tariffs gets no records', () => {
    const text = [
      'Carmakers brace for tariff talks',
      'Berlin urged Brussels to seek a deal with Washington on car tariffs, and London said it backed the talks.',
      'China opposed the new duties and offered negotiations, the ministry said. German officials called the sanctions on steel unacceptable.',
    ].join('\n');
    expect(tag(text, gated)).toEqual([]);
  });

  it('is told apart from an article on the negotiation', () => {
    const text = 'Kremlin rejects ceasefire offer\nThe Kremlin on Monday rejected a ceasefire proposed by Kyiv, saying Russia would keep fighting in Ukraine until its goals were met.';
    expect(tag(text, gated).map((r) => `${r.actor} ${r.term} ${r.stance}`)).toContain('RU ceasefire oppose');
  });
});
