// Quotes against scraped text whose characters differ from the model's copy but not its words:
// soft hyphens and zero-width characters inside words, decomposed accents (NFD), ligatures.
// The quote is found, and its offsets still cover whole words of the original.
import { describe, expect, it } from 'vitest';
import { findQuote, fold } from '../src/core/llm/verify.js';

const slice = (text: string, quote: string): string | undefined => {
  const m = findQuote(fold(text), quote);
  return 'start' in m ? text.slice(m.start, m.end) : undefined;
};

describe('finding a quote in scraped text', () => {
  it('reads through a soft hyphen or a zero-width space inside a word', () => {
    expect(slice('Kyiv wants nego\u00ADtiations to start.', 'Kyiv wants negotiations')).toBe('Kyiv wants nego\u00ADtiations');
    expect(slice('Kyiv wants negoti\u200Bations to start.', 'wants negotiations to')).toBe('wants negoti\u200Bations to');
  });

  it('matches an accent written as a combining mark (NFD) to the composed one, and keeps the mark in the slice', () => {
    const nfd = 'President Jose\u0301 Silva backs the truce.';
    expect(slice(nfd, 'President José Silva backs')).toBe('President Jose\u0301 Silva backs');
    expect(slice(nfd, 'the truce said President José')).toBeUndefined();
    expect(slice('They met President José.', 'They met President Jose\u0301')).toBe('They met President José');
    expect(slice('They met President Jose\u0301.', 'They met President José')).toBe('They met President Jose\u0301');
  });

  it('does not end a quote inside a word at a combining mark', () => {
    // 'e' + U+0301 + 'x' is one word: a quote ending at the mark is not at a word boundary.
    expect(slice('They met ae\u0301x today.', 'They met ae')).toBeUndefined();
  });

  it('reads a ligature as its letters', () => {
    expect(slice('The oﬃcial said Kyiv backs the truce.', 'official said Kyiv')).toBe('oﬃcial said Kyiv');
  });
});
