// PLACEHOLDER until the tagger lands: the interface every adapter calls.
import type { StanceRecord, TaggableDocument } from './records.js';
import type { Tracker } from './tracker.js';

/** Bumped whenever tagging rules or lexicons change: stored records of older versions are re-tagged. */
export const TAGGER_VERSION = '0';

export interface CompiledTracker {
  readonly tracker: Tracker;
}

/** Prepares a tracker once (patterns, lookups) so that tagging many documents is cheap. */
export function compileTracker(tracker: Tracker): CompiledTracker {
  return { tracker };
}

/** One record per (document, actor, term) with its stance, confidence and evidence. */
export function tagDocument(_doc: TaggableDocument, _compiled: CompiledTracker): StanceRecord[] {
  return [];
}
