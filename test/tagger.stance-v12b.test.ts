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
