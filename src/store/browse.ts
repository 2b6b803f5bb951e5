// The analyst's reads: a tracker's documents newest first, every record of a window (for
// alignment and the networks), pages of records for the CSV export, and the cells whose
// latest stance changed. Kept apart from DynamoStore behind the BrowseReads port, which is
// what the API depends on. Key scheme: keys.ts.
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { cellChange, inWindow, newestFirst, type CellEntry, type StanceChange, type TimeWindow } from '../core/analysis.js';
import { DocumentMetaSchema, StanceRecordSchema } from '../core/records.js';
import { StanceSchema } from '../core/tracker.js';
import { ValidationError } from '../errors.js';
import * as keys from './keys.js';
import { decodeCursor, encodeCursor, type Page, type StoredRecord } from './model.js';
import { readTagStates } from './dynamo/documents.js';
import { cellTimeline } from './dynamo/timeline.js';

export const DocumentSummarySchema = DocumentMetaSchema.omit({ contentHash: true }).extend({ recordCount: z.number().int().default(0) });
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

const RecordItemSchema = StanceRecordSchema.extend({ tracker: z.string(), publishedAt: z.string(), title: z.string().optional(), url: z.string().optional() });
const EntrySchema = z.object({ at: z.string(), document: z.string(), stance: StanceSchema });
/** A cell's latest-record item (see dynamo/cells.ts). */
const CellLatestSchema = z.object({ actor: z.string(), term: z.string(), at: z.string(), document: z.string(), stance: StanceSchema });

export interface DocumentsQuery extends TimeWindow {
  tracker: string;
  limit: number;
  cursor?: string | undefined;
}

export interface RecordsPageQuery extends TimeWindow {
  tracker: string;
  /** The tracker's terms, in its order: the export walks them one after the other. */
  terms: readonly string[];
  limit: number;
  cursor?: string | undefined;
}

export interface ChangesQuery extends TimeWindow {
  tracker: string;
  limit: number;
  cursor?: string | undefined;
}

/** What the API's browse and export routes need from the table. */
export interface BrowseReads {
  /** Documents newest first in the window: one Query per page, and one BatchGetItem of the page's tag state. */
  listDocuments(q: DocumentsQuery): Promise<Page<DocumentSummary>>;
  /** Every record of these terms in the window: one Query per term (more for a term above 1 MB). */
  recordsInWindow(tracker: string, terms: readonly string[], window: TimeWindow): Promise<StoredRecord[]>;
  /** Up to `limit` records, term after term, newest first within a term: one Query per term the page touches. */
  recordsPage(q: RecordsPageQuery): Promise<Page<StoredRecord>>;
  /**
   * Cells whose latest stance in the window differs from the one before: one Query per page of
   * cells' latest records, plus one timeline Query for each cell whose newest record is in the
   * window and two for each whose newest record is after it.
   */
  changesPage(q: ChangesQuery): Promise<Page<StanceChange>>;
}

/** Sort-key bounds of a window over keys that start with `<publishedAt>#`. */
function windowBounds(window: TimeWindow): { from: string; to: string } {
  const bounds = { from: window.from ?? '0', to: `${window.to ?? '9999'}${keys.PREFIX_END}` };
  if (bounds.from > bounds.to) throw new ValidationError('"from" is after "to"', 'query.from');
  return bounds;
}

export class DynamoBrowse implements BrowseReads {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listDocuments(q: DocumentsQuery): Promise<Page<DocumentSummary>> {
    const partition = keys.documentsPartition(q.tracker);
    const bounds = windowBounds(q);
    const startKey = q.cursor ? this.startKey(q.cursor, partition, bounds) : undefined;
    const fields = ['id', 'tracker', 'url', 'title', 'source', 'publishedAt', 'ingestedAt', 'textVersion'];
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: keys.DOCUMENTS_INDEX,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': partition, ':from': bounds.from, ':to': bounds.to },
        // The text stays in the table: a listing shows what a document is, not what it says.
        ProjectionExpression: fields.map((_, i) => `#f${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
        ScanIndexForward: false,
        Limit: q.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const listed = out.Items ?? [];
    // The listing carries what ingest wrote; the tag state is on the document items (table.ts says why).
    const states = listed.length ? await readTagStates({ client: this.client, tableName: this.tableName }, listed.map((i) => String(i.id))) : new Map();
    const items = listed.map((i) => {
      const state = states.get(String(i.id));
      return DocumentSummarySchema.parse({ ...i, ...(state ? { taggedWith: state.taggedWith, recordCount: state.recordCount } : {}) });
    });
    const cursor = encodeCursor(out.LastEvaluatedKey);
    return { items, ...(cursor ? { cursor } : {}) };
  }

  async recordsInWindow(tracker: string, terms: readonly string[], window: TimeWindow): Promise<StoredRecord[]> {
    const bounds = windowBounds(window);
    const perTerm = await Promise.all(terms.map((term) => this.queryAll(this.termQuery(tracker, term, bounds))));
    return perTerm.flat().map((i) => RecordItemSchema.parse(keys.recordFromItem(i)));
  }

  async recordsPage(q: RecordsPageQuery): Promise<Page<StoredRecord>> {
    const bounds = windowBounds(q);
    let termIndex = 0;
    let startKey: Record<string, string> | undefined;
    if (q.cursor) {
      const match = /^(\d{1,4})(?:\.([A-Za-z0-9_-]+))?$/.exec(q.cursor);
      if (!match || Number(match[1]) >= q.terms.length) throw new ValidationError('not a cursor this export returned', 'query.cursor');
      termIndex = Number(match[1]);
      if (match[2]) startKey = this.recordStartKey(match[2], keys.termPartition(q.tracker, q.terms[termIndex]!), bounds);
    }
    const items: StoredRecord[] = [];
    while (termIndex < q.terms.length && items.length < q.limit) {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...this.termQuery(q.tracker, q.terms[termIndex]!, bounds),
          Limit: q.limit - items.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(out.Items ?? []).map((i) => RecordItemSchema.parse(keys.recordFromItem(i))));
      startKey = out.LastEvaluatedKey as Record<string, string> | undefined;
      if (!startKey) termIndex++;
    }
    let cursor: string | undefined;
    if (startKey) cursor = `${termIndex}.${encodeCursor(startKey)}`;
    else if (termIndex < q.terms.length) cursor = String(termIndex);
    return { items, ...(cursor ? { cursor } : {}) };
  }

  async changesPage(q: ChangesQuery): Promise<Page<StanceChange>> {
    const partition = keys.trackerPartition(q.tracker);
    const startKey = q.cursor ? decodeCursor(q.cursor, { attributes: ['pk', 'sk'], partition: ['pk', partition] }) : undefined;
    if (startKey && !startKey.sk!.startsWith(keys.LATEST_PREFIX)) throw new ValidationError('not a cursor this query returned', 'query.cursor');
    const bounds = windowBounds(q);
    // One item per cell holds its newest record; the matrix's counts are sharded and say nothing of order.
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :latest)',
        ExpressionAttributeValues: { ':pk': partition, ':latest': keys.LATEST_PREFIX },
        Limit: q.limit,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const found: StanceChange[] = [];
    for (const item of out.Items ?? []) {
      const cell = CellLatestSchema.parse(item);
      const newest: CellEntry = { at: cell.at, document: cell.document, stance: cell.stance };
      // Nothing of this cell in the window: no change to find, no further read.
      if (newest.at < bounds.from) continue;
      const entries = inWindow(newest.at, q) ? [newest, ...(await this.newestBefore(q.tracker, cell.actor, cell.term, newest.at, bounds.from))] : await this.latestTwo(q.tracker, cell.actor, cell.term, q);
      const change = cellChange(cell.actor, cell.term, entries, q);
      if (change) found.push(change);
    }
    found.sort((x, y) => newestFirst(x.latest, y.latest));
    const cursor = encodeCursor(out.LastEvaluatedKey);
    return { items: found, ...(cursor ? { cursor } : {}) };
  }

  /** The newest record of a cell published after `from` and before `at`: one timeline Query. */
  private async newestBefore(tracker: string, actor: string, term: string, at: string, from: string): Promise<CellEntry[]> {
    return (await this.timelineNewest(tracker, actor, term, from, `${at}#`)).filter((e) => e.at < at);
  }

  private async timelineNewest(tracker: string, actor: string, term: string, from: string, to: string): Promise<CellEntry[]> {
    const found = await cellTimeline({ client: this.client, tableName: this.tableName }, { tracker, actor, term }, { want: 1, from, to });
    return found.map((r) => EntrySchema.parse({ at: r.publishedAt, document: r.document, stance: r.stance }));
  }

  /** The newest record of a cell in the window and the newest one before it: two timeline Queries. */
  private async latestTwo(tracker: string, actor: string, term: string, window: TimeWindow): Promise<CellEntry[]> {
    const bounds = windowBounds(window);
    const [latest] = await this.timelineNewest(tracker, actor, term, bounds.from, bounds.to);
    if (!latest) return [];
    // A record's sort key is <publishedAt>#<actor>#<doc>: everything below "<at>#" was published before the latest.
    return [latest, ...(latest.at > bounds.from ? await this.newestBefore(tracker, actor, term, latest.at, bounds.from) : [])];
  }

  private termQuery(tracker: string, term: string, bounds: { from: string; to: string }): Omit<QueryCommandInput, 'TableName'> {
    // A term's records are the table's own partition (keys.recordKey).
    return {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.termPartition(tracker, term), ':from': bounds.from, ':to': bounds.to },
      ScanIndexForward: false,
    };
  }

  /** A cursor in a term's records: the right partition and inside the window, or a 400. */
  private recordStartKey(cursor: string, partition: string, bounds: { from: string; to: string }): Record<string, string> {
    const key = decodeCursor(cursor, { attributes: ['pk', 'sk'], partition: ['pk', partition] });
    if (!(key.sk! >= bounds.from && key.sk! <= bounds.to)) throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    return key;
  }

  /** A documents-listing cursor: the right partition and inside the window, or a 400. */
  private startKey(cursor: string, partition: string, bounds: { from: string; to: string }): Record<string, string> {
    const key = decodeCursor(cursor, { attributes: ['pk', 'sk', 'gsi2pk', 'gsi2sk'], partition: ['gsi2pk', partition] });
    if (!(key.gsi2sk! >= bounds.from && key.gsi2sk! <= bounds.to)) throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    return key;
  }

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
}
