import { describe, expect, it } from 'vitest';
import { normalise, quoteSpans, splitSentences, stem } from '../src/core/text.js';

const sentencesOf = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('normalising text', () => {
  it('straightens quotes and dashes without moving any character', () => {
    const text = '“Kyiv’s envoy” – said—nothing\u00a0more';
    const out = normalise(text);
    expect(out).toHaveLength(text.length);
    expect(out).toBe('"Kyiv\'s envoy" \u2014 said\u2014nothing more');
  });
});

describe('splitting sentences', () => {
  it('gives offsets into the original text', () => {
    const text = '  “Talks resumed.” The envoy left.\r\nNext day ‘he’ returned!';
    for (const s of splitSentences(text)) {
      expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
      expect(s.tokens[0]!.start).toBe(s.start);
    }
    expect(sentencesOf(text)).toEqual(['“Talks resumed.”', 'The envoy left.', 'Next day ‘he’ returned!']);
  });

  it('does not split after U.S., titles, month abbreviations or initials', () => {
    const text = 'The U.S. envoy met Mr. Lavrov on Dec. 2 in Riyadh. J. D. Vance was not there. Talks end Jan. 5.';
    expect(sentencesOf(text)).toEqual([
      'The U.S. envoy met Mr. Lavrov on Dec. 2 in Riyadh.',
      'J. D. Vance was not there.',
      'Talks end Jan. 5.',
    ]);
  });

  it('keeps a quotation with its attribution when the next word is lower case', () => {
    expect(sentencesOf('"We will never give up!" he said. Then he left.')).toEqual(['"We will never give up!" he said.', 'Then he left.']);
  });

  it('ends a sentence at a line break: a headline is a sentence', () => {
    const s = splitSentences('Kremlin Rejects Truce Offer\nThe Kremlin said on Monday it would not stop.');
    expect(s).toHaveLength(2);
    expect(s[0]!.paragraph).toBe(0);
    expect(s[1]!.paragraph).toBe(1);
  });

  it('splits "Kremlin\'s" into the name and the possessive', () => {
    const [s] = splitSentences('The Kremlin’s terms.');
    expect(s!.tokens.map((t) => t.text)).toEqual(['The', 'Kremlin', "'s", 'terms', '.']);
  });
});

describe('stems', () => {
  it('meet across inflections and derivations', () => {
    expect(new Set(['cede', 'ceded', 'cedes', 'ceding', 'cession'].map(stem)).size).toBe(1);
    expect(new Set(['negotiate', 'negotiating', 'negotiations'].map(stem)).size).toBe(1);
    expect(new Set(['recognise', 'recognized', 'recognition'].map(stem)).size).toBe(1);
    expect(new Set(['demilitarisation', 'demilitarized', 'demilitarize'].map(stem)).size).toBe(1);
    expect(stem('added')).toBe(stem('add'));
    expect(stem('planned')).toBe(stem('plan'));
  });

  it('keep a content word apart from a function word', () => {
    expect(stem('noted')).not.toBe(stem('not'));
    expect(stem('note')).not.toBe(stem('not'));
  });
});

describe('quotations', () => {
  it('pair curly quotes and run an unclosed one to the paragraph end', () => {
    const text = '“We are ready,” he said. “Talks must go on.\nNext.';
    const spans = quoteSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['We are ready,', 'Talks must go on.']);
  });

  it('quote from the paragraph start when only the closing mark is there', () => {
    const text = 'We are always ready to talk,” Erdogan said.';
    expect(quoteSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(['We are always ready to talk,']);
  });
});

describe('stems of words ending in "ee"', () => {
  it('gives agree, agreed, agrees and agreeing one stem', () => {
    expect(new Set(['agree', 'agreed', 'agrees', 'agreeing'].map(stem)).size).toBe(1);
    expect(stem('guaranteed')).toBe(stem('guarantee'));
  });
});
