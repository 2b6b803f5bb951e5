// Test helpers for the tagger: the shipped tracker, with and without its topic gate.
import { readFileSync } from 'node:fs';
import type { StanceRecord } from '../../src/core/records.js';
import { compileTracker, tagDocument, type CompiledTracker } from '../../src/core/tagger.js';
import { parseTracker, type Tracker } from '../../src/core/tracker.js';

export const shippedTracker: Tracker = parseTracker(JSON.parse(readFileSync('seeds/tracker.json', 'utf8')), 'seeds/tracker.json');
/** The shipped tracker without its topic gate, so a one-sentence text is tagged at all. */
export const ungated: CompiledTracker = compileTracker({ ...shippedTracker, topic: undefined });
export const gated: CompiledTracker = compileTracker(shippedTracker);

export function tag(text: string, compiled: CompiledTracker = ungated): StanceRecord[] {
  return tagDocument({ id: 'doc', text }, compiled);
}

/** "RU ceasefire oppose" lines, sorted: compact to assert on. */
export function triples(text: string, compiled: CompiledTracker = ungated): string[] {
  return tag(text, compiled).map((r) => `${r.actor} ${r.term} ${r.stance}`).sort();
}
