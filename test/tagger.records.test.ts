import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StanceRecordSchema } from '../src/core/records.js';
import { TAGGER_VERSION } from '../src/core/tagger.js';
import { gated, tag } from './support/tagger.js';

const seeds = readdirSync('seeds').filter((f) => f.endsWith('.txt')).map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(`seeds/${f}`, 'utf8') }));

describe('stance records', () => {
  it('are valid records, one per actor and term, with evidence that points into the text', () => {
    for (const seed of seeds) {
      const records = tag(seed.text, gated);
      expect(records.length).toBeGreaterThan(0);
      const keys = new Set<string>();
      for (const record of records) {
        expect(() => StanceRecordSchema.parse(record)).not.toThrow();
        const key = `${record.actor} ${record.term}`;
        expect(keys.has(key)).toBe(false);
        keys.add(key);
        expect(record.confidence).toBeGreaterThan(0);
        expect(record.confidence).toBeLessThanOrEqual(1);
        for (const e of record.evidence) {
          expect(seed.text.slice(e.start, e.end)).toBe(e.sentence);
          expect(e.cue.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('name only actors and terms of the tracker', () => {
    const actors = new Set(gated.tracker.actors.map((a) => a.id));
    const terms = new Set(gated.tracker.terms.map((t) => t.id));
    for (const seed of seeds) {
      for (const r of tag(seed.text, gated)) {
        expect(actors.has(r.actor)).toBe(true);
        expect(terms.has(r.term)).toBe(true);
      }
    }
  });

  it('are the same for the same input (the tagger keeps no state between documents)', () => {
    const first = seeds.map((s) => tag(s.text, gated));
    const second = seeds.map((s) => tag(s.text, gated));
    expect(second).toEqual(first);
  });

  it('come from a tagger version that is a string of digits', () => {
    expect(TAGGER_VERSION).toMatch(/^\d+$/);
  });

  it('are empty for an empty or blank document', () => {
    expect(tag('')).toEqual([]);
    expect(tag(' \n\n \t')).toEqual([]);
  });
});
