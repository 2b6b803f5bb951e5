// Fitting the record confidence model (calibration.ts) on samples: what `stance calibrate`
// runs, kept apart so that the tagger's bundle carries the model and not its fitting.
import * as z from 'zod';
import { FEATURES, featuresOf, type Calibration, type Feature } from './calibration.js';
import { StanceSchema } from './tracker.js';

/** One record a tagger made on a batch the day it arrived, and whether the gold has it (actor, term and stance). */
export const CalibrationSampleSchema = z.object({
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
  sentences: z.number().int().positive(),
  rules: z.array(z.string()),
  tagger: z.string(),
  right: z.boolean(),
});
export type CalibrationSample = z.infer<typeof CalibrationSampleSchema>;

/**
 * Logistic regression by Newton's method, with an L2 penalty on the weights (not the
 * intercept) so that a feature few records have stays near zero. Deterministic.
 */
export function fitCalibration(samples: readonly CalibrationSample[], l2: number, fittedOn: string): Calibration {
  const rows = samples.map((s) => {
    const x = featuresOf(s);
    return [1, ...FEATURES.map((f) => x[f])];
  });
  const y = samples.map((s) => (s.right ? 1 : 0));
  const k = FEATURES.length + 1;
  let w: number[] = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < 100; iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    rows.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((sum, v, j) => sum + v * w[j]!, 0)));
      for (let a = 0; a < k; a++) {
        gradient[a]! += (p - y[i]!) * x[a]!;
        for (let b = 0; b < k; b++) hessian[a]![b]! += p * (1 - p) * x[a]! * x[b]!;
      }
    });
    for (let a = 1; a < k; a++) {
      gradient[a]! += l2 * w[a]!;
      hessian[a]![a]! += l2;
    }
    const step = solve(hessian, gradient);
    w = w.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    fittedOn,
    l2,
    intercept: round(w[0]!),
    weights: Object.fromEntries(FEATURES.map((f, j) => [f, round(w[j + 1]!)])) as Record<Feature, number>,
  };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}
