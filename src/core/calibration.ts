// A record's confidence as the chance it is right on news no rule was written from. The
// rules' own weights (CONFIDENCE in rules.ts) decide between support, oppose and mixed; they
// do not say how often a record is right: on unseen news a stance word with a named holder
// (weight 0.8) was right about half the time, a plan's author (0.65) three times in four.
// So the record's confidence comes from a logistic model over what the record shows (how
// many sentences, which rules, which stance), fitted on records that tagger versions made
// on batches the day they arrived (news/calibration/first-seen.jsonl) and kept as data in
// lexicon/calibration.json. Pure: no I/O.
import * as z from 'zod';
import calibrationJson from './lexicon/calibration.json' with { type: 'json' };
import type { Evidence } from './records.js';
import type { Stance } from './tracker.js';

/** What a record shows, as the calibration reads it: its stance, and the rules of its agreeing evidence. */
export interface RecordShape {
  readonly stance: Stance;
  /** Distinct evidence sentences. */
  readonly sentences: number;
  /** The rule of each evidence item that agrees with the stance (every item for mixed). */
  readonly rules: readonly string[];
}

/** The model's inputs, each 0 or 1; the names are the weights' keys in calibration.json. */
export const FEATURES = ['twoOrMoreSentences', 'mixed', 'oppose', 'triggersOnly', 'possessorsOnly', 'act', 'speaker'] as const;
export type Feature = (typeof FEATURES)[number];

/** What a record shows, from its stance and evidence (also a stored record of an older tagger version). */
export function shapeOf(record: { readonly stance: Stance; readonly evidence: readonly Pick<Evidence, 'start' | 'stance' | 'rule'>[] }): RecordShape {
  const agreeing = record.stance === 'mixed' ? record.evidence : record.evidence.filter((e) => e.stance === record.stance);
  return {
    stance: record.stance,
    sentences: new Set(record.evidence.map((e) => e.start)).size,
    rules: agreeing.map((e) => e.rule ?? ''),
  };
}

export function featuresOf(shape: RecordShape): Record<Feature, number> {
  const kinds = shape.rules.map((r) => r.split(':')[0]!);
  const holders = shape.rules.map((r) => r.split(':').at(-1)!);
  const all = (list: string[], value: string): boolean => list.length > 0 && list.every((x) => x === value);
  return {
    twoOrMoreSentences: shape.sentences >= 2 ? 1 : 0,
    mixed: shape.stance === 'mixed' ? 1 : 0,
    oppose: shape.stance === 'oppose' ? 1 : 0,
    triggersOnly: all(kinds, 'trigger') ? 1 : 0,
    // "the Kremlin's rejection of ...": the owner of a stance noun was the weakest holder on unseen news.
    possessorsOnly: all(holders, 'possessor') ? 1 : 0,
    act: kinds.includes('act') ? 1 : 0,
    speaker: holders.includes('speaker') ? 1 : 0,
  };
}

export const CalibrationSchema = z.object({
  $comment: z.string().optional(),
  fittedOn: z.string(),
  l2: z.number().nonnegative(),
  intercept: z.number(),
  weights: z.object(Object.fromEntries(FEATURES.map((f) => [f, z.number()])) as Record<Feature, z.ZodNumber>),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export const CALIBRATION: Calibration = CalibrationSchema.parse(calibrationJson);

/** The chance that a record of this shape is right, rounded to three places. */
export function calibratedConfidence(shape: RecordShape, calibration: Calibration = CALIBRATION): number {
  const x = featuresOf(shape);
  let z = calibration.intercept;
  for (const f of FEATURES) z += calibration.weights[f] * x[f];
  return Math.round(1000 / (1 + Math.exp(-z))) / 1000;
}
