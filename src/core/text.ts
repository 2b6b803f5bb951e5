// Text: normalisation that keeps every character offset, sentence splitting,
// tokens with stems, and the spans of quoted speech. Pure and allocation-light:
// the tagger runs this once per document.
import { derivations, grammar, wordLists } from './lexicon/index.js';

export interface Token {
  /** As written (after normalisation of quotes and dashes). */
  readonly text: string;
  readonly lower: string;
  readonly stem: string;
  /** Offsets in the document text. */
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
  /** First character is an upper-case letter. */
  readonly capitalised: boolean;
  /**
   * A small number for this spelling, the same for every token written alike (-1 once the
   * cache of spellings is full): per-spelling caches (the phrase indexes) key on it.
   */
  readonly form: number;
}

/** How many spellings get a form number (Token.form is below this): the bound of per-spelling caches. */
export const MAX_FORMS = 200_000;

export interface Sentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** Paragraphs are separated by line breaks; headlines are paragraphs too. */
  readonly paragraph: number;
  readonly tokens: Token[];
}

const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '`': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  // Spaced or not, a long dash separates words; a short one joins them ("cease-fire").
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '\u2014', '\u2015': '\u2014', '\u2212': '-',
  '\u00A0': ' ', '\u2007': ' ', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u2002': ' ', '\u2003': ' ', '\t': ' ',
  '\u200B': ' ', '\uFEFF': ' ', '\r': '\n', '\u2028': '\n', '\u2029': '\n',
};
// QUOTE_MAP as character codes (0: kept as it is), for a scan that allocates only where it replaces.
const REPLACEMENT = new Uint16Array(0x10000);
for (const [from, to] of Object.entries(QUOTE_MAP)) REPLACEMENT[from.charCodeAt(0)] = to.charCodeAt(0);

/** Straight quotes, one hyphen and one long dash, plain spaces, one character for one: offsets stay valid. */
export function normalise(text: string): string {
  let parts: string[] | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Below U+00A0 only tab, carriage return and the backtick are replaced.
    if (c < 0xa0 && c !== 0x09 && c !== 0x0d && c !== 0x60) continue;
    const to = REPLACEMENT[c]!;
    if (to === 0) continue;
    (parts ??= []).push(text.slice(last, i), String.fromCharCode(to));
    last = i + 1;
  }
  if (parts === undefined) return text;
  parts.push(text.slice(last));
  return parts.join('');
}

// ---------------------------------------------------------------- stemming

const stemCache = new Map<string, string>();
const FUNCTION_WORDS = new Set(wordLists.functionWords);
const BRITISH_RE = /([a-z]{3})is(e|ed|es|ing|ation|ations)$/;

function stemUncached(lower: string): string {
  let w = derivations[lower] ?? lower;
  w = w.replace(BRITISH_RE, '$1iz$2');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  w = derivations[w] ?? w;
  if (w.endsWith('ization')) w = `${w.slice(0, -7)}ize`;
  let stripped = false;
  if (w.length >= 6 && w.endsWith('ing')) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.length >= 5 && w.endsWith('ed')) {
    w = w.slice(0, -2);
    stripped = true;
  }
  if (stripped && w.length > 3 && /([b-df-hj-kmnp-rtv-y])\1$/.test(w)) w = w.slice(0, -1);
  // "agreed" -> "agre" already lost the "e" of "agree": only "agreeing" -> "agree" drops one more.
  if (w.length > 3 && w.endsWith('e') && (!stripped || w.endsWith('ee'))) w = w.slice(0, -1);
  // "noted" must not meet "not": a stem that is a function word keeps a mark.
  if (w !== lower && FUNCTION_WORDS.has(w)) w = `${w}e`;
  return w;
}

/** A light stem shared by cues, lexicons and text: cede, ceded, ceding and cession meet. */
export function stem(word: string): string {
  return stemLower(word.toLowerCase());
}

function stemLower(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = stemUncached(lower);
    if (stemCache.size < 200_000) stemCache.set(lower, s);
  }
  return s;
}

// ---------------------------------------------------------------- tokens

// Dotted abbreviations (U.S., U.K.), words with inner hyphens/apostrophes, or one symbol: what
// /(?:[L]\.){2,}|[L]+(?:['\-][L]+)*|\S/g finds, scanned by hand over character codes (no match
// arrays), with L the explicit Latin, Greek and Cyrillic ranges below (several times faster than \p{L}).
const LETTER_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff],
];
const LETTER = new Uint8Array(0x500);
for (const [from, to] of LETTER_RANGES) LETTER.fill(1, from, to + 1);
const isLetter = (c: number): boolean => c < 0x500 && LETTER[c] === 1;
/** JavaScript's \s: what the scan skips between tokens. */
const isSpace = (c: number): boolean =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));

/** End of the token that starts at `i` (a character that is not a space). */
function tokenEnd(text: string, i: number): number {
  const n = text.length;
  // Two or more letter-and-dot pairs: "U.S.", "e.g.".
  let j = i;
  while (j + 1 < n && isLetter(text.charCodeAt(j)) && text.charCodeAt(j + 1) === 0x2e) j += 2;
  if (j - i >= 4) return j;
  if (!isLetter(text.charCodeAt(i))) return i + 1;
  j = i + 1;
  for (;;) {
    while (j < n && isLetter(text.charCodeAt(j))) j++;
    if (j + 1 >= n) return j;
    const c = text.charCodeAt(j);
    // An inner apostrophe or hyphen joins letters on both sides: "cease-fire", "Kremlin's".
    if ((c === 0x27 || c === 0x2d) && isLetter(text.charCodeAt(j + 1))) j += 2;
    else return j;
  }
}
const UPPER_RE = /^\p{Lu}/u;
const WORD_START_RE = /^[\p{L}\p{N}]/u;

/** What a token's text alone decides; one object per distinct text, shared by all its tokens. */
interface TokenShape {
  /** The spelling itself: tokens written alike share this string. */
  readonly text: string;
  readonly form: number;
  readonly lower: string;
  readonly stem: string;
  readonly isWord: boolean;
  readonly capitalised: boolean;
}

// A document repeats its words: one lookup gives the lower case, stem and classes a word had the
// first time, and the shared strings are cheap keys for the phrase indexes that look them up next.
const shapeCache = new Map<string, TokenShape>();

function shapeOf(text: string): TokenShape {
  let shape = shapeCache.get(text);
  if (shape === undefined) {
    const lower = text.toLowerCase();
    const c = text.charCodeAt(0);
    // ASCII fast path; other scripts ask the Unicode classes.
    const isWord = c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : WORD_START_RE.test(text);
    const capitalised = c < 128 ? c >= 65 && c <= 90 : UPPER_RE.test(text);
    const cached = shapeCache.size < MAX_FORMS;
    shape = { text, form: cached ? shapeCache.size : -1, lower, stem: isWord ? stemLower(lower) : lower, isWord, capitalised };
    if (cached) shapeCache.set(text, shape);
  }
  return shape;
}

function tokenOf(shape: TokenShape, start: number): Token {
  return { text: shape.text, lower: shape.lower, stem: shape.stem, start, end: start + shape.text.length, isWord: shape.isWord, capitalised: shape.capitalised, form: shape.form };
}

function makeToken(text: string, start: number): Token {
  return tokenOf(shapeOf(text), start);
}

// The last shape seen in each of 4,096 slots (by length and three characters): a word met again
// is recognised by comparing its characters in place, with no new string and no hash of one.
const RECENT: Array<TokenShape | undefined> = new Array(4096).fill(undefined);

/** The shape of text.slice(from, to). */
function shapeAt(text: string, from: number, to: number): TokenShape {
  const length = to - from;
  const slot = (length * 2531 + text.charCodeAt(from) * 31 + text.charCodeAt(to - 1) * 7 + (length > 2 ? text.charCodeAt(from + 1) : 0)) & 4095;
  const seen = RECENT[slot];
  if (seen !== undefined && seen.text.length === length) {
    const spelled = seen.text;
    let k = 0;
    while (k < length && spelled.charCodeAt(k) === text.charCodeAt(from + k)) k++;
    if (k === length) return seen;
  }
  const shape = shapeOf(text.slice(from, to));
  RECENT[slot] = shape;
  return shape;
}

/** Tokens of text.slice(start, end); "Kremlin's" gives "Kremlin" and "'s". */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let at = start;
  for (;;) {
    while (at < n && isSpace(text.charCodeAt(at))) at++;
    if (at >= n || at >= end) break;
    const next = tokenEnd(text, at);
    const stop = Math.min(next, end);
    const s = text.charCodeAt(stop - 1);
    if (stop - at > 2 && text.charCodeAt(stop - 2) === 0x27 && (s === 0x73 || s === 0x53) && text.charCodeAt(at) !== 0x27) {
      out.push(tokenOf(shapeAt(text, at, stop - 2), at));
      out.push(makeToken("'s", stop - 2));
    } else out.push(tokenOf(shapeAt(text, at, stop), at));
    at = next;
  }
  return out;
}

/**
 * The words of tokens[start, end) as the tagger quotes them, one space between:
 * what tokens.slice(start, end).map((t) => t.text).join(' ') gives, without the two arrays
 * (whose element kinds differ between V8's tiers and cost a deoptimisation at `join`).
 */
export function tokenText(tokens: readonly Token[], start: number, end: number): string {
  const stop = Math.min(end, tokens.length);
  if (start >= stop) return '';
  let out = tokens[start]!.text;
  for (let i = start + 1; i < stop; i++) out += ` ${tokens[i]!.text}`;
  return out;
}

/** tokenText in lower case: the key of a name in lower-case lookups. */
export function tokenLower(tokens: readonly Token[], start: number, end: number): string {
  const stop = Math.min(end, tokens.length);
  if (start >= stop) return '';
  let out = tokens[start]!.lower;
  for (let i = start + 1; i < stop; i++) out += ` ${tokens[i]!.lower}`;
  return out;
}

// ---------------------------------------------------------------- sentences

const abbreviations = new Set(grammar.abbreviations);
const SENTENCE_END = new Set(['.', '!', '?']);
const BREAK_RE = /[.!?\n]/g;
const CLOSERS = new Set(['"', "'", ')', ']']);
const FOOTNOTE_RE = /\[(?:\d{1,3}|[a-z])\]/y;
// Compiled once: esbuild (tsx, the CLI's bundle) turns a \p{...} literal into `new RegExp` at each use.
const WORD_CHAR_OR_DOT_RE = /[\p{L}.]/u;
const INITIAL_RE = /^\p{Lu}$/u;
const DOTTED_RE = /^(\p{L}\.)+\p{L}$/u;

function isAbbreviationBefore(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && WORD_CHAR_OR_DOT_RE.test(text[i]!)) i--;
  const word = text.slice(i + 1, dot);
  if (word.length === 0) return false;
  if (INITIAL_RE.test(word)) return true; // an initial: "J. D. Vance"
  if (DOTTED_RE.test(word)) return true; // U.S, e.g
  return abbreviations.has(word.toLowerCase());
}

/**
 * Sentences with offsets into the original text. A line break always ends a
 * sentence (headlines, paragraphs); ".", "!" or "?" end one when the next word
 * starts a new one, not after "U.S.", "Dec.", initials or inside "...!" he said.
 */
export function splitSentences(original: string): Sentence[] {
  const text = normalise(original);
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (from: number, to: number): void => {
    while (from < to && /\s/.test(text[from]!)) from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    if (to <= from) return;
    const tokens = tokenize(text, from, to);
    if (tokens.length === 0) return;
    sentences.push({ index: sentences.length, start: from, end: to, paragraph, tokens });
  };
  const n = text.length;
  BREAK_RE.lastIndex = 0;
  for (let found = BREAK_RE.exec(text); found !== null; found = BREAK_RE.exec(text)) {
    const i = found.index;
    const c = text[i]!;
    if (c === '\n') {
      push(start, i);
      start = i + 1;
      if (sentences.length > 0 && sentences[sentences.length - 1]!.paragraph === paragraph) paragraph++;
      continue;
    }
    if (!SENTENCE_END.has(c)) continue;
    let j = i + 1;
    while (j < n && (SENTENCE_END.has(text[j]!) || CLOSERS.has(text[j]!))) j++;
    // "... in Geneva.[3] The next ...": a footnote mark after the full stop belongs to this sentence.
    if (text[j] === '[') {
      FOOTNOTE_RE.lastIndex = j;
      const mark = FOOTNOTE_RE.exec(text);
      if (mark && mark.index === j) j += mark[0].length;
    }
    if (j < n && text[j] !== ' ' && text[j] !== '\n') continue;
    let k = j;
    while (k < n && text[k] === ' ') k++;
    if (k >= n || text[k] === '\n') {
      push(start, j);
      start = j;
      BREAK_RE.lastIndex = j;
      continue;
    }
    const next = text[k]!;
    const startsSentence = /[\p{Lu}\p{N}"'(\[]/u.test(next);
    if (!startsSentence) continue;
    if (c === '.' && j === i + 1 && isAbbreviationBefore(text, i)) continue;
    push(start, j);
    start = j;
    BREAK_RE.lastIndex = j;
  }
  push(start, n);
  return sentences;
}

// ---------------------------------------------------------------- quotes

export interface QuoteSpan {
  /** Offsets of the quoted words, without the quote marks. */
  readonly start: number;
  readonly end: number;
  /** Offsets of the marks (open may be missing: a quote that opens the paragraph unmarked). */
  readonly openAt: number;
  readonly closeAt: number;
}

/**
 * Double-quoted spans, paired within a paragraph. Curly quotes tell open from
 * close; a straight quote opens before a word and closes after one. A closing
 * mark with no opening one quotes from the paragraph start; an opening mark with
 * no close runs to the paragraph end (speech that runs on).
 */
export function quoteSpans(original: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let paraStart = 0;
  let open = -1;
  const n = original.length;
  for (let i = 0; i <= n; i++) {
    // Character codes: most characters are none of these, and a code costs no string.
    const c = i < n ? original.charCodeAt(i) : 0x0a;
    if (c === 0x0a) {
      if (open >= 0 && i - open > 1) spans.push({ start: open + 1, end: i, openAt: open, closeAt: -1 });
      open = -1;
      paraStart = i + 1;
      continue;
    }
    if (c !== 0x22 && c !== 0x201c && c !== 0x201e && c !== 0xab && c !== 0x201d && c !== 0xbb) continue;
    let kind: 'open' | 'close' | 'none' = 'none';
    if (c === 0x201c || c === 0x201e || c === 0xab) kind = 'open';
    else if (c === 0x201d || c === 0xbb) kind = 'close';
    else if (c === 0x22) {
      const before = i > 0 ? original[i - 1]! : ' ';
      kind = open >= 0 ? 'close' : /[\s(\[\u2014\u2013-]/.test(before) || i === paraStart ? 'open' : 'close';
    }
    if (kind === 'open') {
      if (open < 0) open = i;
    } else if (kind === 'close') {
      if (open >= 0) spans.push({ start: open + 1, end: i, openAt: open, closeAt: i });
      else spans.push({ start: paraStart, end: i, openAt: -1, closeAt: i });
      open = -1;
    }
  }
  return spans;
}
