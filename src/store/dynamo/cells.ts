// Matrix cells, applied from the table's stream (functions/cells.ts): one count item per cell,
// moved by one conditional ADD per cell per stream batch (the batch's contributions summed,
// above the cell's mark for that stream shard: see ../cell-stream.ts), and a latest-record item
// per cell that only moves forward in time (a conditional SET that may lose, and loses harmlessly).
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import type { Cell } from '../../core/records.js';
import * as keys from '../keys.js';
import { cellChanges, newestCandidate, pendingCounts, sequenceValue, type CellChanges, type DocumentChange } from '../cell-stream.js';
import { CELL_RECENT, parseCellEntry, unpackCells, type StoredRecord, type StoredTracker } from '../model.js';
import { batchGet, isConditionFailed, type TableContext } from './context.js';
import { cellTimeline } from './timeline.js';

/** A shard's mark is dropped from a cell once older than the stream keeps records (24 h), with a margin. */
const MARK_KEEP_SECONDS = 2 * 24 * 3600;

type Item = Record<string, unknown>;
import type { DynamoTrackers } from './trackers.js';

export class DynamoCells {
  constructor(
    private readonly t: TableContext,
    private readonly trackers: DynamoTrackers,
  ) {}

  /** The tracker and every cell: one Query of the tracker's partition (shards summed here). */
  async getMatrix(trackerId: string): Promise<StoredTracker & { cells: Cell[] }> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.t.client.send(
        new QueryCommand({
          TableName: this.t.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.trackerPartition(trackerId) },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    const meta = items.find((i) => i.sk === keys.META);
    if (!meta) throw new NotFoundError(`no tracker "${trackerId}"`);
    const { tracker, version } = this.trackers.parse(meta);
    const sums = new Map<string, Cell>();
    const latest = new Map<string, Cell['latest']>();
    for (const item of items) {
      const sk = String(item.sk);
      const cellId = `${String(item.actor)}#${String(item.term)}`;
      if (sk.startsWith(keys.CELL_PREFIX)) {
        const cell = sums.get(cellId) ?? { actor: String(item.actor), term: String(item.term), support: 0, oppose: 0, mixed: 0, total: 0 };
        cell.support += Number(item.support ?? 0);
        cell.oppose += Number(item.oppose ?? 0);
        cell.mixed += Number(item.mixed ?? 0);
        cell.total += Number(item.total ?? 0);
        sums.set(cellId, cell);
      } else if (sk.startsWith(keys.LATEST_PREFIX)) {
        latest.set(cellId, { stance: item.stance as NonNullable<Cell['latest']>['stance'], publishedAt: String(item.at), document: String(item.document) });
      }
    }
    // Cells of actors or terms a changed tracker dropped, and cells a re-tag emptied, say nothing.
    const actors = new Set(tracker.actors.map((a) => a.id));
    const terms = new Set(tracker.terms.map((t) => t.id));
    const cells = [...sums.entries()]
      .filter(([, c]) => c.total > 0 && actors.has(c.actor) && terms.has(c.term))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, c]) => {
        const l = latest.get(id);
        return l ? { ...c, latest: l } : c;
      });
    return { tracker, version, cells };
  }

  /**
   * Applies one batch of the stream (the records of document items, from one stream shard, in
   * order): per cell, the batch's contributions above the cell's mark for this shard in one
   * conditional ADD, then the cell's latest record moved. Safe to run again on the same records,
   * or on part of them.
   */
  async applyStream(shardId: string, changes: readonly DocumentChange[], nowMs = Date.now()): Promise<{ cells: number }> {
    const cells = cellChanges(changes);
    const read = await this.readCells(cells);
    for (let i = 0; i < cells.length; i += 16) {
      await Promise.all(
        cells.slice(i, i + 16).map(async (cell) => {
          const cellKey = keys.cellKey(cell.tracker, cell.actor, cell.term);
          const latestKey = keys.cellLatestKey(cell.tracker, cell.actor, cell.term);
          if (cell.contributions.length) await this.addCounts(cell, shardId, read.get(`${cellKey.pk}\n${cellKey.sk}`), nowMs);
          await this.moveLatest(cell, read.get(`${latestKey.pk}\n${latestKey.sk}`));
        }),
      );
    }
    return { cells: cells.length };
  }

  /**
   * The count and latest items of the cells: BatchGetItem, 100 keys a call, eventually consistent (half
   * the read units): what is read only chooses the writes, whose conditions decide (a stale read loses
   * its condition and is read again, consistently).
   */
  private async readCells(cells: readonly CellChanges[]): Promise<Map<string, Item>> {
    const wanted = cells.flatMap((c) => [keys.cellKey(c.tracker, c.actor, c.term), keys.cellLatestKey(c.tracker, c.actor, c.term)]);
    const found = new Map<string, Item>();
    for (const item of await batchGet(this.t, wanted, { consistent: false })) found.set(`${String(item.pk)}\n${String(item.sk)}`, item);
    return found;
  }

  /** One conditional write per cell: the counts above this shard's mark, and the new mark. */
  private async addCounts(cell: CellChanges, shardId: string, item: Item | undefined, nowMs: number): Promise<void> {
    const key = keys.cellKey(cell.tracker, cell.actor, cell.term);
    const nowSeconds = Math.floor(nowMs / 1000);
    for (let attempt = 0; ; attempt++) {
      const marks = (item?.marks ?? undefined) as Record<string, string> | undefined;
      const current = marks?.[shardId];
      const pending = pendingCounts(cell.contributions, current === undefined ? undefined : sequenceValue(current.split('@')[0]!));
      if (!pending) return;
      const mark = `${pending.through}@${nowSeconds}`;
      const names: Record<string, string> = { '#type': 'type', '#total': 'total', '#marks': 'marks' };
      const values: Record<string, unknown> = { ':type': 'cell', ':tracker': cell.tracker, ':actor': cell.actor, ':term': cell.term, ':s': pending.support, ':o': pending.oppose, ':m': pending.mixed, ':t': pending.total };
      let set = 'SET #type = :type, tracker = :tracker, actor = :actor, term = :term';
      let remove = '';
      let condition: string;
      if (!marks) {
        set += ', #marks = :marks';
        values[':marks'] = { [shardId]: mark };
        condition = 'attribute_not_exists(#marks)';
      } else {
        names['#shard'] = shardId;
        set += ', #marks.#shard = :mark';
        values[':mark'] = mark;
        // Shards long closed: their records are out of the stream's reach, so their marks are no longer needed.
        const old = Object.entries(marks).filter(([s, v]) => s !== shardId && Number(v.split('@')[1] ?? 0) < nowSeconds - MARK_KEEP_SECONDS);
        old.forEach(([s], i) => (names[`#old${i}`] = s));
        if (old.length) remove = ` REMOVE ${old.map((_, i) => `#marks.#old${i}`).join(', ')}`;
        if (current === undefined) condition = 'attribute_exists(#marks) AND attribute_not_exists(#marks.#shard)';
        else {
          condition = '#marks.#shard = :current';
          values[':current'] = current;
        }
      }
      try {
        await this.t.client.send(
          new UpdateCommand({
            TableName: this.t.tableName,
            Key: key,
            UpdateExpression: `${set} ADD support :s, oppose :o, mixed :m, #total :t${remove}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return;
      } catch (err) {
        // Another shard's consumer created the marks first (or this batch runs twice at once): read again.
        if (!isConditionFailed(err) || attempt >= 8) throw err;
        item = (await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: key, ConsistentRead: true }))).Item;
      }
    }
  }

  /**
   * Moves a cell's latest record after a batch: the newest record the batch offers wins by a
   * conditional SET (skipped when the item read is newer: a lost condition means a newer one is
   * there). If a document of the batch held the latest and its record is gone or moved, the next
   * newest is read from the actor x term timeline (refill).
   */
  private async moveLatest(cell: CellChanges, item: Item | undefined): Promise<void> {
    const key = keys.cellLatestKey(cell.tracker, cell.actor, cell.term);
    // Whether a leaving document holds the latest must not be missed: read it consistently then.
    if (cell.documents.some((d) => d.removedOrMoved)) item = (await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: key, ConsistentRead: true }))).Item;
    let refilled = false;
    const leaving = item ? cell.documents.find((d) => d.removedOrMoved && d.document === String(item.document)) : undefined;
    if (leaving) {
      await this.refill(cell.tracker, leaving.document, cell, key, leaving.rev);
      refilled = true;
    }
    const newest = newestCandidate(cell.documents);
    if (!newest) return;
    const order = keys.latestOrder(newest.after.publishedAt, newest.document);
    const heldOrder = item ? String(item.order) : undefined;
    const heldRev = item?.rev === undefined ? undefined : Number(item.rev);
    // What was read is newer: the SET would lose its condition (unless a refill moved the cell back).
    if (!refilled && heldOrder !== undefined && (heldOrder > order || (heldOrder === order && heldRev !== undefined && heldRev > newest.rev))) return;
    try {
      await this.t.client.send(
        new UpdateCommand({
          TableName: this.t.tableName,
          Key: key,
          UpdateExpression: 'SET #type = :type, tracker = :tracker, actor = :actor, term = :term, stance = :stance, #at = :at, #doc = :doc, #order = :order, #rev = :rev',
          ConditionExpression: 'attribute_not_exists(#order) OR #order < :order OR (#order = :order AND (attribute_not_exists(#rev) OR #rev <= :rev))',
          ExpressionAttributeNames: { '#type': 'type', '#at': 'at', '#doc': 'document', '#order': 'order', '#rev': 'rev' },
          ExpressionAttributeValues: { ':type': 'cell-latest', ':tracker': cell.tracker, ':actor': cell.actor, ':term': cell.term, ':stance': newest.after.stance, ':at': newest.after.publishedAt, ':doc': newest.document, ':order': order, ':rev': newest.rev },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  private async refill(trackerId: string, documentId: string, d: { actor: string; term: string }, key: { pk: string; sk: string }, tagRevision: number): Promise<void> {
    // The table may still hold records a committed tagging removes (their deletes follow the commit),
    // and a record may go while it is being made the latest (its own re-tag saw this document as the
    // latest and left it alone): so each one made the latest is checked against what its document
    // counts, and the next one tried while it is not counted.
    const gone = new Set([documentId]);
    let holder = documentId;
    let known: StoredRecord | undefined;
    for (let round = 0; round <= CELL_RECENT; round++) {
      // This document's later tagging may have made its record the latest again (a higher rev); a record
      // this refill made the latest has no rev until its own tagging moves it.
      const held = round === 0 ? { condition: '#doc = :doc AND (attribute_not_exists(#rev) OR #rev <= :rev)', values: { ':doc': holder, ':rev': tagRevision } } : { condition: '#doc = :doc AND attribute_not_exists(#rev)', values: { ':doc': holder } };
      let next = known;
      if (!next) [next] = await cellTimeline(this.t, { tracker: trackerId, actor: d.actor, term: d.term }, { want: 1, skip: gone, consistent: true });
      try {
        if (next) {
          await this.t.client.send(
            new PutCommand({
              TableName: this.t.tableName,
              Item: { ...key, type: 'cell-latest', tracker: trackerId, actor: d.actor, term: d.term, stance: next.stance, at: next.publishedAt, document: next.document, order: keys.latestOrder(next.publishedAt, next.document) },
              ConditionExpression: held.condition,
              ExpressionAttributeNames: { '#doc': 'document', '#rev': 'rev' },
              ExpressionAttributeValues: held.values,
            }),
          );
        } else {
          await this.t.client.send(
            new DeleteCommand({ TableName: this.t.tableName, Key: key, ConditionExpression: held.condition, ExpressionAttributeNames: { '#doc': 'document', '#rev': 'rev' }, ExpressionAttributeValues: held.values }),
          );
          return;
        }
      } catch (err) {
        // Another document is the latest: this one's removal does not touch it.
        if (!isConditionFailed(err)) throw err;
        return;
      }
      // What its document counts is the authority: a record a committed tagging removes may still be in the table.
      const owner = await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.documentKey(next.document), ConsistentRead: true, ProjectionExpression: 'cells, cellsAt' }));
      const counted = unpackCells((owner.Item?.cells ?? []) as string[], owner.Item?.cellsAt as string | undefined).map(parseCellEntry).find((c) => c.actor === d.actor && c.term === d.term);
      if (counted && counted.stance === next.stance && counted.publishedAt === next.publishedAt) return;
      const record = counted ? { ...next, stance: counted.stance, publishedAt: counted.publishedAt } : undefined;
      holder = next.document;
      // Changed in place: write what it says now; gone or moved in time: the next one.
      known = record && record.publishedAt === next.publishedAt ? record : undefined;
      if (!known) gone.add(next.document);
    }
  }
}
