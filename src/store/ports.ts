// The store as the pipeline, the API and the sources see it: one small interface per item
// family. DynamoStore (./store.ts, over ./dynamo/) and MemoryStore (./memory.ts) implement
// them all; test/store.contract.test.ts runs the same suite on both.
import type { Tracker } from '../core/tracker.js';
import type { Cell, StanceRecord, TaggedWith } from '../core/records.js';
import type { IngestOutcome, NewDocument, Page, ReplaceResult, SourceState, StancesQuery, StoredDocument, StoredRecord, StoredTracker } from './model.js';

export interface TrackerStore {
  /** Writes (or replaces) a tracker; returns its content version. */
  putTracker(tracker: Tracker): Promise<string>;
  getTracker(trackerId: string): Promise<StoredTracker | undefined>;
  /** The tracker, or NotFoundError. */
  requireTracker(trackerId: string): Promise<StoredTracker>;
}

export interface DocumentStore {
  /** Stores a document once (by URL, then by content); see docs/store.md. */
  ingestDocument(input: NewDocument, now: string): Promise<IngestOutcome>;
  /** A document, its text and its records, read consistently. */
  getDocument(documentId: string): Promise<{ document: StoredDocument; records: StoredRecord[] } | undefined>;
  /** Which of these URLs the tracker already holds a document for (compared without #fragment). */
  knownUrls(trackerId: string, urls: string[]): Promise<Set<string>>;
}

export interface TaggingStore {
  /**
   * Replaces the document's records with `records` and moves the matrix counts by exactly the
   * difference; a concurrent tagging or a new text makes it fail with ConflictError (re-read
   * and try again). Running it again with the same records changes nothing.
   */
  replaceRecords(snapshot: { document: StoredDocument; records: StoredRecord[] }, records: StanceRecord[], taggedWith: TaggedWith): Promise<ReplaceResult>;
  /**
   * Ids of the tracker's documents not tagged by exactly this (tagger, tracker) pair, one page; the
   * cursor resumes. `untaggedBefore` leaves out never-tagged documents ingested at or after it.
   */
  findStaleDocuments(
    trackerId: string,
    current: { taggerVersion: string; trackerVersion: string },
    page: { limit: number; cursor?: string | undefined; untaggedBefore?: string | undefined },
  ): Promise<Page<string>>;
}

export interface StanceReads {
  /** The tracker and every actor x term cell with a record. */
  getMatrix(trackerId: string): Promise<StoredTracker & { cells: Cell[] }>;
  /** Records by actor and/or term, newest first, in an inclusive window; one page. */
  queryStances(q: StancesQuery): Promise<Page<StoredRecord>>;
}

export interface SourceStateStore {
  getSourceState(trackerId: string, url: string): Promise<SourceState | undefined>;
  putSourceState(trackerId: string, state: SourceState): Promise<void>;
}

export interface RetagCursorStore {
  getRetagCursor(trackerId: string): Promise<string | undefined>;
  /** Remembers where the re-tagging of a tracker stopped; undefined clears it (done). */
  putRetagCursor(trackerId: string, cursor: string | undefined, now: string): Promise<void>;
}

/** Everything: what the composition roots (Lambda, local stack) hand out. */
export type Store = TrackerStore & DocumentStore & TaggingStore & StanceReads & SourceStateStore & RetagCursorStore;

/** What ingesting needs. */
export type IngestStore = Pick<TrackerStore, 'requireTracker'> & Pick<DocumentStore, 'ingestDocument'>;
/** What tagging and re-tagging need. */
export type TagStore = Pick<TrackerStore, 'requireTracker'> & Pick<DocumentStore, 'getDocument'> & TaggingStore;
/** What the query routes need. */
export type QueryStore = Pick<TrackerStore, 'getTracker' | 'requireTracker'> & Pick<DocumentStore, 'getDocument'> & StanceReads;
