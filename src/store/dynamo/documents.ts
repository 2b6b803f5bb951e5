// Document items: the document (META, small: no text), its text (TEXT#<contentHash>,
// written once, before the document points at it) and the text guard that dedups by content.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConflictError } from '../../errors.js';
import * as keys from '../keys.js';
import {
  countedCells,
  decodeText,
  documentFields,
  DocumentItemSchema,
  encodeText,
  parseCellEntry,
  RecordItemSchema,
  type EncodedText,
  type IngestOutcome,
  type NewDocument,
  type StoredDocument,
  type StoredRecord,
} from '../model.js';
import type { DocumentStore } from '../ports.js';
import { batchGet, isConditionFailed, transact, type TableContext, type TransactItems } from './context.js';

/** What a text guard promises of the document it names, until that document exists (documentFields). */
const PendingDocumentSchema = DocumentItemSchema.pick({
  tracker: true, url: true, title: true, source: true, publishedAt: true, ingestedAt: true, contentHash: true, textBytes: true,
});
type PendingDocument = z.infer<typeof PendingDocumentSchema>;

/** A document's tag state: on its item only, not in the documents listing (see table.ts). */
const TagStateSchema = DocumentItemSchema.pick({ id: true, taggedWith: true, recordCount: true, tagRevision: true, ingestedAt: true });
export type TagState = z.infer<typeof TagStateSchema>;

/**
 * The tag state of these documents, by id: one BatchGetItem per 100, eventually consistent (a
 * listing or a sweep page is a moment's view anyway). A document deleted meanwhile is absent.
 */
export async function readTagStates(t: TableContext, documentIds: readonly string[]): Promise<Map<string, TagState>> {
  const items = await batchGet(
    t,
    documentIds.map((id) => keys.documentKey(id)),
    { consistent: false, attributes: Object.keys(TagStateSchema.shape) },
  );
  return new Map(items.map((i) => TagStateSchema.parse(i)).map((s) => [s.id, s]));
}

/** Whether a text guard holds its text (guards written before texts moved into them do not). */
const holdsText = (guard: Record<string, unknown>) => guard.textBr !== undefined || guard.text !== undefined || guard.textGz !== undefined;

export class DynamoDocuments implements DocumentStore {
  constructor(private readonly t: TableContext) {}

  /** Whether a document has been tagged (a duplicate of an untagged one is queued again). */
  async isTagged(documentId: string): Promise<boolean> {
    const out = await this.t.client.send(
      new GetCommand({ TableName: this.t.tableName, Key: keys.documentKey(documentId), ConsistentRead: true, ProjectionExpression: 'taggedWith' }),
    );
    return out.Item?.taggedWith !== undefined;
  }

  /**
   * The document (GetItem), then its current text and its records in one BatchGetItem (more for a
   * document of more than 99 records): the records' keys follow from what the document counts.
   */
  async getDocument(documentId: string): Promise<{ document: StoredDocument; records: StoredRecord[] } | undefined> {
    const meta = (await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.documentKey(documentId), ConsistentRead: true }))).Item;
    if (!meta) return undefined;
    const doc = countedCells(DocumentItemSchema.parse(meta));
    const textKey = doc.textInGuard === true && doc.ownsTextGuard ? keys.textGuardKey(doc.tracker, doc.contentHash) : keys.documentTextKey(documentId, doc.contentHash);
    const recordKeys = [...new Set([...doc.cells, ...(doc.staleCells ?? [])])].map((e) => keys.recordKey(doc.tracker, { document: documentId, ...parseCellEntry(e) }));
    const items = await batchGet(this.t, [textKey, ...recordKeys]);
    const textItem = items.find((i) => i.pk === textKey.pk && i.sk === textKey.sk);
    const records = items
      .filter((i) => i !== textItem)
      .map((i) => RecordItemSchema.parse(keys.recordFromItem(i)))
      .sort((a, b) => (keys.recordPair(a.actor, a.term) < keys.recordPair(b.actor, b.term) ? -1 : 1));
    return { document: { ...doc, text: textItem ? decodeText(textItem) : '' }, records };
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

  /** The text is content-addressed, so writing it ahead (outside the transaction, at single cost) is idempotent. */
  private async putText(id: string, hash: string, encoded: EncodedText): Promise<void> {
    await this.t.client.send(new PutCommand({ TableName: this.t.tableName, Item: { ...keys.documentTextKey(id, hash), type: 'text', ...encoded } }));
  }

  private async tryIngest(input: NewDocument, encoded: EncodedText, hash: string, id: string, now: string): Promise<IngestOutcome> {
    const [existing, guard] = await Promise.all([
      this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.documentKey(id), ConsistentRead: true })),
      this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.textGuardKey(input.tracker, hash), ConsistentRead: true })),
    ]);
    const guardOwner = guard.Item ? String(guard.Item.documentId) : undefined;
    const fields = documentFields(input, now, hash, encoded.textBytes);
    // A new document and a new version of a known one differ only in their counters.
    const documentItem = (counters: Record<string, unknown>, from: typeof fields = fields) => ({
      ...keys.documentKey(id),
      type: 'document',
      id,
      ...from,
      ...counters,
      ...keys.documentListKeys(input.tracker, id, from.publishedAt),
    });

    if (existing.Item) {
      const old = DocumentItemSchema.parse(existing.Item);
      if (old.contentHash === hash) return { status: 'duplicate', id, textVersion: old.textVersion, tagged: old.taggedWith !== undefined };
      // A changed text under a known URL: the same document, a new version, to be re-tagged.
      const textVersion = old.textVersion + 1;
      await this.putText(id, hash, encoded);
      const item = documentItem({
        textVersion,
        tagRevision: old.tagRevision,
        recordCount: old.recordCount,
        // The matrix still counts the old records until the re-tag replaces them.
        cells: old.cells,
        ...(old.cellsAt !== undefined ? { cellsAt: old.cellsAt } : {}),
        // Records a stopped tagging left to delete: the next tagging still has to find them.
        ...(old.staleCells ? { staleCells: old.staleCells, ...(old.staleCellsAt !== undefined ? { staleCellsAt: old.staleCellsAt } : {}) } : {}),
        ownsTextGuard: !guardOwner || guardOwner === id,
      });
      const actions: TransactItems = [
        {
          Put: {
            TableName: this.t.tableName,
            Item: item,
            // The item carries the counted cells it read: a tagging committed since then makes this a retry.
            ConditionExpression: 'contentHash = :old AND tagRevision = :rev',
            ExpressionAttributeValues: { ':old': old.contentHash, ':rev': old.tagRevision },
          },
        },
      ];
      // The old text goes with its own item, or with the old guard below.
      if (!old.textInGuard) actions.push({ Delete: { TableName: this.t.tableName, Key: keys.documentTextKey(id, old.contentHash) } });
      if (old.ownsTextGuard) {
        actions.push({
          Delete: {
            TableName: this.t.tableName,
            Key: keys.textGuardKey(input.tracker, old.contentHash),
            ConditionExpression: 'documentId = :id',
            ExpressionAttributeValues: { ':id': id },
          },
        });
      }
      // The new text may already belong to another document (another URL): that one keeps it. A guard
      // this document left on it (an ingest of it that stopped before its document) is its own.
      if (!guardOwner || guardOwner === id) {
        actions.push({
          Put: {
            TableName: this.t.tableName,
            Item: { ...keys.textGuardKey(input.tracker, hash), documentId: id, textVersion },
            ConditionExpression: 'attribute_not_exists(pk) OR documentId = :id',
            ExpressionAttributeValues: { ':id': id },
          },
        });
      }
      await transact(this.t, actions);
      return { status: 'updated', id, textVersion };
    }

    let pending = fields;
    if (guardOwner && guardOwner !== id) {
      const owner = (await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.documentKey(guardOwner), ConsistentRead: true, ProjectionExpression: 'taggedWith, contentHash' }))).Item;
      const textVersion = Number(guard.Item?.textVersion ?? 1);
      // Tagged or not, the owner is found by the stale-documents query if it still waits.
      if (owner?.contentHash === hash) return { status: 'duplicate', id: guardOwner, textVersion, tagged: owner.taggedWith !== undefined };
      if (!owner) {
        // The owner's ingest stopped between its guard and its document: finished here, as it would have.
        const promised = PendingDocumentSchema.safeParse(guard.Item?.pending);
        if (promised.success) await this.createDocument(guardOwner, promised.data, encoded, { textInGuard: holdsText(guard.Item!) });
        return { status: 'duplicate', id: guardOwner, textVersion, tagged: false };
      }
      // The guard is stale (its document holds another text now): this document takes it over.
    } else if (guardOwner === id) {
      // A retry of this document's own ingest that stopped after its guard: it finishes what the guard promised.
      const promised = PendingDocumentSchema.safeParse(guard.Item?.pending);
      if (promised.success) pending = promised.data;
    }

    // No transaction: the guard first, naming the document it promises (`pending`), then the text and
    // the document, each a conditional single write. An ingest stopped in between is finished by the
    // next ingest of the same URL or the same text, which writes the same document from the guard.
    try {
      await this.t.client.send(
        new PutCommand({
          TableName: this.t.tableName,
          // The guard holds the text too: a new document's text is one item with the guard, not two.
          Item: { ...keys.textGuardKey(input.tracker, hash), documentId: id, textVersion: 1, pending, ...encoded },
          ConditionExpression: guardOwner ? 'documentId = :owner' : 'attribute_not_exists(pk)',
          ...(guardOwner ? { ExpressionAttributeValues: { ':owner': guardOwner } } : {}),
        }),
      );
    } catch (err) {
      if (isConditionFailed(err)) throw new ConflictError('another ingest took this text first');
      throw err;
    }
    await this.createDocument(id, pending, encoded, { textInGuard: true, lostIsConflict: true });
    return { status: 'created', id, textVersion: 1 };
  }

  /**
   * The document item as its guard promised it, after its text (in the guard, or written here to
   * the document's own text item when the guard does not hold it). A lost condition means the
   * document is there: for a finisher, written by the ingest it finishes; for the ingest itself, a
   * race to re-read.
   */
  private async createDocument(id: string, fields: PendingDocument, encoded: EncodedText, how: { textInGuard: boolean; lostIsConflict?: boolean }): Promise<void> {
    if (!how.textInGuard) await this.putText(id, fields.contentHash, encoded);
    const item = {
      ...keys.documentKey(id),
      type: 'document',
      id,
      ...fields,
      textVersion: 1,
      tagRevision: 0,
      recordCount: 0,
      cells: [],
      ownsTextGuard: true,
      textInGuard: how.textInGuard,
      ...keys.documentListKeys(fields.tracker, id, fields.publishedAt),
    };
    try {
      await this.t.client.send(new PutCommand({ TableName: this.t.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      if (how.lostIsConflict) throw new ConflictError('a concurrent ingest stored this document first');
    }
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
    const found = await batchGet(this.t, [...byId.keys()].map((id) => keys.documentKey(id)), { consistent: false, attributes: ['id'] });
    for (const item of found) for (const url of byId.get(String(item.id)) ?? []) known.add(url);
    return known;
  }
}
