// The hand-written scans of src/core/text.ts give exactly what the regular expressions they
// replaced gave: the same tokens at the same offsets, and the same normalised text, on sentences
// written for this test and on random strings of the characters where the two could part
// (letters, dots, apostrophes, hyphens, quotes, dashes, spaces of several kinds, other scripts,
// symbols), whole and in slices.
import { describe, expect, it } from 'vitest';
import { normalise, tokenize } from '../src/core/text.js';

const L = 'A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u04FF';
const REFERENCE_RE = new RegExp(`(?:[${L}]\\.){2,}|[${L}]+(?:['\\-][${L}]+)*|\\S`, 'g');

/** The tokenizer as it was, with the regular expression: [text, start] of each token. */
function reference(text: string, start = 0, end = text.length): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  REFERENCE_RE.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = REFERENCE_RE.exec(text)) !== null && m.index < end) {
    let word = m[0];
    const at = m.index;
    if (at + word.length > end) word = word.slice(0, end - at);
    if (word.length > 2 && (word.endsWith("'s") || word.endsWith("'S")) && word[0] !== "'") {
      out.push([word.slice(0, -2), at], ["'s", at + word.length - 2]);
    } else out.push([word, at]);
  }
  return out;
}

const NORMALISE_RE = /[\u2018\u2019\u201A\u201B\u2032`\u201C-\u201F\u00AB\u00BB\u2033\u2010-\u2013\u2015\u2212\u00A0\u2007\u2009\u200A\u202F\u2002\u2003\t\u200B\uFEFF\r\u2028\u2029]/g;
const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '`': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '\u2014', '\u2015': '\u2014', '\u2212': '-',
  '\u00A0': ' ', '\u2007': ' ', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u2002': ' ', '\u2003': ' ', '\t': ' ',
  '\u200B': ' ', '\uFEFF': ' ', '\r': '\n', '\u2028': '\n', '\u2029': '\n',
};
/** normalise as it was, with the regular expression. */
const normalisedBefore = (text: string): string => text.replace(NORMALISE_RE, (c) => QUOTE_MAP[c] ?? c);

const scanned = (text: string, start?: number, end?: number) => tokenize(text, start, end).map((t): [string, number] => [t.text, t.start]);

describe('the token scan', () => {
  it('splits our own sentences as the regular expression did', () => {
    for (const text of [
      "The U.S. and the U.K. said the cease-fire plan, e.g. the Kremlin's, was 'dead'.",
      'J. D. Vance met officials in Kyiv at 10.30 a.m.; U.S.A. and U.S officials — not all — agreed.',
      "Zelensky's aides' view: rock-'n'-roll -x x- a--b o'' 's ''s Ü.Ö. Ελλάδα's Київ-Москва",
      'Tabs\there, non\u00a0breaking\u2009thin\u3000wide\ufeffbom \u2028line \u1680ogham ok',
      '\ud83d\ude00 emoji, 中文 words, العربية, 3.5% and 1,000,000 $',
    ]) {
      expect(scanned(text)).toEqual(reference(text));
      expect(normalise(text)).toBe(normalisedBefore(text));
    }
  });

  it('agrees on random strings, whole and in slices', () => {
    const alphabet = ['a', 'B', 'z', '0', '9', '.', "'", '-', ' ', ' ', '\n', '\t', '\r', '\u00a0', '\u2003', '\u3000', 'é', 'Ω', 'Ж', 'ɏ', 'ʀ', '中', ',', '"',
      '\ud83d', 'S', 's', '\u2019', '\u201c', '\u201d', '\u00ab', '\u2013', '\u2014', '\u2212', '`', '\ufeff', '\u2028', '\u00aa', '\u2016'];
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: 1 + random(30) }, () => alphabet[random(alphabet.length)]).join('');
      expect(scanned(text)).toEqual(reference(text));
      expect(normalise(text)).toBe(normalisedBefore(text));
      // Words met before, in new places (the scan's cache of recent spellings).
      expect(scanned(text + text)).toEqual(reference(text + text));
      const start = random(text.length);
      const end = start + random(text.length - start + 1);
      expect(scanned(text, start, end)).toEqual(reference(text, start, end));
    }
  });
});
