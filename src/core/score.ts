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

/**
 * Parses JSON lines, each held to `schema`; blank lines are skipped. `source` names the file in errors
 * ("gold.jsonl:3: ..."), and `what` names a line whose whole value is wrong ("record: expected object").
 */
export function parseJsonLines<T>(text: string, source: string, schema: z.ZodType<T>, what = 'line'): T[] {
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ValidationError('not JSON', `${source}:${i + 1}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${issue.path.join('.') || what}: ${issue.message}`, `${source}:${i + 1}`);
    }
    out.push(parsed.data);
  });
  return out;
}

/** Parses JSON lines of records; `source` names the file in errors ("gold.jsonl:3: ..."). */
export function parseRecordLines(text: string, source: string): ScoredRecord[] {
  return parseJsonLines(text, source, ScoredRecordSchema, 'record');
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

/** A percentile interval and the figure it is around. */
export interface Interval {
  value: number;
  low: number;
  high: number;
}

export interface Intervals {
  resamples: number;
  /** The share of the interval: 0.9 is the 5th to the 95th percentile. */
  level: number;
  tripleF1: Interval;
  pairPrecision: Interval;
  /** With `other` records: this set's triple F1 minus the other's, and how often a resample has it above 0. */
  difference?: Interval & { above: number };
}

/**
 * How much a figure could move with other articles of the same kind: the triple F1 and pair
 * precision over documents resampled with replacement (the percentile bootstrap; an article's
 * records stay together, since one article's wordings make many of them), and with `other`
 * records on the same documents, the paired difference in triple F1. Deterministic (a fixed
 * seed), so a run can be repeated.
 */
export function intervals(goldRecords: readonly ScoredRecord[], predicted: readonly ScoredRecord[], documents: readonly string[],
  options: { other?: readonly ScoredRecord[]; resamples?: number; level?: number } = {}): Intervals {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.9;
  const gold = keyed(goldRecords, 'gold');
  const index = new Map(documents.map((d, i) => [d, i]));
  // Per document: gold, then for each record set predicted, triple hits, pair hits.
  const counts = documents.map(() => [0, 0, 0, 0, 0, 0, 0]);
  for (const k of gold.keys()) {
    const i = index.get(k.split('\t')[0]!);
    if (i !== undefined) counts[i]![0]!++;
  }
  const tally = (records: readonly ScoredRecord[], at: number): void => {
    for (const [k, stance] of keyed(records, 'predictions')) {
      const i = index.get(k.split('\t')[0]!);
      if (i === undefined) continue;
      const row = counts[i]!;
      row[at]!++;
      if (gold.has(k)) {
        row[at + 2]!++;
        if (gold.get(k) === stance) row[at + 1]!++;
      }
    }
  };
  tally(predicted, 1);
  if (options.other) tally(options.other, 4);
  const figures = (pick: (i: number) => number, n: number): [number, number, number] => {
    const sum = [0, 0, 0, 0, 0, 0, 0];
    for (let j = 0; j < n; j++) {
      const row = counts[pick(j)]!;
      for (let c = 0; c < 7; c++) sum[c]! += row[c]!;
    }
    const f1 = prf(sum[2]!, sum[1]!, sum[0]!).f1;
    return [f1, sum[1]! ? sum[3]! / sum[1]! : 0, f1 - prf(sum[5]!, sum[4]!, sum[0]!).f1];
  };
  const n = documents.length;
  const observed = figures((j) => j, n);
  const random = mulberry32(0x5eed);
  const draws: [number, number, number][] = [];
  for (let r = 0; r < resamples && n > 0; r++) {
    const picks = Array.from({ length: n }, () => Math.floor(random() * n));
    draws.push(figures((j) => picks[j]!, n));
  }
  const interval = (c: 0 | 1 | 2): Interval => {
    const sorted = draws.map((d) => d[c]).sort((a, b) => a - b);
    const at = (q: number): number => sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]! : observed[c];
    return { value: observed[c], low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
  };
  const result: Intervals = { resamples, level, tripleF1: interval(0), pairPrecision: interval(1) };
  if (options.other) result.difference = { ...interval(2), above: draws.length ? draws.filter((d) => d[2] > 0).length / draws.length : 0 };
  return result;
}

/** A small seeded generator of numbers in [0, 1) (mulberry32): the same resamples on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** intervals() in lines. */
export function formatIntervals(result: Intervals, otherName?: string): string[] {
  const f = (x: number): string => x.toFixed(3);
  const pct = Math.round(result.level * 100);
  const lines = [
    `${pct}% intervals over documents (${result.resamples} resamples):`,
    `triple F1 ${f(result.tripleF1.value)}  (${f(result.tripleF1.low)} to ${f(result.tripleF1.high)})`,
    `pair P    ${f(result.pairPrecision.value)}  (${f(result.pairPrecision.low)} to ${f(result.pairPrecision.high)})`,
  ];
  const d = result.difference;
  if (d) {
    const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
    lines.push(`triple F1 minus ${otherName ?? 'the other records'}'s: ${signed(d.value)}  (${signed(d.low)} to ${signed(d.high)}); above 0 in ${Math.round(d.above * 100)}% of resamples`);
  }
  return lines;
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
