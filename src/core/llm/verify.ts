// Verification, the heart of the language-model tagger: a proposed record stands only on
// quotes that occur in the article. Quotes and text are compared after folding case, quote
// marks, dashes, other punctuation and white space (words must match one for one, in order);
// each quote found is located in the ORIGINAL text, so its evidence is the sentence(s) around
// it with their offsets, as the rules tagger gives them. Everything refused is counted by reason.
import type { Evidence, StanceRecord } from '../records.js';
import { splitSentences, type Sentence } from '../text.js';
import type { Stance, Tracker } from '../tracker.js';
import type { ProposedRecord } from './tool.js';

export const DROP_REASONS = [
  /** A record naming an actor id the tracker does not have. */
  'unknown-actor',
  'unknown-term',
  /** A stance label the tracker does not use. */
  'bad-stance',
  /** A record none of whose quotes is in the article. */
  'no-verified-quote',
  /** A second record for the same actor and term (merged into the first). */
  'duplicate',
  /** A quote whose words are not in the article. */
  'quote-not-found',
  /** A quote of fewer than MIN_QUOTE_WORDS words: too short to show anything. */
  'quote-too-short',
  /** A whole answer refused: no tool use, or input outside the schema or its caps. */
  'invalid-answer',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];
export type DropCounts = Partial<Record<DropReason, number>>;

export const MIN_QUOTE_WORDS = 3;
/** A verified record's confidence, times the share of its quotes found. */
export const MODEL_CONFIDENCE = 0.9;

export function countDrop(counts: DropCounts, reason: DropReason, n = 1): void {
  if (n > 0) counts[reason] = (counts[reason] ?? 0) + n;
}

export function addDrops(into: DropCounts, from: DropCounts): void {
  for (const [reason, n] of Object.entries(from)) countDrop(into, reason as DropReason, n);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Inside a word, not between words: combining marks (an NFD accent) and format characters (soft hyphen, zero-width space). */
const IN_WORD = /[\p{M}\p{Cf}]/u;

/** Text folded for matching, with each folded character's place in the original. */
export interface FoldedText {
  folded: string;
  /** folded[i] comes from original[from[i], to[i]). */
  from: number[];
  to: number[];
}

/**
 * Lower-case letters and digits, compatibility-decomposed without their marks (so 'é' and 'e'
 * + U+0301 both fold to 'e', 'ﬁ' to 'fi'); marks and format characters belong to the word they
 * are in; every run of anything else (quotes, dashes, punctuation, spaces) is one space.
 */
export function fold(text: string): FoldedText {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of text) {
    const end = i + ch.length;
    const letters = [...ch.normalize('NFKD').toLowerCase()].filter((c) => WORD_CHAR.test(c));
    if (letters.length) {
      for (const c of letters) {
        folded += c;
        from.push(i);
        to.push(end);
      }
    } else if (IN_WORD.test(ch)) {
      // Part of the character before it: a quote ending there ends after it.
      if (folded.length && folded[folded.length - 1] !== ' ') to[to.length - 1] = end;
    } else if (folded.length && folded[folded.length - 1] !== ' ') {
      folded += ' ';
      from.push(i);
      to.push(end);
    }
    i = end;
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    from.pop();
    to.pop();
  }
  return { folded, from, to };
}

export type QuoteMatch = { start: number; end: number } | { missing: 'quote-not-found' | 'quote-too-short' };

/**
 * Where a quote is in the text: offsets of its first and last word in the original, at word
 * boundaries; the first occurrence at or after `preferFrom` (the part of the article the
 * model read), else the first anywhere.
 */
export function findQuote(text: FoldedText, quote: string, preferFrom = 0): QuoteMatch {
  const q = fold(quote).folded;
  if (!q || q.split(' ').length < MIN_QUOTE_WORDS) return { missing: 'quote-too-short' };
  let first: { start: number; end: number } | undefined;
  for (let at = text.folded.indexOf(q); at >= 0; at = text.folded.indexOf(q, at + 1)) {
    const last = at + q.length - 1;
    if ((at > 0 && text.folded[at - 1] !== ' ') || (last + 1 < text.folded.length && text.folded[last + 1] !== ' ')) continue;
    const match = { start: text.from[at]!, end: text.to[last]! };
    if (match.start >= preferFrom) return match;
    first ??= match;
  }
  return first ?? { missing: 'quote-not-found' };
}

/** What verification makes of one proposed record before merging. */
interface Verified {
  actor: string;
  term: string;
  stance: Stance;
  confidence: number;
  evidence: Evidence[];
}

/** The article prepared once for every quote of every part. */
export interface VerifiableText {
  text: string;
  folded: FoldedText;
  sentences: Sentence[];
}

export function prepareText(text: string): VerifiableText {
  return { text, folded: fold(text), sentences: splitSentences(text) };
}

function evidenceFor(doc: VerifiableText, match: { start: number; end: number }, stance: Stance): Evidence {
  const covering = doc.sentences.filter((s) => s.start < match.end && match.start < s.end);
  const start = Math.min(match.start, covering[0]?.start ?? match.start);
  const end = Math.max(match.end, covering[covering.length - 1]?.end ?? match.end);
  return {
    sentence: doc.text.slice(start, end),
    start,
    end,
    cue: doc.text.slice(match.start, match.end),
    ...(stance === 'mixed' ? {} : { stance }),
    rule: 'model quote',
  };
}

/** Checks one answer's records against the tracker and the text; refused ones are counted in `drops`. */
export function verifyRecords(
  proposed: readonly ProposedRecord[],
  doc: VerifiableText,
  tracker: Tracker,
  drops: DropCounts,
  preferFrom = 0,
): Verified[] {
  const actors = new Set(tracker.actors.map((a) => a.id));
  const terms = new Set(tracker.terms.map((t) => t.id));
  const stances = new Set<string>(tracker.stances);
  const out: Verified[] = [];
  for (const r of proposed) {
    if (!actors.has(r.actor)) countDrop(drops, 'unknown-actor');
    else if (!terms.has(r.term)) countDrop(drops, 'unknown-term');
    else if (!stances.has(r.stance)) countDrop(drops, 'bad-stance');
    else {
      const stance = r.stance as Stance;
      const evidence: Evidence[] = [];
      for (const quote of r.quotes) {
        const match = findQuote(doc.folded, quote, preferFrom);
        if ('missing' in match) countDrop(drops, match.missing);
        else evidence.push(evidenceFor(doc, match, stance));
      }
      if (!evidence.length) countDrop(drops, 'no-verified-quote');
      else out.push({ actor: r.actor, term: r.term, stance, confidence: MODEL_CONFIDENCE * (evidence.length / r.quotes.length), evidence });
    }
  }
  return out;
}

/**
 * One record per (actor, term), as the rules tagger gives them: records that agree merge
 * their evidence, records that disagree make the stance `mixed`. Sorted in tracker order.
 */
export function mergeRecords(document: string, verified: readonly Verified[], tracker: Tracker, drops: DropCounts): StanceRecord[] {
  const groups = new Map<string, Verified[]>();
  for (const v of verified) {
    const key = `${v.actor}\t${v.term}`;
    const list = groups.get(key);
    if (list) list.push(v);
    else groups.set(key, [v]);
  }
  const actorOrder = new Map(tracker.actors.map((a, i) => [a.id, i]));
  const termOrder = new Map(tracker.terms.map((t, i) => [t.id, i]));
  const records: StanceRecord[] = [];
  for (const list of groups.values()) {
    countDrop(drops, 'duplicate', list.length - 1);
    const stances = new Set(list.map((v) => v.stance));
    const stance: Stance = stances.size === 1 ? list[0]!.stance : 'mixed';
    const evidence: Evidence[] = [];
    const seen = new Set<string>();
    for (const e of list.flatMap((v) => v.evidence)) {
      const key = `${e.start}:${e.end}:${e.cue}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push(e);
    }
    evidence.sort((a, b) => a.start - b.start);
    const confidence = Math.max(...list.map((v) => v.confidence)) * (stances.size === 1 ? 1 : 0.6);
    records.push({ document, actor: list[0]!.actor, term: list[0]!.term, stance, confidence: Math.round(confidence * 1000) / 1000, evidence });
  }
  return records.sort((x, y) => (actorOrder.get(x.actor) ?? 0) - (actorOrder.get(y.actor) ?? 0) || (termOrder.get(x.term) ?? 0) - (termOrder.get(y.term) ?? 0));
}
