// Phrase matching over tokens: the one matcher behind aliases, cue phrases and
// lexicon entries. A phrase is words in order; "..." allows a short gap of any
// words, and an optional filler set lets determiners sit between words
// ("cede the territory", "limit ... army").
import { stem, tokenize, type Token } from './text.js';

interface WordPattern {
  readonly key: string;
  /** Acronyms and dotted names match only as written: "US" is not "us". */
  readonly exact?: string;
  /** "=talks": this form only, not other inflections ("talk about"). */
  readonly exactLower: boolean;
  /** Proper names match only when capitalised in the text. */
  readonly capital: boolean;
  /** Words of any kind allowed before this one ("..."), 0 for none. */
  readonly wildGap: number;
}

export interface Phrase<T> {
  readonly text: string;
  readonly words: readonly WordPattern[];
  readonly payload: T;
  /** Lookup key of the last word: a sentence without it cannot hold the phrase. */
  readonly lastKey: string;
}

export interface PhraseMatch<T> {
  readonly phrase: Phrase<T>;
  /** Token indexes, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** True when the words matched side by side, with no filler or gap. */
  readonly contiguous: boolean;
}

export interface PhraseOptions {
  /** Compare stems (inflections meet) or lower-case words (names). */
  by: 'stem' | 'lower';
  /** Apply the case rules for names: acronyms exact, capitalised words capitalised. */
  nameCase?: boolean;
  /** Words (lower case) that may sit between two words of a phrase, at most `fillerMax`. */
  fillers?: ReadonlySet<string>;
  fillerMax?: number;
}

const WILD_GAP = 6;
// Shared, never mutated: most tokens start no phrase. An emptied one-element array, not a literal `[]`:
// it has the element kind of the match lists (objects), so callers reading either see one array shape.
const NONE: never[] = [null as never];
NONE.length = 0;
const GAP_STOP = new Set([';', ':', '?', '!', '"', '(', ')', '.']);
const ACRONYM_RE = /^(?:\p{Lu}{2,}|(?:\p{L}\.)+\p{L}?\.?)$/u;

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  /** byFirst's lists, numbered: firstByForm holds 0 for not yet looked up, 1 for none, k + 2 for lists[k]. */
  private readonly lists: Phrase<T>[][] = [];
  /**
   * byFirst's answer per token spelling (Token.form): most tokens are looked up in many indexes.
   * Two bytes a spelling, so the indexes' tables stay in the processor's cache.
   */
  private firstByForm = new Uint16Array(0);
  private readonly fillers: ReadonlySet<string>;
  private readonly fillerMax: number;

  constructor(private readonly options: PhraseOptions) {
    this.fillers = options.fillers ?? new Set();
    this.fillerMax = options.fillerMax ?? 0;
  }

  add(text: string, payload: T): void {
    const words: WordPattern[] = [];
    let wild = 0;
    let exactForm = false;
    for (const token of tokenize(text.replace(/\u2026/g, '...'))) {
      if (token.text === '=') {
        exactForm = true;
        continue;
      }
      if (token.text === '.' && words.length > 0) {
        wild = WILD_GAP;
        continue;
      }
      if (token.text === '.') continue;
      const exact = this.options.nameCase !== false && ACRONYM_RE.test(token.text) ? token.text : undefined;
      words.push({
        key: this.options.by === 'stem' && !exactForm ? token.stem : token.lower,
        exactLower: exactForm,
        exact,
        capital: this.options.nameCase === true && token.capitalised,
        wildGap: words.length > 0 ? wild : 0,
      });
      wild = 0;
      exactForm = false;
    }
    if (words.length === 0) return;
    const last = words[words.length - 1]!;
    const phrase: Phrase<T> = { text, words, payload, lastKey: last.exactLower && this.options.by === 'stem' ? stem(last.key) : last.key };
    const first = words[0]!;
    const indexKey = first.exactLower && this.options.by === 'stem' ? stem(first.key) : first.key;
    const list = this.byFirst.get(indexKey);
    if (list) list.push(phrase);
    else {
      const created = [phrase];
      this.byFirst.set(indexKey, created);
      this.lists.push(created);
    }
    this.firstByForm = new Uint16Array(0);
  }

  /** The phrases whose first word's key is the token's, or undefined. */
  private startingWith(token: Token): Phrase<T>[] | undefined {
    const form = token.form;
    let memo = this.firstByForm;
    if (form >= 0 && form < memo.length) {
      const known = memo[form]!;
      if (known === 1) return undefined;
      if (known !== 0) return this.lists[known - 2];
    }
    const found = this.byFirst.get(this.key(token));
    if (form < 0 || this.lists.length > 0xfffd) return found;
    if (form >= memo.length) {
      const grown = new Uint16Array(Math.max(1024, 2 * (form + 1)));
      grown.set(memo);
      this.firstByForm = memo = grown;
    }
    memo[form] = found === undefined ? 1 : this.lists.indexOf(found) + 2;
    return found;
  }

  get size(): number {
    return this.byFirst.size;
  }

  private key(token: Token): string {
    return this.options.by === 'stem' ? token.stem : token.lower;
  }

  private wordMatches(word: WordPattern, token: Token): boolean {
    if (word.exact !== undefined) return token.text === word.exact;
    if (word.exactLower) return token.lower === word.key && (!word.capital || token.capitalised);
    if (word.key !== this.key(token)) return false;
    return !word.capital || token.capitalised;
  }

  /** Every phrase that starts at token i, longest first. */
  matchesAt(tokens: readonly Token[], i: number, present?: ReadonlySet<string>): readonly PhraseMatch<T>[] {
    const first = tokens[i];
    if (!first) return NONE;
    const candidates = this.startingWith(first);
    if (!candidates) return NONE;
    let out: PhraseMatch<T>[] | undefined;
    for (const phrase of candidates) {
      if (present !== undefined && phrase.words.length > 1 && !present.has(phrase.lastKey)) continue;
      if (!this.wordMatches(phrase.words[0]!, first)) continue;
      let at = i + 1;
      let contiguous = true;
      let ok = true;
      for (let w = 1; w < phrase.words.length && ok; w++) {
        const word = phrase.words[w]!;
        const maxGap = Math.max(word.wildGap, this.fillerMax);
        let found = -1;
        let quotes = 0;
        for (let g = 0; g - quotes <= maxGap && at + g < tokens.length; g++) {
          const tok = tokens[at + g]!;
          if (tok.text === '"' && quotes < 2) {
            quotes++; // 'remained "very optimistic" about': quote marks are transparent
            continue;
          }
          if (this.wordMatches(word, tok)) {
            found = at + g;
            break;
          }
          if (GAP_STOP.has(tok.text)) break;
          if (word.wildGap === 0 && !this.fillers.has(tok.lower)) break;
        }
        if (found < 0) ok = false;
        else {
          if (found !== at) contiguous = false;
          at = found + 1;
        }
      }
      if (ok) (out ??= []).push({ phrase, start: i, end: at, contiguous });
    }
    if (!out) return NONE;
    return out.length > 1 ? out.sort((a, b) => b.end - a.end) : out;
  }

  /** Whether some phrase could start at this token (a cheap test before matchesAt). */
  startsAt(token: Token): boolean {
    return this.startingWith(token) !== undefined;
  }

  /** Non-overlapping matches, scanning left to right and preferring the longest. */
  findAll(tokens: readonly Token[], present?: ReadonlySet<string>): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (this.startingWith(tokens[i]!) === undefined) continue;
      const best = this.matchesAt(tokens, i, present)[0];
      if (best) {
        out.push(best);
        i = best.end - 1;
      }
    }
    return out;
  }

  /** Every match at every position (overlaps allowed); callers resolve overlaps. */
  findEvery(tokens: readonly Token[], keys?: ReadonlySet<string>): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const byStem = this.options.by === 'stem';
    const present = keys ?? keySet(tokens, byStem);
    for (let i = 0; i < tokens.length; i++) {
      if (this.startingWith(tokens[i]!) === undefined) continue;
      const found = this.matchesAt(tokens, i, present);
      for (const m of found) out.push(m);
    }
    return out;
  }
}

/**
 * The keys (stems, or lower-case words) of a sentence's tokens: passed to findAll/findEvery,
 * a phrase whose last word is not among them is not tried.
 */
export function keySet(tokens: readonly Token[], byStem = true): Set<string> {
  const present = new Set<string>();
  for (const t of tokens) present.add(byStem ? t.stem : t.lower);
  return present;
}

/** A set of single words or phrases compared by stem, for membership tests. */
export function stemSet(words: readonly string[]): Set<string> {
  return new Set(words.map((w) => stem(w)));
}
