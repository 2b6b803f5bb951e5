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

/** A predicted record as calibration reads it: its triple, its confidence and how many sentences show it. */
export interface CalibratedRecord extends ScoredRecord {
  confidence: number;
  evidence: readonly unknown[];
}

/** One row of calibration(): the predicted records of one confidence band (or evidence count) and how many are right. */
export interface CalibrationRow {
  key: string;
  predicted: number;
  right: number;
  wrongStance: number;
  spurious: number;
  precision: number;
  /** The rows' mean confidence: against precision, how far the confidence is from what it claims. */
  meanConfidence: number;
}

/** Confidence bands, low edge included: what a user filtering on confidence cuts at. */
const CONFIDENCE_BANDS = [0, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * What a record's confidence and its evidence count are worth: for each confidence band and each
 * number of evidence sentences (1, 2, 3 or more), how many predicted records are right (triple),
 * right but for the stance, or not in the gold at all. On text no rule was written from, this is
 * what a user can expect of a record with that confidence.
 */
export function calibration(goldRecords: readonly ScoredRecord[], predicted: readonly CalibratedRecord[]): { byConfidence: CalibrationRow[]; byEvidence: CalibrationRow[]; brier: number } {
  const gold = keyed(goldRecords, 'gold');
  keyed(predicted, 'predictions');
  const tally = (keyOf: (r: CalibratedRecord) => string, keys: readonly string[]): CalibrationRow[] => {
    const rows = new Map(keys.map((key) => [key, { key, predicted: 0, right: 0, wrongStance: 0, spurious: 0, precision: 0, meanConfidence: 0 }]));
    for (const r of predicted) {
      const row = rows.get(keyOf(r))!;
      const g = gold.get(`${r.document}\t${r.actor}\t${r.term}`);
      row.predicted++;
      row.meanConfidence += r.confidence;
      if (g === undefined) row.spurious++;
      else if (g === r.stance) row.right++;
      else row.wrongStance++;
    }
    return [...rows.values()].map((row) => ({ ...row, precision: row.predicted ? row.right / row.predicted : 0, meanConfidence: row.predicted ? row.meanConfidence / row.predicted : 0 }));
  };
  const band = (c: number): string => {
    let k = 0;
    while (k + 1 < CONFIDENCE_BANDS.length && c >= CONFIDENCE_BANDS[k + 1]!) k++;
    const low = CONFIDENCE_BANDS[k]!;
    const high = CONFIDENCE_BANDS[k + 1];
    return high === undefined ? `>= ${low.toFixed(1)}` : `${low.toFixed(1)}-${high.toFixed(1)}`;
  };
  const bandKeys = CONFIDENCE_BANDS.map((_, k) => band(CONFIDENCE_BANDS[k]!));
  return {
    byConfidence: tally((r) => band(r.confidence), bandKeys),
    byEvidence: tally((r) => (r.evidence.length >= 3 ? '3 or more' : String(r.evidence.length)), ['1', '2', '3 or more']),
    // The mean squared gap between a record's confidence and 1 (right) or 0 (not): 0 is perfect.
    brier: predicted.length ? predicted.reduce((sum, r) => sum + (r.confidence - (gold.get(`${r.document}\t${r.actor}\t${r.term}`) === r.stance ? 1 : 0)) ** 2, 0) / predicted.length : 0,
  };
}

/** calibration() as two tables. */
export function formatCalibration(result: ReturnType<typeof calibration>): string[] {
  const line = (cells: readonly string[]): string => cells[0]!.padEnd(20) + cells.slice(1).map((c) => c.padStart(13)).join('');
  const table = (title: string, rows: readonly CalibrationRow[]): string[] => [
    line([title, 'predicted', 'right', 'wrong stance', 'spurious', 'triple P', 'mean conf.']),
    ...rows.map((r) => line([r.key, String(r.predicted), String(r.right), String(r.wrongStance), String(r.spurious), r.predicted ? r.precision.toFixed(3) : '-', r.predicted ? r.meanConfidence.toFixed(3) : '-'])),
  ];
  return [
    ...table('by confidence', result.byConfidence), '', ...table('by evidence count', result.byEvidence), '',
    `Brier score ${result.brier.toFixed(3)} (the mean squared gap between confidence and right = 1, wrong = 0; 0 is perfect)`,
  ];
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
