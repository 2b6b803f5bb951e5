// Phrase matching over tokens: the one matcher behind aliases, cue phrases and
// lexicon entries. A phrase is words in order; "..." allows a short gap of any
// words, and an optional filler set lets determiners sit between words
// ("cede the territory", "limit ... army").
import { wordLists } from './lexicon/index.js';
import { MAX_FORMS, stem, tokenize, type Token } from './text.js';

interface WordPattern {
  readonly key: string;
  /** Acronyms and dotted names match only as written: "US" is not "us". */
  readonly exact?: string;
  /**
   * An acronym of four letters or more also as a name ("Nato", the house style of British papers
   * and wires): a word that long is no everyday word written with a capital ("Us" at a sentence's start is).
   */
  readonly exactTitle?: string;
  /** "=talks": this form only, not other inflections ("talk about"). */
  readonly exactLower: boolean;
  /** Proper names match only when capitalised in the text. */
  readonly capital: boolean;
  /** Words of any kind allowed before this one ("..."), 0 for none. */
  readonly wildGap: number;
  /** How many words may sit before this one: the wild gap or the index's fillers, whichever allows more. */
  readonly maxGap: number;
}

export interface Phrase<T> {
  readonly text: string;
  readonly words: readonly WordPattern[];
  readonly payload: T;
  /** Lookup key of the last word: a sentence without it cannot hold the phrase. */
  readonly lastKey: string;
  /**
   * Whether a token found under the first word's key may still fail it (an acronym, "=form" or
   * capital): otherwise the index lookup has already matched the first word.
   */
  readonly firstNeedsTest: boolean;
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
const LONG_ACRONYM_RE = /^\p{Lu}{4,}$/u;
/** Long acronyms that are English words too ("SWIFT", "START"): written as a name they are the word ("Swift progress"). */
const ACRONYMS_ALSO_WORDS = new Set(wordLists.acronymsAlsoWords);

/**
 * The indexes' first-word lookups per token spelling, shared: a row per spelling (Token.form), a
 * column per index, FIRSTS_WIDTH indexes a table. A token is looked up in a dozen indexes one after
 * another, and its row holds their answers in one cache line (a table per index put each in another).
 * Two bytes an answer: 0 not yet looked up, 1 none, k + 2 the index's lists[k].
 */
const FIRSTS_WIDTH = 32;
interface FirstsTable {
  rows: Uint16Array;
  columnsTaken: number;
}
let openTable: FirstsTable = { rows: new Uint16Array(0), columnsTaken: 0 };

function takeColumn(): { table: FirstsTable; column: number } {
  if (openTable.columnsTaken === FIRSTS_WIDTH) openTable = { rows: new Uint16Array(0), columnsTaken: 0 };
  return { table: openTable, column: openTable.columnsTaken++ };
}

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Phrase<T>[]>();
  /** byFirst's lists, numbered for the shared table of first-word lookups. */
  private readonly lists: Phrase<T>[][] = [];
  private readonly firsts: FirstsTable;
  private readonly column: number;
  /** Whether this index has answers in the shared table (an add() then forgets them). */
  private remembered = false;
  private readonly fillers: ReadonlySet<string>;
  private readonly fillerMax: number;
  private readonly byStem: boolean;

  constructor(private readonly options: PhraseOptions) {
    this.fillers = options.fillers ?? new Set();
    this.fillerMax = options.fillerMax ?? 0;
    this.byStem = options.by === 'stem';
    const { table, column } = takeColumn();
    this.firsts = table;
    this.column = column;
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
      const exactTitle = exact !== undefined && LONG_ACRONYM_RE.test(exact) && !ACRONYMS_ALSO_WORDS.has(exact) ? `${exact[0]}${exact.slice(1).toLowerCase()}` : undefined;
      const wildGap = words.length > 0 ? wild : 0;
      words.push({
        key: this.options.by === 'stem' && !exactForm ? token.stem : token.lower,
        exactLower: exactForm,
        exact,
        exactTitle,
        capital: this.options.nameCase === true && token.capitalised,
        wildGap,
        maxGap: Math.max(wildGap, this.fillerMax),
      });
      wild = 0;
      exactForm = false;
    }
    if (words.length === 0) return;
    const last = words[words.length - 1]!;
    const first = words[0]!;
    const phrase: Phrase<T> = {
      text, words, payload,
      lastKey: last.exactLower && this.options.by === 'stem' ? stem(last.key) : last.key,
      firstNeedsTest: first.exact !== undefined || first.exactLower || first.capital,
    };
    const indexKey = first.exactLower && this.options.by === 'stem' ? stem(first.key) : first.key;
    const list = this.byFirst.get(indexKey);
    if (list) list.push(phrase);
    else {
      const created = [phrase];
      this.byFirst.set(indexKey, created);
      this.lists.push(created);
    }
    if (this.remembered) {
      const rows = this.firsts.rows;
      for (let at = this.column; at < rows.length; at += FIRSTS_WIDTH) rows[at] = 0;
      this.remembered = false;
    }
  }

  /** The phrases whose first word's key is the token's, or undefined. */
  private startingWith(token: Token): Phrase<T>[] | undefined {
    const form = token.form;
    const at = form * FIRSTS_WIDTH + this.column;
    let rows = this.firsts.rows;
    if (form >= 0 && at < rows.length) {
      const known = rows[at]!;
      if (known === 1) return undefined;
      if (known !== 0) return this.lists[known - 2];
    }
    const found = this.byFirst.get(this.key(token));
    if (form < 0 || this.lists.length > 0xfffd) return found;
    if (at >= rows.length) {
      const grown = new Uint16Array(FIRSTS_WIDTH * Math.min(MAX_FORMS, Math.max(1024, form + 1 + (form >> 1))));
      grown.set(rows);
      this.firsts.rows = rows = grown;
    }
    rows[at] = found === undefined ? 1 : this.lists.indexOf(found) + 2;
    this.remembered = true;
    return found;
  }

  get size(): number {
    return this.byFirst.size;
  }

  private key(token: Token): string {
    return this.byStem ? token.stem : token.lower;
  }

  private wordMatches(word: WordPattern, token: Token): boolean {
    if (word.exact !== undefined) return token.text === word.exact || (word.exactTitle !== undefined && token.text === word.exactTitle);
    if (word.exactLower) return token.lower === word.key && (!word.capital || token.capitalised);
    if (word.key !== this.key(token)) return false;
    return !word.capital || token.capitalised;
  }

  /** Every phrase that starts at token i, longest first. */
  matchesAt(tokens: readonly Token[], i: number, present?: ReadonlySet<string>): readonly PhraseMatch<T>[] {
    const first = tokens[i];
    if (!first) return NONE;
    // startingWith read in place where the shared table knows the answer, as in findAll.
    const rows = this.firsts.rows;
    const at = first.form * FIRSTS_WIDTH + this.column;
    const known = first.form >= 0 && at < rows.length ? rows[at]! : 0;
    if (known === 1) return NONE;
    const candidates = known !== 0 ? this.lists[known - 2] : this.startingWith(first);
    if (!candidates) return NONE;
    return this.matchesOf(candidates, tokens, i, present);
  }

  /** matchesAt once the phrases starting with token i's key are known. */
  private matchesOf(candidates: readonly Phrase<T>[], tokens: readonly Token[], i: number, present: ReadonlySet<string> | undefined): readonly PhraseMatch<T>[] {
    const first = tokens[i]!;
    let out: PhraseMatch<T>[] | undefined;
    for (let c = 0; c < candidates.length; c++) {
      const phrase = candidates[c]!;
      const words = phrase.words;
      if (present !== undefined && words.length > 1 && !present.has(phrase.lastKey)) continue;
      if (phrase.firstNeedsTest && !this.wordMatches(words[0]!, first)) continue;
      let at = i + 1;
      let contiguous = true;
      let ok = true;
      for (let w = 1; w < words.length && ok; w++) {
        const word = words[w]!;
        const maxGap = word.maxGap;
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
    // startingWith read in place where the shared table knows the answer (most tokens): a call less per token.
    const rows = this.firsts.rows;
    for (let i = 0; i < tokens.length; i++) {
      const form = tokens[i]!.form;
      const at = form * FIRSTS_WIDTH + this.column;
      const known = form >= 0 && at < rows.length ? rows[at]! : 0;
      if (known === 1) continue;
      const candidates = known !== 0 ? this.lists[known - 2] : this.startingWith(tokens[i]!);
      if (candidates === undefined) continue;
      const best = this.matchesOf(candidates, tokens, i, present)[0];
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
    // startingWith read in place where the shared table knows the answer (most tokens): a call less per token.
    const rows = this.firsts.rows;
    for (let i = 0; i < tokens.length; i++) {
      const form = tokens[i]!.form;
      const at = form * FIRSTS_WIDTH + this.column;
      const known = form >= 0 && at < rows.length ? rows[at]! : 0;
      if (known === 1) continue;
      const candidates = known !== 0 ? this.lists[known - 2] : this.startingWith(tokens[i]!);
      if (candidates === undefined) continue;
      const found = this.matchesOf(candidates, tokens, i, present);
      for (let k = 0; k < found.length; k++) out.push(found[k]!);
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
