import { describe, expect, it } from 'vitest';
import { compileTracker } from '../src/core/tagger.js';
import { gated, shippedTracker, tag } from './support/tagger.js';

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

  it('that names Russia and Ukraine in passing gets no records', () => {
    const text = [
      'EU leaders agree 2040 climate target after all-night talks',
      'European Union leaders backed a new climate target on Thursday after marathon talks in Brussels.',
      'Germany and France welcomed the deal, while Hungary opposed it and Poland called it unacceptable.',
      'The agreement allows countries to buy international carbon credits.',
      'Energy prices, which rose sharply after Russia invaded Ukraine, weighed on the negotiations.',
      'Diplomats said the summit would return to the issue next year.',
      'Sweden and Denmark pushed for a tougher target.',
      'Italy said it supported the compromise.',
      'The Commission will now draft legislation.',
      'Industry groups said they were ready to negotiate on the details.',
      'Environmental groups criticised the deal as too weak.',
      'The European Parliament must still approve the target.',
      'Officials expect a vote early next year.',
    ].join('\n');
    expect(tag(text, gated)).toEqual([]);
  });

  // An energy or budget story on Russia and Ukraine passes the topic gate; its "plan" or "roadmap" is its own.
  const gasBan = [
    'EU agrees to end Russian gas imports by 2027',
    "EU ministers and the Parliament's negotiators on Tuesday backed the roadmap the Commission proposed in June to stop buying Russian gas.",
    'Moscow has used its gas to pressure Europe since it invaded Ukraine, the Commission said.',
    'Hungary rejected the plan, saying Russian supplies keep its prices low.',
    'Ukraine stopped the transit of Russian gas through its pipelines last year.',
    'Kyiv welcomed the deal.',
  ];

  it('on a gas ban whose "roadmap", "plan" and "deal" are the ban gets no plan record', () => {
    expect(tag(gasBan.join('\n'), gated).filter((r) => r.term === 'peace_plan')).toEqual([]);
  });

  it('keeps the bare plan noun once the article names the negotiation itself', () => {
    const text = [...gasBan, 'The move comes as Washington presses both sides to accept its peace proposal.'].join('\n');
    expect(tag(text, gated).map((r) => `${r.actor} ${r.term} ${r.stance}`)).toContain('HU peace_plan oppose');
  });

  it('keeps the bare plan noun under a tracker that names no process words', () => {
    const noProcess = compileTracker({ ...shippedTracker, topic: { ...shippedTracker.topic!, process: undefined } });
    expect(tag(gasBan.join('\n'), noProcess).map((r) => `${r.actor} ${r.term} ${r.stance}`)).toContain('HU peace_plan oppose');
  });

  it('is told apart from an article on the negotiation', () => {
    const text = 'Kremlin rejects ceasefire offer\nThe Kremlin on Monday rejected a ceasefire proposed by Kyiv, saying Russia would keep fighting in Ukraine until its goals were met.';
    expect(tag(text, gated).map((r) => `${r.actor} ${r.term} ${r.stance}`)).toContain('RU ceasefire oppose');
  });
});
