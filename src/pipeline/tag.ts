// Tag: run the tracker's tagger on one stored document and replace its records exactly once;
// re-tag: find documents tagged by another tagger or tracker version and tag them again.
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { StanceRecordSchema, type StanceRecord, type TaggableDocument, type TaggedWith } from '../core/records.js';
import { compileTracker, noRecordReason, tagDocument } from '../core/tagger.js';
import type { Tracker } from '../core/tracker.js';
import { RULES_TAGGER_VERSION } from '../core/versions.js';
import type { TagMessage } from '../queue.js';
import type { ReplaceResult } from '../store/model.js';
import type { TagStore } from '../store/ports.js';

/** What a tagger may say besides its records (the language-model tagger does). */
export interface TagResult {
  records: StanceRecord[];
  /** The tagger that made these records when not `Tagger.version` (a fallback to the rules). */
  taggerVersion?: string;
  /** Model tokens spent on the document. */
  tokens?: { input: number; output: number };
  /** Why another tagger made the records: the document is marked so. */
  fallback?: string;
  /** Proposed records and quotes refused, by reason. */
  dropped?: Record<string, number>;
  /** Why the document was not sent to the model at all. */
  skipped?: string;
  /** What was wrong with refused answers. */
  problems?: string[];
}

/** The tagger as the pipeline sees it; which one runs is the tracker's choice (taggers.ts), tests inject a fake. */
export interface Tagger<Compiled = unknown> {
  /** The version current documents carry: documents tagged under another are stale. */
  version: string;
  compile(tracker: Tracker): Compiled;
  tag(doc: TaggableDocument, compiled: Compiled): StanceRecord[] | TagResult | Promise<StanceRecord[] | TagResult>;
  /** Why a document got no records; kept with the tagging and shown by GET /documents/{id}. */
  explainNoRecords?(doc: TaggableDocument, compiled: Compiled): string;
}

/** Picks the tagger of a tracker. */
export type ChooseTagger = (tracker: Tracker) => Tagger<any>;

export const coreTagger: Tagger<ReturnType<typeof compileTracker>> = {
  version: RULES_TAGGER_VERSION,
  compile: compileTracker,
  tag: tagDocument,
  explainNoRecords: noRecordReason,
};

export interface TagDeps {
  store: TagStore;
  /** One tagger for every tracker (tests), or a choice per tracker (the handlers); the rules when absent. */
  tagger?: Tagger<any> | ChooseTagger;
  now?: () => Date;
  /** How often a tagging that lost a race is re-read and retried. */
  maxAttempts?: number;
}

export function taggerOf(deps: Pick<TagDeps, 'tagger'>, tracker: Tracker): Tagger<any> {
  const t = deps.tagger;
  if (t) return typeof t === 'function' ? t(tracker) : t;
  // Never tag a model-tagged tracker with the rules unmarked: its caller must wire the choice (taggers.ts).
  if (tracker.tagger && tracker.tagger.kind !== 'rules') throw new ConfigError(`tracker ${tracker.id} names the ${tracker.tagger.kind} tagger, but this caller wires none`);
  return coreTagger;
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
  /** The tagger version stored with the records. */
  taggerVersion: string;
  tokens?: { input: number; output: number };
  fallback?: string;
  dropped?: Record<string, number>;
  skipped?: string;
  problems?: string[];
}

/** Tags one stored document; safe to run any number of times, in parallel too. */
export async function tagStoredDocument(message: TagMessage, deps: TagDeps): Promise<TagOutcome> {
  const maxAttempts = deps.maxAttempts ?? 10;
  let result: TagResult | undefined;
  let taggedInputs: string | undefined;
  for (let attempt = 1; ; attempt++) {
    const { tracker, version } = await deps.store.requireTracker(message.tracker);
    const snapshot = await deps.store.getDocument(message.documentId);
    if (!snapshot) throw new NotFoundError(`no document "${message.documentId}"`);
    if (snapshot.document.tracker !== message.tracker) {
      throw new ValidationError(`document ${message.documentId} belongs to tracker "${snapshot.document.tracker}"`, 'message.tracker');
    }
    const tagger = taggerOf(deps, tracker);
    const taggable = { id: snapshot.document.id, text: snapshot.document.text };
    // A model's answer is paid for: a retry after a lost race reuses it while text, tracker and tagger are the same.
    const inputs = `${snapshot.document.contentHash}\n${version}\n${tagger.version}`;
    if (!result || inputs !== taggedInputs) {
      const out = await tagger.tag(taggable, compiled(tagger, tracker, version));
      result = Array.isArray(out) ? { records: out } : out;
      taggedInputs = inputs;
    }
    const records = result.records.map((r) => StanceRecordSchema.parse(r));
    const noRecords = records.length ? undefined : (result.skipped ?? tagger.explainNoRecords?.(taggable, compiled(tagger, tracker, version)));
    const taggedWith: TaggedWith = {
      taggerVersion: result.taggerVersion ?? tagger.version,
      trackerVersion: version,
      taggedAt: (deps.now ?? (() => new Date()))().toISOString(),
      ...(result.tokens ? { tokens: result.tokens } : {}),
      ...(result.fallback ? { fallback: result.fallback } : {}),
      ...(noRecords ? { noRecords } : {}),
    };
    try {
      const replaced = await deps.store.replaceRecords(snapshot, records, taggedWith);
      const { records: _records, taggerVersion: _version, ...about } = result;
      return { ...replaced, documentId: message.documentId, records: records.length, taggerVersion: taggedWith.taggerVersion, ...about };
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
  const { tracker, version } = await deps.store.requireTracker(options.tracker);
  const tagger = taggerOf(deps, tracker);
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
