// The single-table key scheme: the ONE module that knows what goes into pk/sk and
// gsi2, gsi3 (declared in table.ts). Every access pattern is a Query or a GetItem.
//
// item              pk                      sk                   gsi1pk / gsi1sk                          gsi2pk / gsi2sk                         gsi3pk / gsi3sk
// ----------------  ----------------------  -------------------  ---------------------------------------  --------------------------------------  ---------------------------------------
// tracker           TRACKER#<t>             META                 -                                        -                                       -
// cell              TRACKER#<t>             CELL#<actor>#<term>  (counts ADDed from the stream, marks per stream shard)  -                                       -
// cell latest       TRACKER#<t>             LATEST#<actor>#<term>  (newest record)  -                                       -
// document          DOC#<doc>               META                 -                                        DOCS#<t> / <pub>#<doc>                  -
// document text     DOC#<doc>               TEXT#<contentHash>   -                                        -                                       -   (a new version's text; a new document's is in its guard)
// stance record     TERM#<t>#<term>         <pub>#<actor>#<doc>  -                                        -                                       ACTOR#<t>#<actor> / <pub>#<term>#<doc>
// text guard        TEXT#<t>#<contentHash>  GUARD                -                                        -                                       -
// source state      SOURCE#<t>#<sha256(url)> STATE               -                                        -                                       -
// re-tag cursor     RETAG#<t>               CURSOR               -                                        -                                       -
// token budget      BUDGET#<yyyy-mm-dd>     TOKENS               -                                        -                                       -
//
// Access patterns:
// - a document and its records: GetItem of META, then BatchGetItem of its text and of its records
//   (their keys follow from the `cells` the document counts).
// - a term across actors in a window: Query pk = TERM#<t>#<term>, sk BETWEEN <from> AND <to>~
//   (<pub> is ISO-8601 UTC, so text order is time order); actor x term: the same with a filter on actor.
// - an actor across terms in a window: Query gsi3 pk = ACTOR#<t>#<actor>, the same sk bounds.
// - a tracker's documents, newest first, in a window: Query gsi2 pk = DOCS#<t>, descending,
//   sk BETWEEN <from> AND <to>~ (src/store/browse.ts).
// - the whole matrix of a tracker: Query pk = TRACKER#<t> (META and every CELL in one page).
// - stale documents: Query gsi2 pk = DOCS#<t> (the documents listing), filtered to those not
//   tagged by exactly the current (tagger version, tracker version) pair, page by page.
// - dedup: a document id is derived from (tracker, URL) when there is a URL, so the document
//   item is its own URL guard; the text guard maps (tracker, content hash) to the document
//   that holds that text, and holds the text of a new document (`textInGuard`). Both are
//   written with attribute_not_exists conditions.
import { createHash } from 'node:crypto';
import type { Tracker } from '../core/tracker.js';

export const META = 'META';

export const trackerKey = (trackerId: string) => ({ pk: `TRACKER#${trackerId}`, sk: META });
/** A cell's counts: moved only by the stream consumer (dynamo/cells.ts), one ADD per cell per batch. */
export const cellKey = (trackerId: string, actor: string, term: string) => ({ pk: `TRACKER#${trackerId}`, sk: `CELL#${actor}#${term}` });
export const cellLatestKey = (trackerId: string, actor: string, term: string) => ({ pk: `TRACKER#${trackerId}`, sk: `LATEST#${actor}#${term}` });
export const CELL_PREFIX = 'CELL#';
export const LATEST_PREFIX = 'LATEST#';
/** Orders records by time, then document: the latest of a cell has the greatest. */
export const latestOrder = (publishedAt: string, documentId: string) => `${publishedAt}#${documentId}`;
export const trackerPartition = (trackerId: string) => `TRACKER#${trackerId}`;

export const documentPartition = (documentId: string) => `DOC#${documentId}`;
export const documentKey = (documentId: string) => ({ pk: documentPartition(documentId), sk: META });
export const TEXT_PREFIX = 'TEXT#';
/** A text is content-addressed inside its document: written before the document item points at it. */
export const documentTextKey = (documentId: string, contentHash: string) => ({ pk: documentPartition(documentId), sk: `${TEXT_PREFIX}${contentHash}` });
/** Which of a document's records this is: one per (actor, term). */
export const recordPair = (actor: string, term: string) => `${actor}#${term}`;

export const textGuardKey = (trackerId: string, contentHash: string) => ({ pk: `TEXT#${trackerId}#${contentHash}`, sk: 'GUARD' });
export const sourceStateKey = (trackerId: string, url: string) => ({ pk: `SOURCE#${trackerId}#${sha256(url)}`, sk: 'STATE' });
export const retagCursorKey = (trackerId: string) => ({ pk: `RETAG#${trackerId}`, sk: 'CURSOR' });
/** The deployment's model-token count of one UTC day (the language-model tagger's budget). */
export const tokenBudgetKey = (day: string) => ({ pk: `BUDGET#${day}`, sk: 'TOKENS' });

/** Sorts after every key with the prefix: document ids never contain '~'. */
export const PREFIX_END = '~';

/**
 * Whether a document's tagging is current is read from its documents-listing entry (gsi2): the
 * stale documents are that listing filtered by `taggedWith` (see dynamo/tagging.ts). A sweep's
 * cursor names the (tagger, tracker) pair it was made for, so that one kept across a version
 * change starts the sweep over.
 */
export const staleSweepTag = (current: { taggerVersion: string; trackerVersion: string }) => sha256(`${current.taggerVersion}\n${current.trackerVersion}`).slice(0, 12);

/** The items whose stream records the cell consumer reads: document items (an event source mapping filter). */
export const DOCUMENT_STREAM_FILTER = { dynamodb: { Keys: { pk: { S: [{ prefix: 'DOC#' }] }, sk: { S: [META] } } } } as const;
export const isDocumentKey = (key: { pk?: unknown; sk?: unknown }) => typeof key.pk === 'string' && key.pk.startsWith('DOC#') && key.sk === META;

/** The documents-listing partition of gsi2 (record items use TERM#... partitions there). */
export const documentsPartition = (trackerId: string) => `DOCS#${trackerId}`;

/** The index entry that lists a document under its tracker by publication time (gsi2). */
export function documentListKeys(trackerId: string, documentId: string, publishedAt: string) {
  return { gsi2pk: documentsPartition(trackerId), gsi2sk: `${publishedAt}#${documentId}` };
}

export const termPartition = (trackerId: string, term: string) => `TERM#${trackerId}#${term}`;
export const actorPartition = (trackerId: string, actor: string) => `ACTOR#${trackerId}#${actor}`;

/**
 * A stance record's own key serves the term view (and, filtered by actor, the actor x term
 * timeline): `TERM#<t>#<term>` / `<published>#<actor>#<doc>`. Its key moves when its document's
 * publication time does (a delete and a put).
 */
export function recordKey(trackerId: string, r: { document: string; actor: string; term: string; publishedAt: string }) {
  return { pk: termPartition(trackerId, r.term), sk: `${r.publishedAt}#${r.actor}#${r.document}` };
}

/**
 * A stance record as stored: what its keys say (tracker, term, time, document) is not repeated in
 * the item, so that a record and its index entry stay under 1 KB (a write unit each). The actor
 * stays: a filter cannot read a key attribute.
 */
export function recordItem<R extends { tracker: string; document: string; actor: string; term: string; publishedAt: string }>(r: R) {
  const { tracker: _tracker, document: _document, term: _term, publishedAt: _publishedAt, ...kept } = r;
  const evidence = (kept as { evidence?: unknown }).evidence;
  return { ...recordKey(r.tracker, r), ...kept, ...(Array.isArray(evidence) ? { evidence: packEvidence(evidence) } : {}), ...recordIndexKeys(r.tracker, r) };
}

type EvidenceLike = { sentence?: unknown; start?: unknown; end?: unknown };
/**
 * A kept evidence sentence that an earlier one of the same record already holds (same offsets:
 * two cues in one sentence) is stored without its text, which is read back from the earlier one
 * (`unpackEvidence`): up to 300 characters less per record, a write unit on a record near 1 KB.
 */
function packEvidence(evidence: readonly unknown[]): unknown[] {
  return evidence.map((e, i) => {
    const ev = e as EvidenceLike;
    const earlier = evidence.slice(0, i).some((p) => (p as EvidenceLike).start === ev.start && (p as EvidenceLike).end === ev.end && (p as EvidenceLike).sentence === ev.sentence);
    if (!earlier) return e;
    const { sentence: _sentence, ...rest } = e as Record<string, unknown>;
    return rest;
  });
}

function unpackEvidence(evidence: readonly unknown[]): unknown[] {
  return evidence.map((e, i) => {
    const ev = e as EvidenceLike & Record<string, unknown>;
    if (!ev || typeof ev !== 'object' || ev.sentence !== undefined) return e;
    const from = evidence.slice(0, i).find((p) => (p as EvidenceLike).start === ev.start && (p as EvidenceLike).end === ev.end && typeof (p as EvidenceLike).sentence === 'string') as EvidenceLike | undefined;
    return from ? { ...ev, sentence: from.sentence } : e;
  });
}

/** The fields of a stance record its stored item leaves to its keys (a table item or an index entry). */
export function recordFromItem(item: Record<string, unknown>): Record<string, unknown> {
  const pk = String(item.pk ?? '');
  const [publishedAt, , document] = String(item.sk ?? '').split('#');
  const rest = pk.slice('TERM#'.length);
  const cut = rest.lastIndexOf('#');
  const evidence = Array.isArray(item.evidence) ? { evidence: unpackEvidence(item.evidence) } : {};
  return { ...item, ...evidence, tracker: rest.slice(0, cut), term: rest.slice(cut + 1), publishedAt, document };
}

/** The one index entry of a stance record: the actor view (gsi3). */
export function recordIndexKeys(trackerId: string, r: { document: string; actor: string; term: string; publishedAt: string }) {
  return { gsi3pk: actorPartition(trackerId, r.actor), gsi3sk: `${r.publishedAt}#${r.term}#${r.document}` };
}

/** The index that lists the documents of a tracker by publication time. */
export const DOCUMENTS_INDEX = 'gsi2' as const;
/** The index of stance records by actor. */
export const ACTOR_INDEX = 'gsi3' as const;

/**
 * How a stances query is answered: a term (with or without an actor) from the table's term
 * partition (an actor as a filter), an actor alone from the actor index.
 */
export function stancesIndex(trackerId: string, q: { actor?: string | undefined; term?: string | undefined }): { index: 'table' | 'gsi3'; partition: string; actorFilter?: string } {
  if (q.term) return { index: 'table', partition: termPartition(trackerId, q.term), ...(q.actor ? { actorFilter: q.actor } : {}) };
  if (q.actor) return { index: ACTOR_INDEX, partition: actorPartition(trackerId, q.actor) };
  throw new Error('stancesIndex needs an actor or a term');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Whitespace differences do not make a new text. */
export function contentHash(text: string): string {
  return sha256(text.replace(/\s+/g, ' ').trim());
}

/** The URL that identifies a document: the same page with another #fragment is the same document. */
export function canonicalUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/**
 * A document id is stable for its identity: (tracker, URL) when there is a URL — so a
 * changed text under a known URL lands on the same document as a new version — and
 * (tracker, content hash) when there is none.
 */
export function documentId(trackerId: string, input: { url?: string | undefined; contentHash: string }): string {
  const identity = input.url ? `url\n${trackerId}\n${canonicalUrl(input.url)}` : `text\n${trackerId}\n${input.contentHash}`;
  return sha256(identity).slice(0, 20);
}

/**
 * The item that holds a tracker (codebook) in the table; the CDK stack writes the default
 * tracker with it at deploy time, DynamoStore.putTracker writes it at run time.
 */
export function trackerItem(tracker: Tracker, version: string): Record<string, unknown> {
  return { ...trackerKey(tracker.id), type: 'tracker', id: tracker.id, tracker, version };
}
