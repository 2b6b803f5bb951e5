// Tagging: a document's records replaced and the matrix moved by exactly the difference.
//
// 1. Record items are written with BatchWriteItem (puts and deletes of the pairs that
//    changed; idempotent, any number per document).
// 2. ONE transaction commits: the document (tag revision + 1, conditioned on the revision and
//    text it read) with what it now counts (`cells`), and an ADD of each changed cell's delta to
//    the shard of this document. The document's condition is what makes the deltas exactly-once.
//    Cells beyond one transaction's 100 actions are left on the document as `pendingCells`
//    and applied in further transactions, each conditioned on the part it continues; any
//    later tagging of the document finishes them first.
// 3. Each changed cell's latest record moves forward (cells.ts).
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../errors.js';
import type { StanceRecord, TaggedWith } from '../../core/records.js';
import * as keys from '../keys.js';
import {
  cellDeltas,
  cellEntry,
  decodeCursor,
  decodeDelta,
  encodeCursor,
  encodeDelta,
  MAX_TRANSACTION_ACTIONS,
  recordContent,
  storedRecord,
  type CellDelta,
  type Page,
  type ReplaceResult,
  type StoredDocument,
  type StoredRecord,
} from '../model.js';
import type { TaggingStore } from '../ports.js';
import { cellAddAction, type DynamoCells } from './cells.js';
import { batchWrite, isConditionFailed, transact, type TableContext, type TransactItems } from './context.js';

/** Cell actions beside the document's own in one transaction. */
const CELLS_PER_TRANSACTION = MAX_TRANSACTION_ACTIONS - 1;

export class DynamoTagging implements TaggingStore {
  constructor(
    private readonly t: TableContext,
    private readonly cells: DynamoCells,
  ) {}

  async replaceRecords(snapshot: { document: StoredDocument; records: StoredRecord[] }, records: StanceRecord[], taggedWith: TaggedWith): Promise<ReplaceResult> {
    const doc = snapshot.document;
    const trackerId = doc.tracker;
    if (doc.pendingCells?.length) {
      // A tagging that stopped between its parts: finish it, then start again from a fresh read.
      await this.applyPending(doc);
      throw new ConflictError(`document ${doc.id} had cell updates pending; they are applied now`);
    }
    if (doc.latestFrom) {
      // A tagging that stopped after its commit: its latest-record moves are still owed (they are idempotent).
      await this.cells.updateLatest(trackerId, doc.id, cellDeltas(doc.latestFrom, doc.cells), doc.tagRevision);
      await this.latestDone(doc.id, doc.tagRevision);
    }
    const old = new Map(snapshot.records.map((r) => [keys.recordSortKey(r.actor, r.term), r]));
    const next = new Map(records.map((r) => [keys.recordSortKey(r.actor, r.term), storedRecord(trackerId, doc, r)]));
    const puts: StoredRecord[] = [];
    const deletes: string[] = [];
    for (const sk of new Set([...old.keys(), ...next.keys()])) {
      const before = old.get(sk);
      const after = next.get(sk);
      if (before && after && recordContent(before) === recordContent(after)) continue;
      if (after) puts.push(after);
      else deletes.push(sk);
    }
    const counted = [...next.values()].map(cellEntry).sort();
    const deltas = cellDeltas(doc.cells, counted);
    const sameTagState = doc.taggedWith?.taggerVersion === taggedWith.taggerVersion && doc.taggedWith?.trackerVersion === taggedWith.trackerVersion;
    if (!puts.length && !deletes.length && !deltas.length && sameTagState) return { changed: false, put: 0, deleted: 0, cells: 0 };

    await batchWrite(this.t, [
      ...puts.map((r) => ({ PutRequest: { Item: { ...keys.recordKey(doc.id, r.actor, r.term), type: 'record', ...r, ...keys.recordIndexKeys(trackerId, r) } } })),
      ...deletes.map((sk) => ({ DeleteRequest: { Key: { pk: keys.documentPartition(doc.id), sk } } })),
    ]);

    const counting = deltas.filter((d) => d.total !== 0 || d.support !== 0 || d.oppose !== 0 || d.mixed !== 0);
    const first = counting.slice(0, CELLS_PER_TRANSACTION);
    const rest = counting.slice(CELLS_PER_TRANSACTION);
    const nextRevision = doc.tagRevision + 1;
    await transact(this.t, [
      {
        Update: {
          TableName: this.t.tableName,
          Key: keys.documentKey(doc.id),
          UpdateExpression: `SET tagRevision = :next, taggedWith = :tw, recordCount = :n, cells = :cells, gsi1sk = :state${rest.length ? ', pendingCells = :rest, pendingPart = :part' : ''}${deltas.length ? ', latestFrom = :from' : ''}`,
          ConditionExpression: 'tagRevision = :rev AND contentHash = :hash AND attribute_not_exists(pendingCells)',
          ExpressionAttributeValues: {
            ':next': nextRevision,
            ':rev': doc.tagRevision,
            ':hash': doc.contentHash,
            ':tw': taggedWith,
            ':n': next.size,
            ':cells': counted,
            ':state': keys.documentTagState(trackerId, doc.id, taggedWith).gsi1sk,
            ...(rest.length ? { ':rest': rest.map(encodeDelta), ':part': 1 } : {}),
            ...(deltas.length ? { ':from': doc.cells } : {}),
          },
        },
      },
      ...first.map((d) => cellAddAction(this.t, trackerId, doc.id, d)),
    ]);
    if (rest.length) await this.applyPending({ ...doc, tagRevision: nextRevision, pendingCells: rest.map(encodeDelta), pendingPart: 1 });
    await this.cells.updateLatest(trackerId, doc.id, deltas, nextRevision);
    if (deltas.length) await this.latestDone(doc.id, nextRevision);
    return { changed: true, put: puts.length, deleted: deletes.length, cells: deltas.length };
  }

  /** Drops the marker of owed latest-record moves, unless a later tagging has moved the document on. */
  private async latestDone(documentId: string, tagRevision: number): Promise<void> {
    try {
      await this.t.client.send(
        new UpdateCommand({
          TableName: this.t.tableName,
          Key: keys.documentKey(documentId),
          UpdateExpression: 'REMOVE latestFrom',
          ConditionExpression: 'tagRevision = :rev',
          ExpressionAttributeValues: { ':rev': tagRevision },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  /** Applies the pending cell deltas part by part; each part is conditioned on the one before. */
  private async applyPending(doc: Pick<StoredDocument, 'id' | 'tracker' | 'tagRevision' | 'pendingCells' | 'pendingPart'>): Promise<void> {
    let pending = doc.pendingCells ?? [];
    let part = doc.pendingPart ?? 1;
    while (pending.length) {
      const chunk = pending.slice(0, CELLS_PER_TRANSACTION).map(decodeDelta);
      const rest = pending.slice(CELLS_PER_TRANSACTION);
      const actions: TransactItems = [
        {
          Update: {
            TableName: this.t.tableName,
            Key: keys.documentKey(doc.id),
            UpdateExpression: rest.length ? 'SET pendingCells = :rest, pendingPart = :nextPart' : 'REMOVE pendingCells, pendingPart',
            ConditionExpression: 'tagRevision = :rev AND pendingPart = :part',
            ExpressionAttributeValues: { ':rev': doc.tagRevision, ':part': part, ...(rest.length ? { ':rest': rest, ':nextPart': part + 1 } : {}) },
          },
        },
        ...chunk.map((d: CellDelta) => cellAddAction(this.t, doc.tracker, doc.id, d)),
      ];
      await transact(this.t, actions);
      pending = rest;
      part += 1;
    }
  }

  /**
   * Ids of documents of a tracker not tagged by exactly the current (tagger, tracker) versions,
   * including never-tagged ones: one Query per call. The cursor resumes across calls; the
   * documents tagged meanwhile drop out of the range by themselves.
   */
  async findStaleDocuments(
    trackerId: string,
    current: { taggerVersion: string; trackerVersion: string },
    page: { limit: number; cursor?: string | undefined; untaggedBefore?: string | undefined },
  ): Promise<Page<string>> {
    const prefix = keys.tagStatePrefix(current.taggerVersion, current.trackerVersion);
    const partition = keys.tagStatePartition(trackerId);
    // The cursor says which side of the current prefix we are on, and where in it.
    let side: 'below' | 'above' = 'below';
    let startKey: Record<string, string> | undefined;
    if (page.cursor) {
      const [tag, rest] = [page.cursor.slice(0, 1), page.cursor.slice(1)];
      if (tag !== 'b' && tag !== 'a') throw new ValidationError('not a cursor this query returned', 'cursor');
      side = tag === 'b' ? 'below' : 'above';
      startKey = rest ? decodeCursor(rest, { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], partition: ['gsi1pk', partition] }, 'cursor') : undefined;
      // A cursor kept from before a tracker or tagger change may lie outside today's ranges: start over.
      const sk = startKey?.gsi1sk;
      if (sk !== undefined && (side === 'below' ? !(sk < prefix) : !(sk > `${prefix}${keys.PREFIX_END}`))) {
        side = 'below';
        startKey = undefined;
      }
    }
    const out = await this.t.client.send(
      new QueryCommand({
        TableName: this.t.tableName,
        IndexName: keys.TAG_STATE_INDEX,
        KeyConditionExpression: side === 'below' ? 'gsi1pk = :pk AND gsi1sk < :bound' : 'gsi1pk = :pk AND gsi1sk > :bound',
        ExpressionAttributeValues: {
          ':pk': partition,
          ':bound': side === 'below' ? prefix : `${prefix}${keys.PREFIX_END}`,
          ...(page.untaggedBefore ? { ':never': 0, ':before': page.untaggedBefore } : {}),
        },
        ...(page.untaggedBefore ? { FilterExpression: 'tagRevision > :never OR ingestedAt < :before' } : {}),
        Limit: page.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = (out.Items ?? []).map((i) => String(i.id));
    let cursor: string | undefined;
    if (out.LastEvaluatedKey) cursor = `${side === 'below' ? 'b' : 'a'}${encodeCursor(out.LastEvaluatedKey)}`;
    else if (side === 'below') cursor = 'a';
    return { items, ...(cursor ? { cursor } : {}) };
  }
}
