// Matrix cells: counts in CELL_SHARDS shard items per cell, each moved only by ADD (so
// concurrent taggings never read-modify-write one item), and a latest-record item per cell
// that only moves forward in time (a conditional SET that may lose, and loses harmlessly).
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import type { Cell } from '../../core/records.js';
import * as keys from '../keys.js';
import { CELL_RECENT, RecordItemSchema, type CellDelta, type StoredRecord, type StoredTracker } from '../model.js';
import { isConditionFailed, type TableContext, type TransactItems } from './context.js';
import type { DynamoTrackers } from './trackers.js';

/** The ADD of one delta to the shard of the tagged document: one transaction action. */
export function cellAddAction(t: TableContext, trackerId: string, documentId: string, d: CellDelta): TransactItems[number] {
  return {
    Update: {
      TableName: t.tableName,
      Key: keys.cellShardKey(trackerId, d.actor, d.term, keys.cellShard(documentId)),
      UpdateExpression: 'SET #type = :type, tracker = :tracker, actor = :actor, term = :term ADD support :s, oppose :o, mixed :m, #total :t',
      ExpressionAttributeNames: { '#type': 'type', '#total': 'total' },
      ExpressionAttributeValues: { ':type': 'cell', ':tracker': trackerId, ':actor': d.actor, ':term': d.term, ':s': d.support, ':o': d.oppose, ':m': d.mixed, ':t': d.total },
    },
  };
}

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
   * Moves each changed cell's latest record after a tagging. A newer record wins by a
   * conditional SET (a lost condition means a newer one is there: nothing to do). If this
   * document held the latest and its record is gone or moved, the next newest is read from
   * the actor x term timeline, skipping this document (the index may lag behind).
   */
  async updateLatest(trackerId: string, documentId: string, deltas: CellDelta[], tagRevision: number): Promise<void> {
    // A few at a time: a round-up moves up to every cell of the tracker.
    for (let i = 0; i < deltas.length; i += 16) await Promise.all(deltas.slice(i, i + 16).map((d) => this.updateOneLatest(trackerId, documentId, d, tagRevision)));
  }

  /** `tagRevision` is the document's after the tagging: a later tagging's moves of its own record win over an earlier one's. */
  private async updateOneLatest(trackerId: string, documentId: string, d: CellDelta, tagRevision: number): Promise<void> {
    {
      const key = keys.cellLatestKey(trackerId, d.actor, d.term);
      if (d.removedOrMoved) await this.refill(trackerId, documentId, d, key, tagRevision);
      if (!d.after) return;
      const order = keys.latestOrder(d.after.publishedAt, documentId);
      try {
        await this.t.client.send(
          new UpdateCommand({
            TableName: this.t.tableName,
            Key: key,
            UpdateExpression: 'SET #type = :type, tracker = :tracker, actor = :actor, term = :term, stance = :stance, #at = :at, #doc = :doc, #order = :order, #rev = :rev',
            ConditionExpression: 'attribute_not_exists(#order) OR #order < :order OR (#order = :order AND (attribute_not_exists(#rev) OR #rev <= :rev))',
            ExpressionAttributeNames: { '#type': 'type', '#at': 'at', '#doc': 'document', '#order': 'order', '#rev': 'rev' },
            ExpressionAttributeValues: { ':type': 'cell-latest', ':tracker': trackerId, ':actor': d.actor, ':term': d.term, ':stance': d.after.stance, ':at': d.after.publishedAt, ':doc': documentId, ':order': order, ':rev': tagRevision },
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
  }

  private async refill(trackerId: string, documentId: string, d: CellDelta, key: { pk: string; sk: string }, tagRevision: number): Promise<void> {
    // The index may still show records gone since, and a record may go while it is being made the
    // latest (its own re-tag saw this document as the latest and left it alone): so each one made
    // the latest is read back from the table, and the next one tried while it is gone.
    const gone = new Set([documentId]);
    let holder = documentId;
    let known: StoredRecord | undefined;
    for (let round = 0; round <= CELL_RECENT; round++) {
      // This document's later tagging may have made its record the latest again (a higher rev); a record
      // this refill made the latest has no rev until its own tagging moves it.
      const held = round === 0 ? { condition: '#doc = :doc AND (attribute_not_exists(#rev) OR #rev <= :rev)', values: { ':doc': holder, ':rev': tagRevision } } : { condition: '#doc = :doc AND attribute_not_exists(#rev)', values: { ':doc': holder } };
      let next = known;
      if (!next) {
        const out = await this.t.client.send(
          new QueryCommand({
            TableName: this.t.tableName,
            IndexName: keys.TIMELINE_INDEX,
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.timelinePartition(trackerId, d.actor, d.term) },
            ScanIndexForward: false,
            Limit: CELL_RECENT * 2 + 1,
          }),
        );
        next = (out.Items ?? []).map((i) => RecordItemSchema.parse(i)).find((r) => !gone.has(r.document));
      }
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
      const now = await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.recordKey(next.document, d.actor, d.term), ConsistentRead: true }));
      const record = now.Item ? RecordItemSchema.parse(now.Item) : undefined;
      if (record && record.stance === next.stance && record.publishedAt === next.publishedAt) return;
      holder = next.document;
      // Changed in place: write what it says now; gone or moved in time: the next one.
      known = record && record.publishedAt === next.publishedAt ? record : undefined;
      if (!known) gone.add(next.document);
    }
  }
}
