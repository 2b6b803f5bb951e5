// Tagger v13a: who holds a stance. Documents as the voice of their side, states resolved across an apposition;
// on sentences written for these tests.
import { describe, expect, it } from 'vitest';
import { triples } from './support/tagger.js';

describe("a side's document named by its demonym", () => {
  it('credits the side with what "the Ukrainian memorandum" calls for or rejects', () => {
    expect(triples('The Ukrainian memorandum calls for a full ceasefire.')).toContain('UA ceasefire support');
    expect(triples('Ukrainian memorandum calls for monitored ceasefire')).toContain('UA ceasefire support');
    expect(triples('The Russian leaked memorandum rejects a ceasefire.')).toContain('RU ceasefire oppose');
    expect(triples('A British statement backed the security guarantees.')).toContain('UK security_guarantees support');
  });

  it('does not make the side the subject when its document is an object or another noun', () => {
    expect(triples('Kyiv rejected the Russian memorandum.').filter((t) => t.startsWith('RU '))).toEqual([]);
    expect(triples('The Russian memorandum\'s authors rejected a ceasefire.').filter((t) => t.startsWith('RU '))).toEqual([]);
  });
});

describe('a state named before an apposition', () => {
  it('resolves "it" in the next sentence to the state whose verb follows the apposition', () => {
    const found = triples('Turkey, a NATO member with ties to both Moscow and Kyiv, has played a careful role. It has supplied defense aid to Ukraine.');
    expect(found).toContain('TR military_aid support');
  });

  it('does not resolve "it" when the comma after the state opens no apposition', () => {
    const found = triples('Turkey, Russia and Ukraine met in Istanbul on Friday. It has supplied defense aid to Ukraine.');
    expect(found).not.toContain('TR military_aid support');
  });
});
