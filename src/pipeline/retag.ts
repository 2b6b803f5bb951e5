// Re-tagging fan-out: the scheduled run does not tag stale documents itself, it sends them to
// the tag queue (where the tag function's concurrency tags them), at most as many as keep the
// queue under a bound, and remembers where it stopped. So a tagger or tracker change drains at
// the tag function's pace, not at one scheduled Lambda's. It needs the store, the queue and the
// current tagger *version*, not the tagging pipeline (so the re-ingest bundle carries no tagger).
import type { TaggerSpec, Tracker } from '../core/tracker.js';
import { currentTaggerVersion } from '../core/versions.js';
import type { TagQueue } from '../queue.js';
import type { TaggingStore, TrackerStore } from '../store/ports.js';

export interface FanOutDeps {
  store: Pick<TrackerStore, 'requireTracker'> & Pick<TaggingStore, 'findStaleDocuments'>;
  queue: TagQueue;
  /**
   * The version current documents carry (stale means "not tagged by it"): one for every tracker
   * (tests), or the deployment's tagger for trackers that name none (the handlers: TAGGER).
   * Absent: each tracker's own tagger, else the rules.
   */
  taggerVersion?: string | { deploymentTagger?: TaggerSpec | undefined };
  now?: () => Date;
}

export interface FanOutResult {
  /** Documents sent to the tag queue. */
  queued: number;
  /** Documents that could not be sent; they stay stale and are found again. */
  failed: { documentId: string; error: string }[];
  /** Where the next run resumes; absent once every stale document was sent. */
  cursor?: string;
}

/** Stale documents read per Query (their index entries are a few hundred bytes). */
export const FAN_OUT_PAGE = 500;
/** A never-tagged document younger than this has its tag message from the ingest on the way: not sent again. */
export const FRESH_UNTAGGED_MS = 15 * 60_000;

function taggerVersionOf(deps: Pick<FanOutDeps, 'taggerVersion'>, tracker: Tracker): string {
  const given = deps.taggerVersion;
  return typeof given === 'string' ? given : currentTaggerVersion(tracker, given?.deploymentTagger);
}

/**
 * Sends at most `limit` stale documents of a tracker to the tag queue, from `cursor`, and never
 * more than keeps the queue's depth at or under `maxDepth` (when the queue can tell its depth).
 */
export async function enqueueStale(
  options: { tracker: string; limit: number; cursor?: string | undefined; maxDepth?: number | undefined },
  deps: FanOutDeps,
): Promise<FanOutResult> {
  const { tracker, version } = await deps.store.requireTracker(options.tracker);
  const current = { taggerVersion: taggerVersionOf(deps, tracker), trackerVersion: version };
  let room = options.limit;
  if (options.maxDepth !== undefined && deps.queue.depth) room = Math.min(room, Math.max(0, options.maxDepth - (await deps.queue.depth())));
  const result: FanOutResult = { queued: 0, failed: [] };
  const untaggedBefore = new Date((deps.now ?? (() => new Date()))().getTime() - FRESH_UNTAGGED_MS).toISOString();
  let cursor = options.cursor;
  while (room > 0) {
    const page = await deps.store.findStaleDocuments(options.tracker, current, { limit: Math.min(room, FAN_OUT_PAGE), cursor, untaggedBefore });
    if (page.items.length) {
      const { failed } = await deps.queue.send(page.items.map((documentId) => ({ tracker: options.tracker, documentId })));
      result.queued += page.items.length - failed.length;
      result.failed.push(...failed.map((m) => ({ documentId: m.documentId, error: 'not sent to the tag queue' })));
      room -= page.items.length;
    }
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { ...result, ...(cursor ? { cursor } : {}) };
}
