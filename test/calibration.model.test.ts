// The record confidence model (src/core/calibration.ts): its weights are what the committed
// first-seen samples give, and it orders written record shapes the way those samples do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALIBRATION, calibratedConfidence, shapeOf } from '../src/core/calibration.js';
import { CalibrationSampleSchema, fitCalibration, type CalibrationSample } from '../src/core/calibration-fit.js';
import { compileTracker, tagDocument } from '../src/core/tagger.js';
import { loadTrackerFile } from '../src/core/tracker.js';

const samplesFile = new URL('../news/calibration/first-seen.jsonl', import.meta.url);
const samples: CalibrationSample[] = readFileSync(samplesFile, 'utf8').trim().split('\n').map((l) => CalibrationSampleSchema.parse(JSON.parse(l)));

describe('the confidence model', () => {
  it('is the fit of the committed first-seen samples (lexicon/calibration.json is reproducible)', () => {
    const refit = fitCalibration(samples, CALIBRATION.l2, CALIBRATION.fittedOn);
    expect(refit.intercept).toBe(CALIBRATION.intercept);
    expect(refit.weights).toEqual(CALIBRATION.weights);
  });

  it('says how often such records were right: the fit\'s mean confidence is the samples\' share right', () => {
    const mean = samples.reduce((s, x) => s + calibratedConfidence(x), 0) / samples.length;
    const right = samples.filter((x) => x.right).length / samples.length;
    expect(Math.abs(mean - right)).toBeLessThan(0.01);
  });

  it('ranks two sentences above one, support above oppose above mixed, an act above a stance word', () => {
    const one = { stance: 'support', sentences: 1, rules: ['trigger:verb:subject'] } as const;
    expect(calibratedConfidence({ ...one, sentences: 2, rules: [...one.rules, ...one.rules] })).toBeGreaterThan(calibratedConfidence(one));
    expect(calibratedConfidence({ ...one, stance: 'oppose' })).toBeLessThan(calibratedConfidence(one));
    expect(calibratedConfidence({ ...one, stance: 'mixed' })).toBeLessThan(calibratedConfidence({ ...one, stance: 'oppose' }));
    expect(calibratedConfidence({ ...one, rules: ['act:subject'] })).toBeGreaterThan(calibratedConfidence(one));
    expect(calibratedConfidence({ ...one, rules: ['trigger:noun:possessor'] })).toBeLessThan(calibratedConfidence(one));
  });

  it('reads a record\'s agreeing evidence only, and counts sentences, not cues', () => {
    const shape = shapeOf({
      stance: 'support',
      evidence: [
        { start: 0, stance: 'support', rule: 'trigger:verb:subject' },
        { start: 0, stance: 'support', rule: 'act:subject' },
        { start: 40, stance: 'oppose', rule: 'trigger:noun:possessor' },
      ],
    });
    expect(shape).toEqual({ stance: 'support', sentences: 2, rules: ['trigger:verb:subject', 'act:subject'] });
  });

  it('gives each tagged record the model\'s confidence for its shape', async () => {
    const compiled = compileTracker(await loadTrackerFile(new URL('../seeds/tracker.json', import.meta.url).pathname));
    const text = 'Talks on a peace plan resumed. Ukraine rejected the peace plan on Monday. Ukraine again rejected the peace plan on Tuesday.';
    const records = tagDocument({ id: 'written', text }, compiled);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.confidence).toBe(calibratedConfidence(shapeOf(r)));
  });
});
