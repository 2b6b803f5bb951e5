// DynamoStore: every read and write of the single table (key scheme in keys.ts).
// Each public read is one Query or GetItem; each write that must be exact is one
// TransactWriteItems guarded by conditions, so a crash or a concurrent writer leaves
// either the old state or the new one, never half of it.
import { gunzipSync, gzipSync } from 'node:zlib';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { ConflictError, NotFoundError, TooLargeError, ValidationError } from '../errors.js';
import { StanceSchema, TrackerSchema, trackerVersion, type Tracker } from '../core/tracker.js';
import { CellSchema, DocumentMetaSchema, EvidenceSchema, type Cell, type StanceRecord, type TaggedWith } from '../core/records.js';
import * as keys from './keys.js';

/** Texts above this many UTF-8 bytes are stored gzipped in a Binary attribute. */
export const GZIP_ABOVE_BYTES = 64 * 1024;
/** A stored text (gzipped if large) may take at most this much of the 400 KB item. */
export const MAX_STORED_TEXT_BYTES = 350 * 1024;
/** How many recent records a matrix cell remembers, so a re-tag that removes the latest still knows the next. */
export const CELL_RECENT = 5;
/** DynamoDB's limit on actions in one transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;

const DocumentItemSchema = DocumentMetaSchema.extend({
  text: z.string().optional(),
  textGz: z.instanceof(Uint8Array).optional(),
  textBytes: z.number().int(),
  tagRevision: z.number().int(),
  recordCount: z.number().int().default(0),
  /** Whether the text guard of contentHash points at this document (another may hold the same text). */
  ownsTextGuard: z.boolean().default(true),
});
type DocumentItem = z.infer<typeof DocumentItemSchema>;

/** A stored document with its text decoded. */
export type StoredDocument = Omit<DocumentItem, 'text' | 'textGz'> & { text: string };

const RecordItemSchema = z.object({
  tracker: z.string(),
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
  confidence: z.number(),
  evidence: z.array(EvidenceSchema),
  publishedAt: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
});
export type StoredRecord = z.infer<typeof RecordItemSchema>;

const RecentSchema = z.object({ at: z.string(), document: z.string(), stance: StanceSchema });
type Recent = z.infer<typeof RecentSchema>;

/** A cell as stored: the 5 newest records stand in for `latest`, `seq` guards concurrent updates. */
const CellItemSchema = CellSchema.omit({ latest: true }).extend({
  recent: z.array(RecentSchema),
  seq: z.number().int(),
});
type CellItem = z.infer<typeof CellItemSchema>;

export interface StoredTracker {
  tracker: Tracker;
  version: string;
}

export interface NewDocument {
  tracker: string;
  url?: string | undefined;
  title?: string | undefined;
  source?: string | undefined;
  publishedAt: string;
  text: string;
}

export type IngestOutcome =
  | { status: 'created' | 'updated'; id: string; textVersion: number }
  | { status: 'duplicate'; id: string; textVersion: number; /** false while the stored copy waits for tagging */ tagged: boolean };

export interface Page<T> {
  items: T[];
  /** Opaque: base64url of the LastEvaluatedKey; absent on the last page. */
  cursor?: string;
}

const SourceStateSchema = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastFetchedAt: z.string(),
  /** HTTP status or a short error of the last fetch. */
  lastStatus: z.string().optional(),
});
export type SourceState = z.input<typeof SourceStateSchema> & { etag?: string | undefined; lastModified?: string | undefined; lastStatus?: string | undefined };

export interface StancesQuery {
  tracker: string;
  actor?: string | undefined;
  term?: string | undefined;
  /** ISO-8601 UTC bounds, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

// ---------------------------------------------------------------- cursors

const CursorKeySchema = z.record(z.string(), z.string());

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * A cursor is only accepted if it decodes to exactly the key attributes of the index being
 * read and its partition is the one asked for: a forged or foreign cursor is a 400.
 */
export function decodeCursor(cursor: string, expect: { attributes: string[]; partition: [string, string] }): Record<string, string> {
  const bad = () => new ValidationError('not a cursor this query returned', 'query.cursor');
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const result = CursorKeySchema.safeParse(parsed);
  if (!result.success) throw bad();
  const key = result.data;
  const names = Object.keys(key).sort();
  if (names.join() !== [...expect.attributes].sort().join()) throw bad();
  if (key[expect.partition[0]] !== expect.partition[1]) throw bad();
  return key;
}

// ---------------------------------------------------------------- text

function encodeText(text: string): { text?: string; textGz?: Uint8Array; textBytes: number } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= GZIP_ABOVE_BYTES) return { text, textBytes: bytes };
  const gz = gzipSync(text);
  if (gz.byteLength > MAX_STORED_TEXT_BYTES) {
    throw new TooLargeError(`text of ${bytes} bytes does not fit in one item even gzipped (${gz.byteLength} > ${MAX_STORED_TEXT_BYTES} bytes)`);
  }
  return { textGz: new Uint8Array(gz), textBytes: bytes };
}

/** Checks a text fits before anything is written (the ingest path calls it for a whole batch first). */
export function assertTextFits(text: string): void {
  encodeText(text);
}

function decodeDocument(item: Record<string, unknown>): StoredDocument {
  const doc = DocumentItemSchema.parse(item);
  const { text, textGz, ...rest } = doc;
  return { ...rest, text: textGz ? gunzipSync(textGz).toString('utf8') : (text ?? '') };
}

// ---------------------------------------------------------------- cells

function cellView(c: CellItem): Cell {
  const latest = c.recent[0];
  return {
    actor: c.actor,
    term: c.term,
    support: c.support,
    oppose: c.oppose,
    mixed: c.mixed,
    total: c.total,
    ...(latest ? { latest: { stance: latest.stance, publishedAt: latest.at, document: latest.document } } : {}),
  };
}

const newestFirst = (a: Recent, b: Recent) => (a.at === b.at ? b.document.localeCompare(a.document) : b.at.localeCompare(a.at));

function isCancelled(err: unknown): boolean {
  return err instanceof TransactionCanceledException || (err as Error)?.name === 'TransactionCanceledException';
}

function recordContent(r: Omit<StoredRecord, 'tracker'>): string {
  return JSON.stringify([r.stance, r.confidence, r.evidence, r.publishedAt, r.title ?? null, r.url ?? null]);
}

export interface ReplaceResult {
  changed: boolean;
  put: number;
  deleted: number;
  cells: number;
}

export class DynamoStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ------------------------------------------------------------ trackers

  /** Writes (or replaces) a tracker; returns its content version. */
  async putTracker(tracker: Tracker): Promise<string> {
    const version = trackerVersion(tracker);
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: keys.trackerItem(tracker, version) }));
    return version;
  }

  async getTracker(trackerId: string): Promise<StoredTracker | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.trackerKey(trackerId) }));
    if (!out.Item) return undefined;
    return this.parseTracker(out.Item);
  }

  // A tracker item is validated once per content version, not on every read.
  private readonly parsedTrackers = new Map<string, StoredTracker>();
  private parseTracker(item: Record<string, unknown>): StoredTracker {
    const version = String(item.version);
    const cacheKey = `${String(item.pk)}\n${version}`;
    let parsed = this.parsedTrackers.get(cacheKey);
    if (!parsed) {
      parsed = { tracker: TrackerSchema.parse(item.tracker), version };
      if (this.parsedTrackers.size > 32) this.parsedTrackers.clear();
      this.parsedTrackers.set(cacheKey, parsed);
    }
    return parsed;
  }

  async requireTracker(trackerId: string): Promise<StoredTracker> {
    const found = await this.getTracker(trackerId);
    if (!found) throw new NotFoundError(`no tracker "${trackerId}"`);
    return found;
  }

  /** The tracker and every actor x term cell: one Query of the tracker's partition. */
  async getMatrix(trackerId: string): Promise<StoredTracker & { cells: Cell[] }> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.trackerPartition(trackerId) } });
    const meta = items.find((i) => i.sk === keys.META);
    if (!meta) throw new NotFoundError(`no tracker "${trackerId}"`);
    const { tracker, version } = this.parseTracker(meta);
    // Cells of actors or terms a changed tracker dropped, and cells a re-tag emptied, say nothing.
    const actors = new Set(tracker.actors.map((a) => a.id));
    const terms = new Set(tracker.terms.map((t) => t.id));
    const cells = items
      .filter((i) => String(i.sk).startsWith(keys.CELL_PREFIX))
      .map((i) => cellView(CellItemSchema.parse(i)))
      .filter((c) => c.total > 0 && actors.has(c.actor) && terms.has(c.term));
    return { tracker, version, cells };
  }

  // ------------------------------------------------------------ documents

  async getDocument(documentId: string): Promise<{ document: StoredDocument; records: StoredRecord[] } | undefined> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.documentPartition(documentId) },
      ConsistentRead: true,
    });
    const meta = items.find((i) => i.sk === keys.META);
    if (!meta) return undefined;
    const records = items.filter((i) => String(i.sk).startsWith(keys.RECORD_PREFIX)).map((i) => RecordItemSchema.parse(i));
    return { document: decodeDocument(meta), records };
  }

  /**
   * Stores a document once. Same URL and same text: a duplicate. Same URL, other text: a new
   * version of that document (marked untagged). No URL, a text already stored under this
   * tracker (under any URL): a duplicate of that document. Conditional writes make parallel
   * ingests of the same document agree; a lost race is retried from the reads.
   */
  async ingestDocument(input: NewDocument, now: string): Promise<IngestOutcome> {
    const encoded = encodeText(input.text);
    const hash = keys.contentHash(input.text);
    const id = keys.documentId(input.tracker, { url: input.url, contentHash: hash });
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryIngest(input, encoded, hash, id, now);
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= 4) throw err;
      }
    }
  }

  private async tryIngest(input: NewDocument, encoded: ReturnType<typeof encodeText>, hash: string, id: string, now: string): Promise<IngestOutcome> {
    const [existing, guard] = await Promise.all([
      this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.documentKey(id), ConsistentRead: true })),
      this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.textGuardKey(input.tracker, hash), ConsistentRead: true })),
    ]);
    const guardOwner = guard.Item ? String(guard.Item.documentId) : undefined;
    const fields = {
      tracker: input.tracker,
      ...(input.url ? { url: input.url } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(input.source ? { source: input.source } : {}),
      publishedAt: input.publishedAt,
      ingestedAt: now,
      contentHash: hash,
    };

    if (existing.Item) {
      const old = DocumentItemSchema.parse(existing.Item);
      if (old.contentHash === hash) return { status: 'duplicate', id, textVersion: old.textVersion, tagged: old.taggedWith !== undefined };
      // A changed text under a known URL: the same document, a new version, to be re-tagged.
      const textVersion = old.textVersion + 1;
      const item = {
        ...keys.documentKey(id),
        type: 'document',
        id,
        ...fields,
        ...encoded,
        textVersion,
        tagRevision: old.tagRevision,
        recordCount: old.recordCount,
        ownsTextGuard: !guardOwner,
        ...keys.documentTagState(input.tracker, id),
        ...keys.documentListKeys(input.tracker, id, input.publishedAt),
      };
      const actions: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'contentHash = :old', ExpressionAttributeValues: { ':old': old.contentHash } } },
      ];
      if (old.ownsTextGuard) {
        actions.push({
          Delete: {
            TableName: this.tableName,
            Key: keys.textGuardKey(input.tracker, old.contentHash),
            ConditionExpression: 'documentId = :id',
            ExpressionAttributeValues: { ':id': id },
          },
        });
      }
      // The new text may already belong to another document (another URL): that one keeps it.
      if (!guardOwner) {
        actions.push({
          Put: { TableName: this.tableName, Item: { ...keys.textGuardKey(input.tracker, hash), documentId: id, textVersion }, ConditionExpression: 'attribute_not_exists(pk)' },
        });
      }
      await this.transact(actions);
      return { status: 'updated', id, textVersion };
    }

    // The same text under another URL: a duplicate of the owner, queued again by the caller if it waits for tagging.
    if (guardOwner) return { status: 'duplicate', id: guardOwner, textVersion: Number(guard.Item?.textVersion ?? 1), tagged: await this.isTagged(guardOwner) };

    const item = {
      ...keys.documentKey(id),
      type: 'document',
      id,
      ...fields,
      ...encoded,
      textVersion: 1,
      tagRevision: 0,
      recordCount: 0,
      ownsTextGuard: true,
      ...keys.documentTagState(input.tracker, id),
      ...keys.documentListKeys(input.tracker, id, input.publishedAt),
    };
    await this.transact([
      { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: this.tableName, Item: { ...keys.textGuardKey(input.tracker, hash), documentId: id, textVersion: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ]);
    return { status: 'created', id, textVersion: 1 };
  }

  private async isTagged(documentId: string): Promise<boolean> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.documentKey(documentId), ConsistentRead: true, ProjectionExpression: 'taggedWith' }),
    );
    return out.Item?.taggedWith !== undefined;
  }

  // ------------------------------------------------------------ tagging

  /**
   * Replaces a document's records with `records` and corrects the matrix cells by exactly the
   * difference, in ONE transaction conditioned on the document's tag revision and text (so a
   * concurrent tagging or a new text version makes it fail with ConflictError, and the caller
   * re-reads and re-tags) and on each touched cell's sequence number (so two documents updating
   * one cell never lose an update). Running it again with the same records changes nothing.
   * Cap: a tagging that changes more than 49 (actor, term) pairs at once would exceed the
   * 100-action transaction and is refused with TooLargeError rather than split.
   */
  async replaceRecords(
    snapshot: { document: StoredDocument; records: StoredRecord[] },
    records: StanceRecord[],
    taggedWith: TaggedWith,
  ): Promise<ReplaceResult> {
    const doc = snapshot.document;
    const trackerId = doc.tracker;
    const old = new Map(snapshot.records.map((r) => [keys.recordSortKey(r.actor, r.term), r]));
    const next = new Map<string, StoredRecord>();
    for (const r of records) {
      next.set(keys.recordSortKey(r.actor, r.term), {
        tracker: trackerId,
        document: doc.id,
        actor: r.actor,
        term: r.term,
        stance: r.stance,
        confidence: r.confidence,
        evidence: r.evidence,
        publishedAt: doc.publishedAt,
        ...(doc.title ? { title: doc.title } : {}),
        ...(doc.url ? { url: doc.url } : {}),
      });
    }

    const puts: StoredRecord[] = [];
    const deletes: string[] = [];
    const touchedCells = new Map<string, { actor: string; term: string; before?: StoredRecord; after?: StoredRecord }>();
    for (const sk of new Set([...old.keys(), ...next.keys()])) {
      const before = old.get(sk);
      const after = next.get(sk);
      if (before && after && recordContent(before) === recordContent(after)) continue;
      if (after) puts.push(after);
      else deletes.push(sk);
      const cellChanges = !before || !after || before.stance !== after.stance || before.publishedAt !== after.publishedAt;
      if (cellChanges) {
        const { actor, term } = (after ?? before)!;
        touchedCells.set(sk, { actor, term, ...(before ? { before } : {}), ...(after ? { after } : {}) });
      }
    }

    const sameTagState =
      doc.taggedWith?.taggerVersion === taggedWith.taggerVersion && doc.taggedWith?.trackerVersion === taggedWith.trackerVersion;
    if (!puts.length && !deletes.length && sameTagState) return { changed: false, put: 0, deleted: 0, cells: 0 };

    const actionCount = 1 + puts.length + deletes.length + touchedCells.size;
    if (actionCount > MAX_TRANSACTION_ACTIONS) {
      throw new TooLargeError(
        `re-tagging document ${doc.id} changes ${puts.length + deletes.length} records and ${touchedCells.size} cells: more than one ${MAX_TRANSACTION_ACTIONS}-action transaction`,
      );
    }

    const cellItems = touchedCells.size ? await this.readCells(trackerId, [...touchedCells.values()]) : new Map<string, CellItem>();
    const actions: NonNullable<TransactWriteCommandInput['TransactItems']> = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.documentKey(doc.id),
          UpdateExpression: 'SET tagRevision = :next, taggedWith = :tw, recordCount = :n, gsi1sk = :state',
          ConditionExpression: 'tagRevision = :rev AND contentHash = :hash',
          ExpressionAttributeValues: {
            ':next': doc.tagRevision + 1,
            ':rev': doc.tagRevision,
            ':hash': doc.contentHash,
            ':tw': taggedWith,
            ':n': next.size,
            ':state': keys.documentTagState(trackerId, doc.id, taggedWith).gsi1sk,
          },
        },
      },
      ...puts.map((r) => ({
        Put: { TableName: this.tableName, Item: { ...keys.recordKey(doc.id, r.actor, r.term), type: 'record', ...r, ...keys.recordIndexKeys(trackerId, r) } },
      })),
      ...deletes.map((sk) => ({ Delete: { TableName: this.tableName, Key: { pk: keys.documentPartition(doc.id), sk } } })),
    ];

    for (const change of touchedCells.values()) {
      const key = keys.cellKey(trackerId, change.actor, change.term);
      const current = cellItems.get(key.sk);
      const cell: CellItem = current
        ? { ...current, recent: [...current.recent] }
        : { actor: change.actor, term: change.term, support: 0, oppose: 0, mixed: 0, total: 0, recent: [], seq: 0 };
      if (change.before) {
        cell[change.before.stance] -= 1;
        cell.total -= 1;
      }
      if (change.after) {
        cell[change.after.stance] += 1;
        cell.total += 1;
      }
      cell.recent = cell.recent.filter((e) => e.document !== doc.id);
      if (change.after) cell.recent.push({ at: change.after.publishedAt, document: doc.id, stance: change.after.stance });
      cell.recent.sort(newestFirst);
      if (cell.recent.length < Math.min(CELL_RECENT, cell.total)) cell.recent = await this.refillRecent(trackerId, cell, doc.id);
      cell.recent = cell.recent.slice(0, CELL_RECENT);
      actions.push({
        Put: {
          TableName: this.tableName,
          Item: { ...key, type: 'cell', tracker: trackerId, ...cell, seq: cell.seq + 1 },
          ...(current
            ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': current.seq } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      });
    }

    await this.transact(actions);
    return { changed: true, put: puts.length, deleted: deletes.length, cells: touchedCells.size };
  }

  /** The touched cells, read consistently (at most 49 keys: one BatchGetItem, plus retries of unprocessed keys). */
  private async readCells(trackerId: string, cells: { actor: string; term: string }[]): Promise<Map<string, CellItem>> {
    const found = new Map<string, CellItem>();
    let pending: Record<string, unknown>[] = cells.map((c) => keys.cellKey(trackerId, c.actor, c.term));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
      const out = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.tableName] ?? []) found.set(String(item.sk), CellItemSchema.parse(item));
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      if (attempt >= 8 && pending.length) throw new ConflictError('the table kept cells unprocessed; try again');
    }
    return found;
  }

  /**
   * The cell lost remembered records (a re-tag removed them): the next newest come from the
   * actor-term timeline. Records of the document being re-tagged are skipped there, since the
   * index may still show what this transaction is about to change.
   */
  private async refillRecent(trackerId: string, cell: CellItem, excludeDocument: string): Promise<Recent[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.timelinePartition(trackerId, cell.actor, cell.term) },
        ScanIndexForward: false,
        Limit: CELL_RECENT * 2 + 1,
      }),
    );
    const merged = new Map(cell.recent.map((e) => [e.document, e]));
    for (const item of out.Items ?? []) {
      const r = RecordItemSchema.parse(item);
      if (r.document === excludeDocument || merged.has(r.document)) continue;
      merged.set(r.document, { at: r.publishedAt, document: r.document, stance: r.stance });
    }
    return [...merged.values()].sort(newestFirst);
  }

  // ------------------------------------------------------------ reads for the API

  /** Stance records by actor and/or term, newest first, in an inclusive time window: one Query per page. */
  async queryStances(q: StancesQuery): Promise<Page<StoredRecord>> {
    const { index, partition } = keys.stancesIndex(q.tracker, q);
    const pkName = `${index}pk`;
    const skName = `${index}sk`;
    const names: Record<string, string> = { '#pk': pkName };
    const values: Record<string, unknown> = { ':pk': partition };
    let condition = '#pk = :pk';
    const window = { from: q.from ?? '0', to: `${q.to ?? '9999'}${keys.PREFIX_END}` };
    if (q.from || q.to) {
      if (window.from > window.to) throw new ValidationError('"from" is after "to"', 'query.from');
      names['#sk'] = skName;
      values[':from'] = window.from;
      values[':to'] = window.to;
      condition += ' AND #sk BETWEEN :from AND :to';
    }
    const startKey = q.cursor
      ? decodeCursor(q.cursor, { attributes: ['pk', 'sk', pkName, skName], partition: [pkName, partition] })
      : undefined;
    // DynamoDB refuses a start key outside the key condition: that is a cursor from another window.
    if (startKey && !(startKey[skName]! >= window.from && startKey[skName]! <= window.to)) {
      throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: q.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const cursor = encodeCursor(out.LastEvaluatedKey);
    return { items: (out.Items ?? []).map((i) => RecordItemSchema.parse(i)), ...(cursor ? { cursor } : {}) };
  }

  // ------------------------------------------------------------ re-tagging support

  /**
   * Ids of documents of a tracker not tagged by exactly the current (tagger, tracker) versions,
   * including never-tagged ones: one Query per call. The cursor resumes across calls; the
   * documents tagged meanwhile drop out of the range by themselves.
   */
  async findStaleDocuments(
    trackerId: string,
    current: { taggerVersion: string; trackerVersion: string },
    page: { limit: number; cursor?: string | undefined },
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
      startKey = rest ? decodeCursor(rest, { attributes: ['pk', 'sk', 'gsi1pk', 'gsi1sk'], partition: ['gsi1pk', partition] }) : undefined;
      // A cursor kept from before a tracker or tagger change may lie outside today's ranges: start over.
      const sk = startKey?.gsi1sk;
      if (sk !== undefined && (side === 'below' ? !(sk < prefix) : !(sk > `${prefix}${keys.PREFIX_END}`))) {
        side = 'below';
        startKey = undefined;
      }
    }
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: side === 'below' ? 'gsi1pk = :pk AND gsi1sk < :bound' : 'gsi1pk = :pk AND gsi1sk > :bound',
        ExpressionAttributeValues: { ':pk': partition, ':bound': side === 'below' ? prefix : `${prefix}${keys.PREFIX_END}` },
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

  /** What the last read of a source for this tracker left: validators for a conditional GET. */
  async getSourceState(trackerId: string, url: string): Promise<SourceState | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.sourceStateKey(trackerId, url) }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, tracker: _tracker, ...state } = out.Item;
    return SourceStateSchema.parse(state);
  }

  async putSourceState(trackerId: string, state: SourceState): Promise<void> {
    const defined = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.sourceStateKey(trackerId, state.url), type: 'source', tracker: trackerId, ...defined } }),
    );
  }

  /**
   * Which of these URLs the tracker already holds a document for (compared without #fragment):
   * document ids derive from URLs, so this is BatchGetItem of document keys, 100 per call.
   */
  async knownUrls(trackerId: string, urls: string[]): Promise<Set<string>> {
    const byId = new Map<string, string[]>();
    for (const url of urls) {
      let id: string;
      try {
        id = keys.documentId(trackerId, { url, contentHash: '' });
      } catch {
        continue; // not a URL: never stored under one
      }
      byId.set(id, [...(byId.get(id) ?? []), url]);
    }
    const known = new Set<string>();
    const ids = [...byId.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      let pending: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => keys.documentKey(id));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
        if (attempt > 8) throw new ConflictError('the table kept document keys unprocessed; try again');
        const out = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ProjectionExpression: 'id' } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) for (const url of byId.get(String(item.id)) ?? []) known.add(url);
        pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return known;
  }

  async getRetagCursor(trackerId: string): Promise<string | undefined> {
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: keys.retagCursorKey(trackerId) }));
    return out.Item?.cursor === undefined ? undefined : String(out.Item.cursor);
  }

  /** Remembers where the re-tagging of a tracker stopped; undefined clears it (done). */
  async putRetagCursor(trackerId: string, cursor: string | undefined, now: string): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.retagCursorKey(trackerId), type: 'retag-cursor', ...(cursor ? { cursor } : {}), updatedAt: now } }),
    );
  }

  // ------------------------------------------------------------ plumbing

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.client.send(new QueryCommand({ TableName: this.tableName, ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  private async transact(actions: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: actions }));
    } catch (err) {
      if (isCancelled(err)) {
        const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
        // Only lost conditions are a conflict to retry; a throttled or failed transaction is not.
        if (reasons.length === 0 || reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict')) {
          throw new ConflictError('a concurrent write changed the items this write depends on');
        }
      }
      throw err;
    }
  }
}
