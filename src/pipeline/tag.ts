// Tag: run the core tagger on one stored document and replace its records exactly once;
// re-tag: find documents tagged by an older tagger or tracker version and tag them again.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { StanceRecordSchema, type StanceRecord, type TaggableDocument } from '../core/records.js';
import { TAGGER_VERSION, compileTracker, noRecordReason, tagDocument } from '../core/tagger.js';
import type { Tracker } from '../core/tracker.js';
import type { TagMessage } from '../queue.js';
import type { ReplaceResult } from '../store/model.js';
import type { TagStore } from '../store/ports.js';

/** The tagger as the pipeline sees it; tests inject a small fake. */
export interface Tagger<Compiled = unknown> {
  version: string;
  compile(tracker: Tracker): Compiled;
  tag(doc: TaggableDocument, compiled: Compiled): StanceRecord[];
  /** Why a document got no records; kept with the tagging and shown by GET /documents/{id}. */
  explainNoRecords?(doc: TaggableDocument, compiled: Compiled): string;
}

export const coreTagger: Tagger<ReturnType<typeof compileTracker>> = {
  version: TAGGER_VERSION,
  compile: compileTracker,
  tag: tagDocument,
  explainNoRecords: noRecordReason,
};

export interface TagDeps {
  store: TagStore;
  tagger?: Tagger<any>;
  now?: () => Date;
  /** How often a tagging that lost a race is re-read and retried. */
  maxAttempts?: number;
}

// Compiling a tracker is the expensive part; keep one per (tagger, tracker version).
const compiledCache = new Map<string, unknown>();
function compiled(tagger: Tagger<any>, tracker: Tracker, version: string): unknown {
  const key = `${tagger.version}\n${tracker.id}\n${version}`;
  let value = compiledCache.get(key);
  if (value === undefined) {
    if (compiledCache.size > 16) compiledCache.clear();
    value = tagger.compile(tracker);
    compiledCache.set(key, value);
  }
  return value;
}

export interface TagOutcome extends ReplaceResult {
  documentId: string;
  records: number;
}

/** Tags one stored document; safe to run any number of times, in parallel too. */
export async function tagStoredDocument(message: TagMessage, deps: TagDeps): Promise<TagOutcome> {
  const tagger = deps.tagger ?? coreTagger;
  const maxAttempts = deps.maxAttempts ?? 10;
  for (let attempt = 1; ; attempt++) {
    const { tracker, version } = await deps.store.requireTracker(message.tracker);
    const snapshot = await deps.store.getDocument(message.documentId);
    if (!snapshot) throw new NotFoundError(`no document "${message.documentId}"`);
    if (snapshot.document.tracker !== message.tracker) {
      throw new ValidationError(`document ${message.documentId} belongs to tracker "${snapshot.document.tracker}"`, 'message.tracker');
    }
    const taggable = { id: snapshot.document.id, text: snapshot.document.text };
    const prepared = compiled(tagger, tracker, version);
    const records = tagger.tag(taggable, prepared).map((r) => StanceRecordSchema.parse(r));
    const noRecords = records.length ? undefined : tagger.explainNoRecords?.(taggable, prepared);
    try {
      const result = await deps.store.replaceRecords(snapshot, records, {
        taggerVersion: tagger.version,
        trackerVersion: version,
        taggedAt: (deps.now ?? (() => new Date()))().toISOString(),
        ...(noRecords ? { noRecords } : {}),
      });
      return { ...result, documentId: message.documentId, records: records.length };
    } catch (err) {
      if (!(err instanceof ConflictError) || attempt >= maxAttempts) throw err;
      // Lost to a concurrent tagging of this document or of another in the same cells.
      await sleep(Math.random() * Math.min(500, 10 * 2 ** attempt));
    }
  }
}

export interface RetagResult {
  tagged: TagOutcome[];
  failed: { documentId: string; error: string }[];
  /** Where to resume; absent once every stale document has been seen. */
  cursor?: string;
}

/**
 * Tags at most `limit` documents of a tracker that the current tagger and tracker version did
 * not tag (never-tagged ones included), starting at `cursor`. One failing document does not
 * stop the others; it stays stale and is found again by the next run from the start.
 */
export async function retagStale(
  options: { tracker: string; limit: number; cursor?: string | undefined },
  deps: TagDeps,
): Promise<RetagResult> {
  const tagger = deps.tagger ?? coreTagger;
  const { version } = await deps.store.requireTracker(options.tracker);
  const result: RetagResult = { tagged: [], failed: [] };
  let cursor = options.cursor;
  while (result.tagged.length + result.failed.length < options.limit) {
    const page = await deps.store.findStaleDocuments(
      options.tracker,
      { taggerVersion: tagger.version, trackerVersion: version },
      { limit: options.limit - result.tagged.length - result.failed.length, cursor },
    );
    for (const documentId of page.items) {
      try {
        result.tagged.push(await tagStoredDocument({ tracker: options.tracker, documentId }, deps));
      } catch (err) {
        result.failed.push({ documentId, error: (err as Error).message });
      }
    }
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { ...result, ...(cursor ? { cursor } : {}) };
}
