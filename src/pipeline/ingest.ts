// Ingest: validate documents, store each once, queue the new ones for tagging. The path
// behind POST /documents and the scheduled re-ingestion (which calls ingestDocuments directly).
import * as z from 'zod';
import { TooLargeError, ValidationError } from '../errors.js';
import type { TagQueue } from '../queue.js';
import { canonicalUrl } from '../store/keys.js';
import { assertTextFits } from '../store/model.js';
import type { IngestStore } from '../store/ports.js';

const TrackerIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a tracker id is 1 to 64 letters, digits, "_", "." or "-"');

/** A date (2025-11-20) or a date-time with an offset; stored as ISO-8601 UTC. */
export const PublishedAtSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO-8601 date or date-time, e.g. 2025-11-20T09:30:00Z' })
  .transform((value) => new Date(value).toISOString())
  // Keys sort by this text: a year outside 0000..9999 would print as +010000 and sort wrongly.
  .refine((iso) => /^\d{4}-/.test(iso), 'must fall in the years 0000 to 9999');

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
/** Where the first character matching `bad` is, for the error message. */
const firstAt = (input: unknown, bad: RegExp) => {
  const text = String(input);
  const at = text.search(bad);
  return at < 0 ? '' : ` (${hex(text[at]!)} at offset ${at})`;
};
const PLAIN_TEXT = 'no control characters but tab, newline and carriage return, and no lone surrogates';
const CONTROL = /[^\P{Cc}\t\n\r]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A string of readable text: no control characters but tab, newline and carriage return
 * (a NUL or an escape sequence is a broken scrape, not text) and no lone surrogate (which
 * UTF-8 cannot store: it would be silently replaced). As patterns, so OpenAPI shows them.
 */
export const plainText = () =>
  z
    .string()
    .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, {
      error: (issue) => `must not contain control characters other than tab, newline and carriage return${firstAt(issue.input, CONTROL)}`,
    })
    .regex(/^\P{Cs}*$/u, { error: (issue) => `must not contain a lone surrogate, half of a UTF-16 pair${firstAt(issue.input, LONE_SURROGATE)}` })
    .meta({ description: PLAIN_TEXT });

export const DocumentInputSchema = z
  .object({
    text: plainText()
      .refine((t) => t.trim().length > 0, 'must not be empty')
      .regex(/\p{L}/u, 'has no letter at all: a text to tag is made of words')
      .meta({ description: `The article text, with at least one letter and ${PLAIN_TEXT}; stored compressed above 1 KB, refused (413) if it cannot fit in one item even so` }),
    title: plainText().trim().min(1).max(1000).optional(),
    /** The document's identity: the same URL (without #fragment) is the same document. */
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .max(2048)
      .transform(canonicalUrl)
      .optional()
      .meta({ description: 'Identifies the document: the same URL with another text is a new version of it' }),
    publishedAt: PublishedAtSchema.optional().meta({ description: 'ISO-8601 date or date-time with offset; default: the time of ingestion' }),
    source: plainText().trim().min(1).max(200).optional(),
    tracker: TrackerIdSchema.optional().meta({ description: 'The tracker to tag it against; default: the configured TRACKER_ID' }),
  })
  .strict();
export type DocumentInput = z.input<typeof DocumentInputSchema>;

/** Limits of one ingest call; the HTTP API also limits the body to MAX_BODY_BYTES. */
export const MAX_BATCH_DOCUMENTS = 25;
export const MAX_BODY_BYTES = 1024 * 1024;

export interface IngestResult {
  /** The document's id; for a duplicate, the id of the document already stored. */
  id: string;
  duplicate: boolean;
  /** created: a new document; updated: a new text under a known URL; duplicate: nothing stored. */
  status: 'created' | 'updated' | 'duplicate';
  textVersion: number;
  /** Sent to the tag queue; false means it will be tagged by the next re-tag run instead. */
  queued: boolean;
}

export interface IngestDeps {
  store: IngestStore;
  queue: TagQueue;
  defaultTracker: string;
  now?: () => Date;
}

function formatPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${String(p)}`), prefix);
}

/** Validates every input first: one bad document rejects the call before anything is written. */
export function parseDocumentInputs(inputs: unknown[], where = 'documents'): z.infer<typeof DocumentInputSchema>[] {
  if (inputs.length === 0) throw new ValidationError('at least one document is needed', where);
  if (inputs.length > MAX_BATCH_DOCUMENTS) throw new TooLargeError(`at most ${MAX_BATCH_DOCUMENTS} documents per call, got ${inputs.length}`);
  return inputs.map((input, i) => {
    const result = DocumentInputSchema.safeParse(input);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ValidationError(issue.message, formatPath(`${where}[${i}]`, issue.path));
    }
    return result.data;
  });
}

export async function ingestDocuments(inputs: unknown[], deps: IngestDeps): Promise<IngestResult[]> {
  const docs = parseDocumentInputs(inputs);
  docs.forEach((doc, i) => {
    try {
      assertTextFits(doc.text);
    } catch (err) {
      if (err instanceof TooLargeError) throw new TooLargeError(`documents[${i}].text: ${err.message}`);
      throw err;
    }
  });
  const trackers = [...new Set(docs.map((d) => d.tracker ?? deps.defaultTracker))];
  for (const tracker of trackers) await deps.store.requireTracker(tracker);

  const now = (deps.now ?? (() => new Date()))().toISOString();
  const results: IngestResult[] = [];
  const toQueue: IngestResult[] = [];
  // A store failure part-way (a throttled transaction) still queues the documents stored
  // before it, then fails the call: a client that retries finds them as duplicates.
  let failure: { error: unknown } | undefined;
  for (const doc of docs) {
    const tracker = doc.tracker ?? deps.defaultTracker;
    let outcome;
    try {
      outcome = await deps.store.ingestDocument(
        { tracker, url: doc.url, title: doc.title, source: doc.source, publishedAt: doc.publishedAt ?? now, text: doc.text },
        now,
      );
    } catch (error) {
      failure = { error };
      break;
    }
    const { tagged: _tagged, ...result } = { tagged: false, ...outcome };
    results.push({ ...result, duplicate: outcome.status === 'duplicate', queued: false });
    // A stored copy still waiting for tagging (an earlier send failed) is queued again: tagging is idempotent.
    if (outcome.status !== 'duplicate' || !outcome.tagged) toQueue.push(results.at(-1)!);
  }

  const trackerOf = new Map(results.map((r, i) => [r.id, docs[i]!.tracker ?? deps.defaultTracker]));
  const { failed } = toQueue.length ? await deps.queue.send(toQueue.map((r) => ({ tracker: trackerOf.get(r.id)!, documentId: r.id }))) : { failed: [] };
  const notQueued = new Set(failed.map((m) => m.documentId));
  for (const r of toQueue) r.queued = !notQueued.has(r.id);
  if (failure) throw failure.error;
  return results;
}
