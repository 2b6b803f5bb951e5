// What an analyst computes from stance records: the congruence network of discourse
// network analysis (who takes the same stance on the same term as whom) and the cells
// whose latest stance differs from the one before. Pure: no I/O, no AWS.
import type { Stance } from './tracker.js';

/** The fields of a stance record these functions read (a stored record has them all). */
export interface DatedRecord {
  document: string;
  actor: string;
  term: string;
  stance: Stance;
  publishedAt: string;
}

/** An inclusive window of ISO-8601 UTC times; a bound that is absent is open. */
export interface TimeWindow {
  from?: string | undefined;
  to?: string | undefined;
}

export function inWindow(at: string, window: TimeWindow): boolean {
  return (window.from === undefined || at >= window.from) && (window.to === undefined || at <= window.to);
}

export interface AlignmentPair {
  /** The two actors, `a` before `b` in the order the actors were given. */
  a: string;
  b: string;
  /** Terms on which both took a stance in the window. */
  sharedTerms: number;
  /** Of those, the terms on which they took at least one stance in common. */
  agreeingTerms: number;
  /**
   * The congruence weight of discourse network analysis: how many (term, stance)
   * combinations both expressed. Equals agreeingTerms unless an actor took two stances on one term.
   */
  congruence: number;
  /** Terms where one supported and the other opposed (the conflict network's weight). */
  conflict: number;
  /** agreeingTerms / sharedTerms: how often they side with each other where both spoke. */
  agreement: number;
  /** Per shared term, the stances each took. */
  terms: Array<{ term: string; a: Stance[]; b: Stance[] }>;
}

const STANCE_ORDER: Stance[] = ['support', 'oppose', 'mixed'];

/**
 * Every pair of actors that took a stance on at least one common term in the window, most
 * agreeing first (by agreement, then congruence, then the actors' order).
 * `actors` fixes the order of pairs and names; records of other actors are ignored.
 */
export function alignment(records: readonly DatedRecord[], actors: readonly string[], window: TimeWindow = {}): AlignmentPair[] {
  const rank = new Map(actors.map((a, i) => [a, i]));
  // actor -> term -> stances
  const held = new Map<string, Map<string, Set<Stance>>>();
  for (const r of records) {
    if (!rank.has(r.actor) || !inWindow(r.publishedAt, window)) continue;
    let terms = held.get(r.actor);
    if (!terms) held.set(r.actor, (terms = new Map()));
    let stances = terms.get(r.term);
    if (!stances) terms.set(r.term, (stances = new Set()));
    stances.add(r.stance);
  }
  const speakers = [...held.keys()].sort((x, y) => rank.get(x)! - rank.get(y)!);
  const pairs: AlignmentPair[] = [];
  for (let i = 0; i < speakers.length; i++) {
    for (let j = i + 1; j < speakers.length; j++) {
      const a = speakers[i]!;
      const b = speakers[j]!;
      const ta = held.get(a)!;
      const tb = held.get(b)!;
      const pair: AlignmentPair = { a, b, sharedTerms: 0, agreeingTerms: 0, congruence: 0, conflict: 0, agreement: 0, terms: [] };
      for (const [term, sa] of ta) {
        const sb = tb.get(term);
        if (!sb) continue;
        pair.sharedTerms++;
        const common = [...sa].filter((s) => sb.has(s)).length;
        pair.congruence += common;
        if (common > 0) pair.agreeingTerms++;
        if ((sa.has('support') && sb.has('oppose')) || (sa.has('oppose') && sb.has('support'))) pair.conflict++;
        pair.terms.push({ term, a: STANCE_ORDER.filter((s) => sa.has(s)), b: STANCE_ORDER.filter((s) => sb.has(s)) });
      }
      if (!pair.sharedTerms) continue;
      pair.agreement = Math.round((pair.agreeingTerms / pair.sharedTerms) * 1000) / 1000;
      pair.terms.sort((x, y) => x.term.localeCompare(y.term));
      pairs.push(pair);
    }
  }
  return pairs.sort(
    (x, y) =>
      y.agreement - x.agreement ||
      y.congruence - x.congruence ||
      rank.get(x.a)! - rank.get(y.a)! ||
      rank.get(x.b)! - rank.get(y.b)!,
  );
}

/** One document's stance in a cell's history. */
export interface CellEntry {
  at: string;
  document: string;
  stance: Stance;
}

export interface StanceChange {
  actor: string;
  term: string;
  latest: CellEntry;
  previous: CellEntry;
}

/** Newest first; documents of the same moment in a fixed order. */
export const newestFirst = (x: CellEntry, y: CellEntry) => (x.at === y.at ? y.document.localeCompare(x.document) : y.at.localeCompare(x.at));

/**
 * The change of one cell: its newest entry in the window against the newest one published
 * before it in the window, when their stances differ. Documents of the same moment have no
 * order, so an entry as old as the latest is not "before" it.
 */
export function cellChange(actor: string, term: string, entries: readonly CellEntry[], window: TimeWindow = {}): StanceChange | undefined {
  const inside = entries.filter((e) => inWindow(e.at, window)).sort(newestFirst);
  const latest = inside[0];
  const previous = latest && inside.find((e) => e.at < latest.at);
  if (!latest || !previous || latest.stance === previous.stance) return undefined;
  return { actor, term, latest, previous };
}

/** Every cell whose latest stance in the window differs from the one before, newest change first. */
export function changes(records: readonly DatedRecord[], window: TimeWindow = {}): StanceChange[] {
  const cells = new Map<string, { actor: string; term: string; entries: CellEntry[] }>();
  for (const r of records) {
    const key = `${r.actor}\u0000${r.term}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { actor: r.actor, term: r.term, entries: [] }));
    cell.entries.push({ at: r.publishedAt, document: r.document, stance: r.stance });
  }
  const found: StanceChange[] = [];
  for (const cell of cells.values()) {
    const change = cellChange(cell.actor, cell.term, cell.entries, window);
    if (change) found.push(change);
  }
  return found.sort((x, y) => newestFirst(x.latest, y.latest) || x.actor.localeCompare(y.actor) || x.term.localeCompare(y.term));
}

/** Net stance of a cell in [-1, 1]: (support - oppose) / total; mixed records pull towards 0. */
export function netStance(counts: { support: number; oppose: number; total: number }): number {
  return counts.total ? (counts.support - counts.oppose) / counts.total : 0;
}
