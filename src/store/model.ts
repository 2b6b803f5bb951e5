// What every store implementation shares (no AWS in here): the stored shapes and their
// schemas, the text codec, the opaque cursors, the cap on evidence, and the cell deltas
// of a tagging. The DynamoDB store (./dynamo/) and the in-memory one (./memory.ts) both
// build on these, so they agree by construction on what is kept.
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import * as z from 'zod';
import { TooLargeError, ValidationError } from '../errors.js';
import { StanceSchema, type Stance, type Tracker } from '../core/tracker.js';
import { DocumentMetaSchema, EvidenceSchema, type Evidence, type StanceRecord } from '../core/records.js';

/** Texts above this many UTF-8 bytes are stored compressed (brotli: news prose shrinks to about 30%). */
export const COMPRESS_ABOVE_BYTES = 1024;
/** A stored text (compressed if large) may take at most this much of its 400 KB item. */
export const MAX_STORED_TEXT_BYTES = 350 * 1024;
/** How many timeline entries a re-tag reads to find a cell's next latest record. */
export const CELL_RECENT = 5;
/** DynamoDB's limit on actions in one transaction. */
export const MAX_TRANSACTION_ACTIONS = 100;
/** Evidence sentences kept per record (the strongest); `evidenceTotal` keeps how many there were. */
export const MAX_EVIDENCE = 2;
/** A kept evidence sentence is cut to this many characters; its offsets still point at the whole sentence. */
export const MAX_EVIDENCE_CHARS = 300;

export const DocumentItemSchema = DocumentMetaSchema.extend({
  textBytes: z.number().int(),
  tagRevision: z.number().int(),
  recordCount: z.number().int().default(0),
  /** Whether the text guard of contentHash points at this document (another may hold the same text). */
  ownsTextGuard: z.boolean().default(true),
  /**
   * Whether the text is stored in that guard (a new document: one item for both) rather than in
   * the document's own text item (a new version of a known one, whose guard may be another's).
   */
  textInGuard: z.boolean().optional(),
  /**
   * What the matrix counts of this document, one entry per record (the stream consumer diffs it):
   * as stored, `actor\tterm\tstance` with the time they share in `cellsAt` (see packCells); read
   * through countedCells as `actor\tterm\tstance\tpublishedAt`.
   */
  cells: z.array(z.string()).default([]),
  cellsAt: z.string().optional(),
  /** Records of an earlier tagging that may still be in the table (their deletes follow the commit): the next tagging reads and removes them. */
  staleCells: z.array(z.string()).optional(),
  staleCellsAt: z.string().optional(),
});
export type DocumentItem = z.infer<typeof DocumentItemSchema>;

/**
 * Whether the re-tag sweep sends a document to the tag queue: not tagged by exactly the current
 * (tagger, tracker) versions, and not just ingested and never tagged (its tag message is on its way).
 */
export function awaitsRetag(
  state: { taggedWith?: { taggerVersion: string; trackerVersion: string } | undefined; tagRevision: number; ingestedAt: string },
  current: { taggerVersion: string; trackerVersion: string },
  untaggedBefore: string | undefined,
): boolean {
  const taggedNow = state.taggedWith?.taggerVersion === current.taggerVersion && state.taggedWith?.trackerVersion === current.trackerVersion;
  const fresh = untaggedBefore !== undefined && state.tagRevision === 0 && state.ingestedAt >= untaggedBefore;
  return !taggedNow && !fresh;
}

/** A stored document with its text decoded. */
export type StoredDocument = DocumentItem & { text: string };

export const RecordItemSchema = z.object({
  tracker: z.string(),
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
  confidence: z.number(),
  evidence: z.array(EvidenceSchema),
  /** How many evidence sentences the tagger found; `evidence` keeps the strongest MAX_EVIDENCE. */
  evidenceTotal: z.number().int().optional(),
  publishedAt: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
});
export type StoredRecord = z.infer<typeof RecordItemSchema>;

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
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export const SourceStateSchema = z.object({
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

export interface ReplaceResult {
  changed: boolean;
  put: number;
  deleted: number;
  cells: number;
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
export function decodeCursor(cursor: string, expect: { attributes: string[]; partition: [string, string] }, where = 'query.cursor'): Record<string, string> {
  const bad = () => new ValidationError('not a cursor this query returned', where);
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

/** The fields a stored document takes from its input, the same in every store. */
export function documentFields(input: NewDocument, now: string, contentHash: string, textBytes: number) {
  return {
    tracker: input.tracker,
    ...(input.url ? { url: input.url } : {}),
    ...(input.title ? { title: input.title } : {}),
    ...(input.source ? { source: input.source } : {}),
    publishedAt: input.publishedAt,
    ingestedAt: now,
    contentHash,
    textBytes,
  };
}

// ---------------------------------------------------------------- text

export interface EncodedText {
  text?: string;
  /** Brotli: about a quarter smaller than gzip on news prose, so a text item is a write unit smaller. */
  textBr?: Uint8Array;
  /** Gzip: what texts were stored as before brotli; still read. */
  textGz?: Uint8Array;
  textBytes: number;
}

/** Brotli's best (slowest) quality for article-sized texts, a fast one for the rare very long text. */
const brotliQuality = (bytes: number) => (bytes <= 64 * 1024 ? 11 : 5);

export function encodeText(text: string): EncodedText {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= COMPRESS_ABOVE_BYTES) return { text, textBytes: bytes };
  const br = brotliCompressSync(text, {
    params: { [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT, [zlib.BROTLI_PARAM_QUALITY]: brotliQuality(bytes), [zlib.BROTLI_PARAM_SIZE_HINT]: bytes },
  });
  if (br.byteLength > MAX_STORED_TEXT_BYTES) {
    throw new TooLargeError(`text of ${bytes} bytes does not fit in one item even compressed (${br.byteLength} > ${MAX_STORED_TEXT_BYTES} bytes)`);
  }
  return { textBr: new Uint8Array(br), textBytes: bytes };
}

export function decodeText(item: { text?: unknown; textBr?: unknown; textGz?: unknown }): string {
  if (item.textBr instanceof Uint8Array) return brotliDecompressSync(item.textBr).toString('utf8');
  if (item.textGz instanceof Uint8Array) return gunzipSync(item.textGz).toString('utf8');
  return typeof item.text === 'string' ? item.text : '';
}

/** Checks a text fits before anything is written (the ingest path calls it for a whole batch first). */
export function assertTextFits(text: string): void {
  encodeText(text);
}

// ---------------------------------------------------------------- records

/**
 * The evidence a record keeps: sentences pointing the record's way first (both ways, in
 * turn, for `mixed`), then in text order; at most MAX_EVIDENCE, each cut to
 * MAX_EVIDENCE_CHARS. So no record, and no index entry, grows with the length of the text.
 */
export function strongestEvidence(stance: Stance, evidence: readonly Evidence[]): Evidence[] {
  const agrees = (e: Evidence) => stance === 'mixed' || e.stance === undefined || e.stance === stance;
  let ordered = [...evidence.filter(agrees), ...evidence.filter((e) => !agrees(e))];
  if (stance === 'mixed') {
    const support = evidence.filter((e) => e.stance !== 'oppose');
    const oppose = evidence.filter((e) => e.stance === 'oppose');
    ordered = [];
    for (let i = 0; i < Math.max(support.length, oppose.length); i++) ordered.push(...[support[i], oppose[i]].filter((e): e is Evidence => !!e));
  }
  return ordered.slice(0, MAX_EVIDENCE).map((e) => (e.sentence.length > MAX_EVIDENCE_CHARS ? { ...e, sentence: `${e.sentence.slice(0, MAX_EVIDENCE_CHARS - 1)}…` } : e));
}

/** A tagger's record as the store keeps it for this document. */
export function storedRecord(trackerId: string, doc: { id: string; publishedAt: string; title?: string | undefined; url?: string | undefined }, r: StanceRecord): StoredRecord {
  return {
    tracker: trackerId,
    document: doc.id,
    actor: r.actor,
    term: r.term,
    stance: r.stance,
    confidence: r.confidence,
    evidence: strongestEvidence(r.stance, r.evidence),
    evidenceTotal: r.evidence.length,
    publishedAt: doc.publishedAt,
    ...(doc.title ? { title: doc.title } : {}),
    ...(doc.url ? { url: doc.url } : {}),
  };
}

export function recordContent(r: StoredRecord): string {
  return JSON.stringify([r.stance, r.confidence, r.evidence, r.evidenceTotal ?? null, r.publishedAt, r.title ?? null, r.url ?? null]);
}

// ---------------------------------------------------------------- cells

/** What the matrix counts of one record. */
export const cellEntry = (r: { actor: string; term: string; stance: Stance; publishedAt: string }) => `${r.actor}\t${r.term}\t${r.stance}\t${r.publishedAt}`;

/**
 * A document's cell entries as its item stores them: the records of one tagging share their
 * document's publication time, so it is stored once (`at`) and each entry drops it (24 bytes a
 * record: the document item of a tagging with a dozen records stays under 1 KB, one write unit).
 * Entries of several times (never written so, but readable) are kept whole.
 */
export function packCells(entries: readonly string[]): { cells: string[]; at?: string } {
  const times = new Set(entries.map((e) => parseCellEntry(e).publishedAt));
  if (times.size !== 1) return { cells: [...entries] };
  const [at] = times;
  return { cells: entries.map((e) => e.slice(0, e.lastIndexOf('\t'))), at: at! };
}

/** The whole entries (`actor\tterm\tstance\tpublishedAt`) of what packCells stored. */
export function unpackCells(cells: readonly string[], at: string | undefined): string[] {
  return cells.map((e) => (at !== undefined && e.split('\t').length === 3 ? `${e}\t${at}` : e));
}

/** A document item with its `cells` and `staleCells` as whole entries. */
export function countedCells<D extends { cells: string[]; cellsAt?: string | undefined; staleCells?: string[] | undefined; staleCellsAt?: string | undefined }>(doc: D): D {
  return { ...doc, cells: unpackCells(doc.cells, doc.cellsAt), ...(doc.staleCells ? { staleCells: unpackCells(doc.staleCells, doc.staleCellsAt) } : {}) };
}

export function parseCellEntry(entry: string): { actor: string; term: string; stance: Stance; publishedAt: string } {
  const [actor, term, stance, publishedAt] = entry.split('\t') as [string, string, Stance, string];
  return { actor, term, stance, publishedAt };
}

/** The change of one cell by one tagging: counts to ADD, and whether its latest record may have moved. */
export interface CellDelta {
  actor: string;
  term: string;
  support: number;
  oppose: number;
  mixed: number;
  total: number;
  /** The document's record in this cell after the tagging, if any. */
  after?: { stance: Stance; publishedAt: string };
  /** The document had a record in this cell before, which is gone or moved in time. */
  removedOrMoved: boolean;
}

/** The cell deltas between what a document counted and what it counts now. */
export function cellDeltas(before: readonly string[], after: readonly string[]): CellDelta[] {
  const byCell = new Map<string, { before?: ReturnType<typeof parseCellEntry>; after?: ReturnType<typeof parseCellEntry> }>();
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  for (const e of before) if (!afterSet.has(e)) { const p = parseCellEntry(e); (byCell.get(`${p.actor}\t${p.term}`) ?? byCell.set(`${p.actor}\t${p.term}`, {}).get(`${p.actor}\t${p.term}`)!).before = p; }
  for (const e of after) if (!beforeSet.has(e)) { const p = parseCellEntry(e); (byCell.get(`${p.actor}\t${p.term}`) ?? byCell.set(`${p.actor}\t${p.term}`, {}).get(`${p.actor}\t${p.term}`)!).after = p; }
  const deltas: CellDelta[] = [];
  for (const { before: b, after: a } of byCell.values()) {
    const d: CellDelta = { actor: (a ?? b)!.actor, term: (a ?? b)!.term, support: 0, oppose: 0, mixed: 0, total: 0, removedOrMoved: !!b && (!a || a.publishedAt !== b.publishedAt) };
    if (b) {
      d[b.stance] -= 1;
      d.total -= 1;
    }
    if (a) {
      d[a.stance] += 1;
      d.total += 1;
      d.after = { stance: a.stance, publishedAt: a.publishedAt };
    }
    deltas.push(d);
  }
  return deltas;
}
