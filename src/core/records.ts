// Stance records: what the tagger produces and what the store keeps.
import * as z from 'zod';
import { StanceSchema } from './tracker.js';

export const EvidenceSchema = z.object({
  sentence: z.string(),
  /** Character offsets of the sentence in the document text: text.slice(start, end). */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** The cue phrase that fired, as it appears in the sentence. */
  cue: z.string(),
  /** Which way this sentence points: a `mixed` record has evidence both ways. */
  stance: z.enum(['support', 'oppose']).optional(),
  /** The tagger rule that fired (trigger class and holder source, plan author, plan content). */
  rule: z.string().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const StanceRecordSchema = z.object({
  document: z.string().min(1),
  actor: z.string().min(1),
  term: z.string().min(1),
  stance: StanceSchema,
  confidence: z.number().min(0).max(1),
  evidence: z.array(EvidenceSchema).min(1),
});
export type StanceRecord = z.infer<typeof StanceRecordSchema>;

/** What the tagger reads: an id for the records and the text they point into. */
export const TaggableDocumentSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
});
export type TaggableDocument = z.infer<typeof TaggableDocumentSchema>;

/** Which tagger and tracker version produced a document's records, and when. */
export const TaggedWithSchema = z.object({
  /** `rules@<n>` or `bedrock:<model>@<prompt version>` (src/core/versions.ts). */
  taggerVersion: z.string(),
  trackerVersion: z.string(),
  taggedAt: z.string(),
  /** Model tokens the document cost, summed over its parts and retries. */
  tokens: z.object({ input: z.number().int(), output: z.number().int() }).optional(),
  /** Set when the rules tagged a document of a model-tagged tracker: `budget` (today's tokens spent) or `invalid-answer`. */
  fallback: z.string().optional(),
  /** Why this tagging found no records ("topic gate: 1 of 3 topic mentions", "no actor named"); absent when it found some. */
  noRecords: z.string().optional(),
});
export type TaggedWith = z.infer<typeof TaggedWithSchema>;

/** What is known of a stored document besides its text: the store keeps it, the API shows it. */
export const DocumentMetaSchema = z.object({
  id: z.string(),
  tracker: z.string(),
  url: z.string().optional(),
  title: z.string().optional(),
  source: z.string().optional(),
  publishedAt: z.string(),
  ingestedAt: z.string(),
  contentHash: z.string(),
  textVersion: z.number().int(),
  taggedWith: TaggedWithSchema.optional(),
});

/** One actor x term cell of a tracker's matrix: record counts and the latest stance. */
export const CellSchema = z.object({
  actor: z.string(),
  term: z.string(),
  support: z.number().int(),
  oppose: z.number().int(),
  mixed: z.number().int(),
  total: z.number().int(),
  latest: z.object({ stance: StanceSchema, publishedAt: z.string(), document: z.string() }).optional(),
});
export type Cell = z.infer<typeof CellSchema>;
