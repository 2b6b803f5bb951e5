// MemoryStore: the store ports in process memory, for unit tests and as the executable
// statement of what the DynamoDB store does (test/store.contract.test.ts runs one suite on
// both). Same ids, dedup, conditions (a stale snapshot is a ConflictError), stale-document
// order and cursors that refuse what they did not hand out.
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { trackerVersion, type Tracker } from '../core/tracker.js';
import type { Cell, StanceRecord, TaggedWith } from '../core/records.js';
import * as keys from './keys.js';
import {
  awaitsRetag,
  cellEntry,
  documentFields,
  encodeText,
  recordContent,
  storedRecord,
  type DocumentItem,
  type IngestOutcome,
  type NewDocument,
  type Page,
  type ReplaceResult,
  type SourceState,
  type StancesQuery,
  type StoredDocument,
  type StoredRecord,
  type StoredTracker,
} from './model.js';
import type { Store } from './ports.js';

const clone = <T>(value: T): T => structuredClone(value);

function encodeMemoryCursor(tag: string, key: string): string {
  return Buffer.from(JSON.stringify([tag, key])).toString('base64url');
}

function decodeMemoryCursor(cursor: string, tag: string, where: string): string {
  try {
    const [t, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (t === tag && typeof key === 'string') return key;
  } catch {
    // falls through
  }
  throw new ValidationError('not a cursor this query returned', where);
}

export class MemoryStore implements Store {
  private readonly trackers = new Map<string, StoredTracker>();
  private readonly documents = new Map<string, DocumentItem & { text: string }>();
  private readonly guards = new Map<string, { documentId: string; textVersion: number }>();
  private readonly records = new Map<string, Map<string, StoredRecord>>();
  private readonly sources = new Map<string, SourceState>();
  private readonly cursors = new Map<string, string | undefined>();

  async putTracker(tracker: Tracker): Promise<string> {
    const version = trackerVersion(tracker);
    this.trackers.set(tracker.id, { tracker: clone(tracker), version });
    return version;
  }

  async getTracker(trackerId: string): Promise<StoredTracker | undefined> {
    return this.trackers.get(trackerId);
  }

  async requireTracker(trackerId: string): Promise<StoredTracker> {
    const found = this.trackers.get(trackerId);
    if (!found) throw new NotFoundError(`no tracker "${trackerId}"`);
    return found;
  }

  async ingestDocument(input: NewDocument, now: string): Promise<IngestOutcome> {
    const encoded = encodeText(input.text);
    const hash = keys.contentHash(input.text);
    const id = keys.documentId(input.tracker, { url: input.url, contentHash: hash });
    const guardKey = `${input.tracker}\n${hash}`;
    const guard = this.guards.get(guardKey);
    const fields = { id, ...documentFields(input, now, hash, encoded.textBytes), text: input.text };
    const old = this.documents.get(id);
    if (old) {
      if (old.contentHash === hash) return { status: 'duplicate', id, textVersion: old.textVersion, tagged: old.taggedWith !== undefined };
      const textVersion = old.textVersion + 1;
      if (old.ownsTextGuard && this.guards.get(`${input.tracker}\n${old.contentHash}`)?.documentId === id) this.guards.delete(`${input.tracker}\n${old.contentHash}`);
      if (!guard) this.guards.set(guardKey, { documentId: id, textVersion });
      const { taggedWith: _untagged, ...kept } = old;
      this.documents.set(id, { ...kept, ...fields, textVersion, ownsTextGuard: !guard });
      return { status: 'updated', id, textVersion };
    }
    if (guard) return { status: 'duplicate', id: guard.documentId, textVersion: guard.textVersion, tagged: this.documents.get(guard.documentId)?.taggedWith !== undefined };
    this.documents.set(id, { ...fields, textVersion: 1, tagRevision: 0, recordCount: 0, ownsTextGuard: true, cells: [] });
    this.guards.set(guardKey, { documentId: id, textVersion: 1 });
    return { status: 'created', id, textVersion: 1 };
  }

  async getDocument(documentId: string): Promise<{ document: StoredDocument; records: StoredRecord[] } | undefined> {
    const doc = this.documents.get(documentId);
    if (!doc) return undefined;
    const records = [...(this.records.get(documentId)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => clone(r));
    return { document: clone(doc), records };
  }

  async knownUrls(trackerId: string, urls: string[]): Promise<Set<string>> {
    const known = new Set<string>();
    for (const url of urls) {
      try {
        if (this.documents.has(keys.documentId(trackerId, { url, contentHash: '' }))) known.add(url);
      } catch {
        // not a URL
      }
    }
    return known;
  }

  async replaceRecords(snapshot: { document: StoredDocument; records: StoredRecord[] }, records: StanceRecord[], taggedWith: TaggedWith): Promise<ReplaceResult> {
    const read = snapshot.document;
    const doc = this.documents.get(read.id);
    if (!doc || doc.tagRevision !== read.tagRevision || doc.contentHash !== read.contentHash) {
      throw new ConflictError('a concurrent write changed the items this write depends on');
    }
    const stored = this.records.get(doc.id) ?? new Map<string, StoredRecord>();
    const next = new Map(records.map((r) => [keys.recordPair(r.actor, r.term), storedRecord(doc.tracker, doc, r)]));
    let put = 0;
    let deleted = 0;
    for (const sk of new Set([...stored.keys(), ...next.keys()])) {
      const before = stored.get(sk);
      const after = next.get(sk);
      if (before && after && recordContent(before) === recordContent(after)) continue;
      if (after) put++;
      else deleted++;
    }
    const counted = [...next.values()].map(cellEntry).sort();
    const before = new Set(doc.cells);
    const after = new Set(counted);
    const cells = new Set([...doc.cells.filter((e) => !after.has(e)), ...counted.filter((e) => !before.has(e))].map((e) => e.split('\t').slice(0, 2).join('\t'))).size;
    const sameTagState = doc.taggedWith?.taggerVersion === taggedWith.taggerVersion && doc.taggedWith?.trackerVersion === taggedWith.trackerVersion;
    if (!put && !deleted && !cells && sameTagState) return { changed: false, put: 0, deleted: 0, cells: 0 };
    this.records.set(doc.id, next);
    this.documents.set(doc.id, { ...doc, tagRevision: doc.tagRevision + 1, taggedWith: clone(taggedWith), recordCount: next.size, cells: counted });
    return { changed: true, put, deleted, cells };
  }

  async findStaleDocuments(
    trackerId: string,
    current: { taggerVersion: string; trackerVersion: string },
    page: { limit: number; cursor?: string | undefined; untaggedBefore?: string | undefined },
  ): Promise<Page<string>> {
    // As the Query of the documents listing with a filter: `limit` entries are read, the current ones left out.
    const listing = [...this.documents.values()].filter((d) => d.tracker === trackerId).map((d) => ({ doc: d, key: keys.documentListKeys(trackerId, d.id, d.publishedAt).gsi2sk })).sort((a, b) => (a.key < b.key ? -1 : 1));
    const tag = keys.staleSweepTag(current);
    let after: string | undefined;
    if (page.cursor) {
      const [made, rest] = page.cursor.split('.', 2) as [string, string | undefined];
      if (!/^[0-9a-f]{12}$/.test(made) || !rest) throw new ValidationError('not a cursor this query returned', 'cursor');
      const key = decodeMemoryCursor(rest, 'stale', 'cursor');
      if (made === tag) after = key;
    }
    const remaining = listing.filter((e) => after === undefined || e.key > after);
    const read = remaining.slice(0, page.limit);
    const cursor = remaining.length > page.limit ? `${tag}.${encodeMemoryCursor('stale', read.at(-1)!.key)}` : undefined;
    return { items: read.filter((e) => awaitsRetag(e.doc, current, page.untaggedBefore)).map((e) => e.doc.id), ...(cursor ? { cursor } : {}) };
  }

  async getMatrix(trackerId: string): Promise<StoredTracker & { cells: Cell[] }> {
    const { tracker, version } = await this.requireTracker(trackerId);
    const actors = new Set(tracker.actors.map((a) => a.id));
    const terms = new Set(tracker.terms.map((t) => t.id));
    const cells = new Map<string, Cell & { order?: string }>();
    for (const doc of this.documents.values()) {
      if (doc.tracker !== trackerId) continue;
      for (const entry of doc.cells) {
        const [actor, term, stance, publishedAt] = entry.split('\t') as [string, string, 'support' | 'oppose' | 'mixed', string];
        const id = `${actor}#${term}`;
        const cell = cells.get(id) ?? { actor, term, support: 0, oppose: 0, mixed: 0, total: 0 };
        cell[stance] += 1;
        cell.total += 1;
        const order = keys.latestOrder(publishedAt, doc.id);
        if (!cell.order || order > cell.order) Object.assign(cell, { order, latest: { stance, publishedAt, document: doc.id } });
        cells.set(id, cell);
      }
    }
    return {
      tracker,
      version,
      cells: [...cells.entries()]
        .filter(([, c]) => c.total > 0 && actors.has(c.actor) && terms.has(c.term))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, { order: _order, ...c }]) => c),
    };
  }

  async queryStances(q: StancesQuery): Promise<Page<StoredRecord>> {
    const { index } = keys.stancesIndex(q.tracker, q);
    const sortKey = (r: StoredRecord) => (index === 'table' ? keys.recordKey(q.tracker, r).sk : keys.recordIndexKeys(q.tracker, r).gsi3sk);
    const window = { from: q.from ?? '0', to: `${q.to ?? '9999'}${keys.PREFIX_END}` };
    if (window.from > window.to) throw new ValidationError('"from" is after "to"', 'query.from');
    const tag = `${index}\n${q.tracker}\n${q.actor ?? ''}\n${q.term ?? ''}`;
    const before = q.cursor ? decodeMemoryCursor(q.cursor, tag, 'query.cursor') : undefined;
    if (before !== undefined && !(before >= window.from && before <= window.to)) throw new ValidationError('the cursor belongs to another time window', 'query.cursor');
    const matching = [...this.records.values()]
      .flatMap((m) => [...m.values()])
      .filter((r) => r.tracker === q.tracker && (!q.actor || r.actor === q.actor) && (!q.term || r.term === q.term))
      .map((r) => ({ r, key: sortKey(r) }))
      .filter(({ key }) => key >= window.from && key <= window.to && (before === undefined || key < before))
      .sort((a, b) => (a.key < b.key ? 1 : -1));
    const items = matching.slice(0, q.limit);
    const cursor = matching.length > q.limit ? encodeMemoryCursor(tag, items.at(-1)!.key) : undefined;
    return { items: items.map(({ r }) => clone(r)), ...(cursor ? { cursor } : {}) };
  }

  async getSourceState(trackerId: string, url: string): Promise<SourceState | undefined> {
    const state = this.sources.get(`${trackerId}\n${url}`);
    return state && clone(state);
  }

  async putSourceState(trackerId: string, state: SourceState): Promise<void> {
    this.sources.set(`${trackerId}\n${state.url}`, Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as SourceState);
  }

  async getRetagCursor(trackerId: string): Promise<string | undefined> {
    return this.cursors.get(trackerId);
  }

  async putRetagCursor(trackerId: string, cursor: string | undefined): Promise<void> {
    this.cursors.set(trackerId, cursor);
  }
}
