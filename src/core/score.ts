// Scoring stance records against gold records, exactly as the shared folder's eval/score.mjs (../shared/eval/score.mjs)
// does: precision, recall and F1 over (document, actor, term, stance) triples and
// over (document, actor, term) pairs, stance accuracy on found pairs, and the errors.
import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { StanceSchema } from './tracker.js';

export const ScoredRecordSchema = z.object({
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
});
export type ScoredRecord = z.infer<typeof ScoredRecordSchema>;

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface Score {
  documents: number;
  gold: number;
  predicted: number;
  triple: Prf;
  pair: Prf;
  stanceAccuracy: number;
  /** Sorted lines: "missed ...", "spurious ...", "wrong stance ...". */
  errors: string[];
}

/** Parses JSON lines of records; `source` names the file in errors ("gold.jsonl:3: ..."). */
export function parseRecordLines(text: string, source: string): ScoredRecord[] {
  const out: ScoredRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ValidationError('not JSON', `${source}:${i + 1}`);
    }
    const parsed = ScoredRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${issue.path.join('.') || 'record'}: ${issue.message}`, `${source}:${i + 1}`);
    }
    out.push(parsed.data);
  });
  return out;
}

function keyed(records: readonly ScoredRecord[], source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    const key = `${r.document}\t${r.actor}\t${r.term}`;
    if (out.has(key)) throw new ValidationError(`duplicate record for ${r.document} ${r.actor} ${r.term}`, source);
    out.set(key, r.stance);
  }
  return out;
}

/** Precision, recall and F1 of `hits` right records among `predicted`, against `gold` records. */
function prf(hits: number, predicted: number, gold: number): Prf {
  const precision = predicted ? hits / predicted : 0;
  const recall = gold ? hits / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function score(goldRecords: readonly ScoredRecord[], predicted: readonly ScoredRecord[]): Score {
  const gold = keyed(goldRecords, 'gold');
  const pred = keyed(predicted, 'predictions');
  const docOf = (k: string): string => k.split('\t')[0]!;
  const docs = new Set([...gold.keys()].map(docOf));
  for (const k of pred.keys()) docs.add(docOf(k));
  let tripleHits = 0;
  let pairHits = 0;
  const errors: string[] = [];
  const show = (k: string): string => k.replaceAll('\t', ' ');
  for (const [k, s] of pred) {
    if (gold.has(k)) {
      pairHits++;
      if (gold.get(k) === s) tripleHits++;
      else errors.push(`wrong stance  ${show(k)}: said ${s}, gold ${gold.get(k)}`);
    } else errors.push(`spurious      ${show(k)}: said ${s}`);
  }
  for (const [k, s] of gold) if (!pred.has(k)) errors.push(`missed        ${show(k)}: gold ${s}`);
  return {
    documents: docs.size, gold: gold.size, predicted: pred.size,
    triple: prf(tripleHits, pred.size, gold.size), pair: prf(pairHits, pred.size, gold.size),
    stanceAccuracy: pairHits ? tripleHits / pairHits : 0,
    errors: errors.sort(),
  };
}

/** One row of scoreBy: the records of one term (or actor) and their triple figures. */
export interface ScoreRow {
  key: string;
  gold: number;
  predicted: number;
  right: number;
  triple: Prf;
}

/**
 * Triple precision, recall and F1 for each term or each actor, from the same records as score():
 * a record counts for the row of its term (actor), rows sorted by the gold count, largest first.
 */
export function scoreBy(goldRecords: readonly ScoredRecord[], predicted: readonly ScoredRecord[], by: 'term' | 'actor'): ScoreRow[] {
  const gold = keyed(goldRecords, 'gold');
  const pred = keyed(predicted, 'predictions');
  const rows = new Map<string, { gold: number; predicted: number; right: number }>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { gold: 0, predicted: 0, right: 0 }));
    return r;
  };
  const field = by === 'actor' ? 1 : 2;
  for (const k of gold.keys()) row(k.split('\t')[field]!).gold++;
  for (const [k, s] of pred) {
    const r = row(k.split('\t')[field]!);
    r.predicted++;
    if (gold.get(k) === s) r.right++;
  }
  return [...rows].map(([key, r]) => ({ key, ...r, triple: prf(r.right, r.predicted, r.gold) })).sort((a, b) => b.gold - a.gold || b.predicted - a.predicted || a.key.localeCompare(b.key));
}

/** scoreBy as a table: a header, then a line per row. */
export function formatScoreBy(rows: readonly ScoreRow[], by: 'term' | 'actor'): string[] {
  const f = (x: number): string => x.toFixed(3);
  const title = `by ${by}`;
  const width = Math.max(title.length, ...rows.map((r) => r.key.length)) + 2;
  const line = (cells: readonly string[]): string => cells[0]!.padEnd(width) + cells.slice(1).map((c) => c.padStart(11)).join('');
  return [line([title, 'gold', 'predicted', 'right', 'triple P', 'R', 'F1']),
    ...rows.map((r) => line([r.key, String(r.gold), String(r.predicted), String(r.right), f(r.triple.precision), f(r.triple.recall), f(r.triple.f1)]))];
}

/** The summary lines score.mjs prints. */
export function formatScore(result: Score): string[] {
  const f = (x: number): string => x.toFixed(3);
  return [
    `documents ${result.documents}  gold ${result.gold}  predicted ${result.predicted}`,
    `pair    P ${f(result.pair.precision)}  R ${f(result.pair.recall)}  F1 ${f(result.pair.f1)}`,
    `triple  P ${f(result.triple.precision)}  R ${f(result.triple.recall)}  F1 ${f(result.triple.f1)}`,
    `stance accuracy on found pairs ${f(result.stanceAccuracy)}`,
    `triple F1 ${f(result.triple.f1)}`,
  ];
}
