// Tagging: a document's records replaced, and what the matrix counts of it committed.
//
// 1. ONE conditional update commits the document (tag revision + 1, conditioned on the revision
//    and text it read) with what it now counts (`cells`) and the records it leaves behind
//    (`staleCells`). Nothing else: the matrix cells follow from the table's stream, which
//    carries the document's `cells` before and after (dynamo/cells.ts, functions/cells.ts), so
//    a tagging never touches a shared item.
// 2. Record items are written with BatchWriteItem (puts of the records that changed, deletes of
//    the stale ones; idempotent, any number per document). Their keys follow from `cells` and
//    `staleCells`, so the next tagging finds every record item a stopped one may have left.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../errors.js';
import type { StanceRecord, TaggedWith } from '../../core/records.js';
import * as keys from '../keys.js';
import { awaitsRetag, cellDeltas, cellEntry, decodeCursor, packCells, encodeCursor, recordContent, storedRecord, type Page, type ReplaceResult, type StoredDocument, type StoredRecord } from '../model.js';
import type { TaggingStore } from '../ports.js';
import { batchWrite, isConditionFailed, type TableContext } from './context.js';
import { readTagStates, type TagState } from './documents.js';

export class DynamoTagging implements TaggingStore {
  constructor(private readonly t: TableContext) {}

  async replaceRecords(snapshot: { document: StoredDocument; records: StoredRecord[] }, records: StanceRecord[], taggedWith: TaggedWith): Promise<ReplaceResult> {
    const doc = snapshot.document;
    const trackerId = doc.tracker;
    const keyOf = (r: StoredRecord) => { const k = keys.recordKey(trackerId, r); return `${k.pk}\n${k.sk}`; };
    const next = new Map(records.map((r) => storedRecord(trackerId, doc, r)).map((r) => [keyOf(r), r]));
    const stored = new Map(snapshot.records.map((r) => [keyOf(r), r]));
    const puts = [...next.entries()].filter(([k, r]) => { const was = stored.get(k); return !was || recordContent(was) !== recordContent(r); }).map(([, r]) => r);
    // Every stored record at a key the new ones do not take: gone, or moved with its document's date.
    const deletes = [...stored.entries()].filter(([k]) => !next.has(k)).map(([, r]) => r);
    const counted = [...next.values()].map(cellEntry).sort();
    const deltas = cellDeltas(doc.cells, counted);
    const sameTagState = doc.taggedWith?.taggerVersion === taggedWith.taggerVersion && doc.taggedWith?.trackerVersion === taggedWith.trackerVersion;
    if (!puts.length && !deletes.length && !deltas.length && sameTagState) return { changed: false, put: 0, deleted: 0, cells: 0 };

    // The commit first, so that every record item written is one its document names (in `cells`, or in
    // `staleCells` until deleted): a tagging stopped after its commit is finished by the next one from these.
    const stale = deletes.map(cellEntry).sort();
    const counts = packCells(counted);
    const leftover = packCells(stale);
    // An attribute left undefined is removed.
    const update = updateOf({
      tagRevision: doc.tagRevision + 1,
      taggedWith,
      recordCount: next.size,
      cells: counts.cells,
      cellsAt: counts.at,
      staleCells: stale.length ? leftover.cells : undefined,
      staleCellsAt: stale.length ? leftover.at : undefined,
    });
    try {
      await this.t.client.send(
        new UpdateCommand({
          TableName: this.t.tableName,
          Key: keys.documentKey(doc.id),
          UpdateExpression: update.expression,
          ConditionExpression: 'tagRevision = :rev AND contentHash = :hash',
          ExpressionAttributeValues: { ...update.values, ':rev': doc.tagRevision, ':hash': doc.contentHash },
        }),
      );
    } catch (err) {
      if (isConditionFailed(err)) throw new ConflictError('a concurrent write changed the items this write depends on');
      throw err;
    }
    await batchWrite(this.t, [
      ...puts.map((r) => ({ PutRequest: { Item: keys.recordItem(r) } })),
      ...deletes.map((r) => ({ DeleteRequest: { Key: keys.recordKey(trackerId, r) } })),
    ]);
    return { changed: true, put: puts.length, deleted: deletes.length, cells: deltas.length };
  }

  /**
   * Ids of documents of a tracker not tagged by exactly the current (tagger, tracker) versions,
   * including never-tagged ones: one Query of the documents listing (gsi2) per call, then the
   * tag state of its entries (one BatchGetItem: the listing does not carry it, see table.ts); a
   * page reads `limit` entries and may return fewer. The cursor resumes the sweep; one made for
   * other versions starts it over.
   */
  async findStaleDocuments(
    trackerId: string,
    current: { taggerVersion: string; trackerVersion: string },
    page: { limit: number; cursor?: string | undefined; untaggedBefore?: string | undefined },
  ): Promise<Page<string>> {
    const partition = keys.documentsPartition(trackerId);
    const tag = keys.staleSweepTag(current);
    let startKey: Record<string, string> | undefined;
    if (page.cursor) {
      const [made, rest] = page.cursor.split('.', 2) as [string, string | undefined];
      if (!/^[0-9a-f]{12}$/.test(made) || !rest) throw new ValidationError('not a cursor this query returned', 'cursor');
      const key = decodeCursor(rest, { attributes: ['pk', 'sk', 'gsi2pk', 'gsi2sk'], partition: ['gsi2pk', partition] }, 'cursor');
      if (made === tag) startKey = key;
    }
    const out = await this.t.client.send(
      new QueryCommand({
        TableName: this.t.tableName,
        IndexName: keys.DOCUMENTS_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: 'id',
        Limit: page.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const listed = (out.Items ?? []).map((i) => String(i.id));
    const states = listed.length ? await readTagStates(this.t, listed) : new Map<string, TagState>();
    const items = listed.filter((id) => {
      const state = states.get(id);
      return state !== undefined && awaitsRetag(state, current, page.untaggedBefore);
    });
    const cursor = out.LastEvaluatedKey ? `${tag}.${encodeCursor(out.LastEvaluatedKey)}` : undefined;
    return { items, ...(cursor ? { cursor } : {}) };
  }
}

/** `SET a = :a, ... REMOVE b, ...` of the attributes given: an undefined one is removed. */
function updateOf(attributes: Record<string, unknown>): { expression: string; values: Record<string, unknown> } {
  const set = Object.entries(attributes).filter(([, v]) => v !== undefined);
  const removed = Object.keys(attributes).filter((k) => attributes[k] === undefined);
  return {
    expression: `SET ${set.map(([k]) => `${k} = :${k}`).join(', ')}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
    values: Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
  };
}
