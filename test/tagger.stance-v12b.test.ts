// Tagger v12b: what the stance is. Sanctions relief by its effect (SWIFT, world markets, the oil price cap),
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

const found = (text: string): string[] => triples(text);

describe('sanctions relief named by its effect', () => {
  it('reads reconnecting banks to SWIFT and restored market access as relief', () => {
    expect(found('Moscow demanded that its state banks be reconnected to SWIFT.')).toContain('RU sanctions_relief support');
    expect(found('Washington agreed to help Russia restore its access to the world market for grain.')).toContain('US sanctions_relief support');
    expect(found('The Kremlin wants to reconnect its largest lender to SWIFT.')).toContain('RU sanctions_relief support');
  });

  it('reads a lower price cap and disconnection from SWIFT as more pressure', () => {
    expect(found('The EU decided to lower the price cap on Russian crude.')).toContain('EU sanctions_relief oppose');
    expect(found('Brussels proposed to disconnect more Russian banks from SWIFT.')).toContain('EU sanctions_relief oppose');
  });

  it('gives nothing for SWIFT named without a reconnection', () => {
    expect(found('The bank uses SWIFT for its payments.')).toEqual([]);
  });
});

describe('talk acts: proposing a meeting, hosting or chairing talks, forming a negotiating team', () => {
  it('backs the talks for the side that proposes, hosts, chairs or forms', () => {
    expect(found('Kyiv proposed another meeting in late June.')).toContain('UA negotiations support');
    expect(found('Ankara hosted the talks on Friday.')).toContain('TR negotiations support');
    expect(found('Turkey chaired the second round of talks.')).toContain('TR negotiations support');
    expect(found('Ukraine has formed a new negotiating team.')).toContain('UA negotiations support');
  });

  it('gives nothing for a proposed meeting as a noun phrase', () => {
    expect(found('Russia rejected the proposed meeting.')).not.toContain('RU negotiations support');
  });
});

describe('a meeting characterised as useful', () => {
  it('backs the talks for whoever characterises it', () => {
    expect(found('The Kremlin characterized the talks as productive.')).toContain('RU negotiations support');
    expect(found('Peskov characterised the discussions as frank and constructive.')).toContain('RU negotiations support');
  });
});

describe('accession vocabulary', () => {
  it('reads EU aspirations, candidacy and an EU bid as accession', () => {
    expect(found('Orban vowed to block Ukraine\u2019s EU candidacy.')).toContain('HU eu_membership oppose');
    expect(found('Brussels backs Ukraine\u2019s EU bid.')).toContain('EU eu_membership support');
  });

  it('keeps "rejects X and affirms Y" each verb to its own object', () => {
    expect(found('Kyiv rejects imposed neutrality and affirms its right to EU and NATO aspirations.')).toEqual(
      expect.arrayContaining(['UA eu_membership support', 'UA nato_renunciation oppose']),
    );
    expect(found('Kyiv rejects imposed neutrality and affirms its right to EU and NATO aspirations.')).not.toContain('UA eu_membership oppose');
  });
});

describe('negotiating that is not talks on the war', () => {
  it('reads declining to negotiate in the media as no refusal', () => {
    expect(found('The minister declined to negotiate details in the media.')).not.toContain('US negotiations oppose');
    expect(found('Rubio said Washington refuses to negotiate in public.')).toEqual([]);
  });

  it('keeps a refusal to negotiate with the other side', () => {
    expect(found('Rubio said the US would not negotiate with Russia.')).toContain('US negotiations oppose');
  });

  it('reads accession negotiating clusters as no talks', () => {
    expect(found('Kyiv opened the first negotiating clusters with the EU.')).not.toContain('UA negotiations support');
  });
});

describe('army limits in the passive ("the armed forces will be limited to")', () => {
  it('reads a capped or limited army as the term in a plan list', () => {
    const text = 'Washington presented its plan.\nThe 28 points of the US plan:\n- The Ukrainian armed forces will be limited to 600,000 members.';
    expect(found(text)).toContain('US army_limits support');
    expect(found('The US plan says the army would be capped at 600,000 troops.')).toContain('US army_limits support');
  });
});

describe('a meeting held to formulate a framework of guarantees', () => {
  it('backs the term the framework is about', () => {
    expect(found('Shmyhal said the ministers met to formulate a framework of security guarantees.')).toContain('UA security_guarantees support');
  });

  it('gives nothing for elaborating on a term (explaining it)', () => {
    expect(found('Peskov elaborated on the ceasefire.')).toEqual([]);
  });
});

describe('a round of talks announced between the sides ("talks between A and B will be held")', () => {
  it('backs the talks for each side named, across the table', () => {
    expect(found('Negotiations between Russia and Ukraine are scheduled for Monday.')).toEqual(['RU negotiations support', 'UA negotiations support']);
    expect(found('Talks between Moscow and Kyiv could start next week.')).toEqual(['RU negotiations support', 'UA negotiations support']);
  });

  it('reads a summit ahead or upcoming, with a short place before "between", as announced', () => {
    expect(found('Starmer met Zelensky ahead of a summit in Alaska between Trump and Putin on Friday.')).toEqual(
      expect.arrayContaining(['RU negotiations support', 'US negotiations support']),
    );
    expect(found('The talks between Russia and Ukraine in Istanbul ended without a deal.')).toEqual([]);
  });

  it('gives nothing for allies conferring, a round held, or one that will not be held', () => {
    expect(found('Talks between Kyiv and Washington will be held in Geneva.')).toEqual([]);
    expect(found('Talks between Russia and Ukraine were held in Istanbul.')).toEqual([]);
    expect(found('Talks between Russia and Ukraine will not be held this month.')).toEqual([]);
  });
});

describe('reaching agreement on a term', () => {
  it('backs the term for the sides that reach it, with a share before "agreement"', () => {
    expect(found('Kyiv and Washington have reached 90 percent agreement on a plan to end the war.')).toEqual(['UA peace_plan support', 'US peace_plan support']);
  });

  it('gives nothing when the sides fail to reach it', () => {
    expect(found('The two sides failed to reach agreement on a ceasefire.')).toEqual([]);
  });
});

describe('peace efforts judged serious', () => {
  it('credits the side making serious, genuine or major efforts to end the war', () => {
    expect(found('Trump is making serious efforts to end this conflict, Putin said.')).toContain('US negotiations support');
    expect(found('Macron praised the genuine efforts of the US to end the war.')).not.toContain('FR negotiations oppose');
  });
});
