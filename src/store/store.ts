// DynamoStore: the store ports (./ports.ts) over the single table, one module per item
// family in ./dynamo/ (key scheme in ./keys.ts, table shape in ./table.ts). Each public
// read is one Query or GetItem; each write that must be exact is guarded by conditions,
// so a crash or a concurrent writer leaves either the old state or the new one.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tracker } from '../core/tracker.js';
import type { Cell, StanceRecord, TaggedWith } from '../core/records.js';
import { DynamoCells } from './dynamo/cells.js';
import type { TableContext } from './dynamo/context.js';
import { DynamoDocuments } from './dynamo/documents.js';
import { DynamoBookkeeping } from './dynamo/sources.js';
import { DynamoStances } from './dynamo/stances.js';
import { DynamoTagging } from './dynamo/tagging.js';
import { DynamoTrackers } from './dynamo/trackers.js';
import type { DocumentChange } from './cell-stream.js';
import type { IngestOutcome, NewDocument, Page, ReplaceResult, SourceState, StancesQuery, StoredDocument, StoredRecord, StoredTracker } from './model.js';
import type { Store } from './ports.js';

export * from './model.js';
export type * from './ports.js';

export interface DynamoStoreOptions {
  /**
   * The local stack and the tests: brings the matrix up to date with the table's stream before
   * it is read. On AWS the stream's consumer (functions/cells.ts) runs by itself and the matrix
   * lags the taggings by the consumer's delay.
   */
  cellStream?: { catchUp(): Promise<void> };
}

export class DynamoStore implements Store {
  private readonly trackers: DynamoTrackers;
  private readonly documents: DynamoDocuments;
  private readonly cells: DynamoCells;
  private readonly tagging: DynamoTagging;
  private readonly stances: DynamoStances;
  private readonly bookkeeping: DynamoBookkeeping;

  constructor(
    client: DynamoDBDocumentClient,
    tableName: string,
    private readonly options: DynamoStoreOptions = {},
  ) {
    const t: TableContext = { client, tableName };
    this.trackers = new DynamoTrackers(t);
    this.documents = new DynamoDocuments(t);
    this.cells = new DynamoCells(t, this.trackers);
    this.tagging = new DynamoTagging(t);
    this.stances = new DynamoStances(t);
    this.bookkeeping = new DynamoBookkeeping(t);
  }

  putTracker(tracker: Tracker): Promise<string> {
    return this.trackers.putTracker(tracker);
  }
  getTracker(trackerId: string): Promise<StoredTracker | undefined> {
    return this.trackers.getTracker(trackerId);
  }
  requireTracker(trackerId: string): Promise<StoredTracker> {
    return this.trackers.requireTracker(trackerId);
  }
  async getMatrix(trackerId: string): Promise<StoredTracker & { cells: Cell[] }> {
    await this.options.cellStream?.catchUp();
    return this.cells.getMatrix(trackerId);
  }
  /** Applies one batch of the table's stream to the matrix (the cell consumer's work); idempotent. */
  applyCellStream(shardId: string, changes: readonly DocumentChange[], nowMs?: number): Promise<{ cells: number }> {
    return this.cells.applyStream(shardId, changes, nowMs);
  }
  /** Resolves once the matrix counts every change the stream holds so far (local and tests; nothing on AWS). */
  async settled(): Promise<void> {
    await this.options.cellStream?.catchUp();
  }
  getDocument(documentId: string): Promise<{ document: StoredDocument; records: StoredRecord[] } | undefined> {
    return this.documents.getDocument(documentId);
  }
  ingestDocument(input: NewDocument, now: string): Promise<IngestOutcome> {
    return this.documents.ingestDocument(input, now);
  }
  knownUrls(trackerId: string, urls: string[]): Promise<Set<string>> {
    return this.documents.knownUrls(trackerId, urls);
  }
  replaceRecords(snapshot: { document: StoredDocument; records: StoredRecord[] }, records: StanceRecord[], taggedWith: TaggedWith): Promise<ReplaceResult> {
    return this.tagging.replaceRecords(snapshot, records, taggedWith);
  }
  findStaleDocuments(trackerId: string, current: { taggerVersion: string; trackerVersion: string }, page: { limit: number; cursor?: string | undefined }): Promise<Page<string>> {
    return this.tagging.findStaleDocuments(trackerId, current, page);
  }
  queryStances(q: StancesQuery): Promise<Page<StoredRecord>> {
    return this.stances.queryStances(q);
  }
  getSourceState(trackerId: string, url: string): Promise<SourceState | undefined> {
    return this.bookkeeping.getSourceState(trackerId, url);
  }
  putSourceState(trackerId: string, state: SourceState): Promise<void> {
    return this.bookkeeping.putSourceState(trackerId, state);
  }
  getRetagCursor(trackerId: string): Promise<string | undefined> {
    return this.bookkeeping.getRetagCursor(trackerId);
  }
  putRetagCursor(trackerId: string, cursor: string | undefined, now: string): Promise<void> {
    return this.bookkeeping.putRetagCursor(trackerId, cursor, now);
  }
}
