// Request and response schemas of the HTTP API. Handlers validate input with them and
// openapi.ts turns them into the OpenAPI document, so the two cannot drift apart.
import * as z from 'zod';
import { StanceSchema, TrackerSchema } from '../core/tracker.js';
import { CellSchema, DocumentMetaSchema, EvidenceSchema } from '../core/records.js';
import { DocumentInputSchema, MAX_BATCH_DOCUMENTS, PublishedAtSchema } from '../pipeline/ingest.js';

const Id = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id is 1 to 64 letters, digits, "_", "." or "-"');

export const IngestRequestSchema = z
  .union([DocumentInputSchema, z.object({ documents: z.array(DocumentInputSchema).min(1).max(MAX_BATCH_DOCUMENTS) }).strict()])
  .meta({ description: `One document, or {"documents": [...]} with 1 to ${MAX_BATCH_DOCUMENTS} documents; the body is at most 1 MB.` });

export const IngestResultSchema = z.object({
  id: z.string(),
  duplicate: z.boolean(),
  status: z.enum(['created', 'updated', 'duplicate']),
  textVersion: z.number().int(),
  queued: z.boolean(),
});
export const IngestResponseSchema = z.object({
  documents: z.array(IngestResultSchema),
  ids: z.array(z.string()),
  duplicates: z.array(z.string()),
  /** Stored but not sent to the tag queue: the next re-tag run tags them. */
  notQueued: z.array(z.string()),
});

export const MatrixQuerySchema = z.object({ tracker: Id.optional() }).strict();
export const MatrixResponseSchema = z.object({
  tracker: z.object({ id: z.string(), title: z.string(), version: z.string() }),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
  cells: z.array(CellSchema),
});

/** `to` given as a date means the end of that day. */
const ToSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO-8601 date or date-time' })
  .transform((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : new Date(value).toISOString()));

export const StancesQuerySchema = z
  .object({
    tracker: Id.optional(),
    actor: Id.optional(),
    term: Id.optional(),
    from: PublishedAtSchema.optional(),
    to: ToSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(4096).optional(),
  })
  .strict()
  .refine((q) => q.actor || q.term, { message: 'give actor, term or both', path: ['actor'] });

export const StanceRecordViewSchema = z.object({
  document: z.string(),
  actor: z.string(),
  term: z.string(),
  stance: StanceSchema,
  confidence: z.number(),
  publishedAt: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  evidence: z.array(EvidenceSchema),
  evidenceTotal: z.number().int().optional().meta({ description: 'How many evidence sentences the tagger found; `evidence` holds the strongest few' }),
});
export const StancesResponseSchema = z.object({ items: z.array(StanceRecordViewSchema), cursor: z.string().optional() });

export const DocumentResponseSchema = DocumentMetaSchema.extend({
  text: z.string(),
  records: z.array(StanceRecordViewSchema),
});

export const TrackerResponseSchema = z.object({ version: z.string(), tracker: TrackerSchema });

export const ErrorBodySchema = z.object({
  error: z.enum(['invalid', 'not_found', 'method_not_allowed', 'too_large', 'unsupported_media_type', 'conflict', 'unavailable', 'internal']),
  message: z.string(),
  /** The offending field, such as `documents[2].url` or `query.limit`. */
  where: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const IdPathSchema = z.object({ id: z.string().min(1).max(128) });

// ---------------------------------------------------------------- the analyst's reads and exports

const WindowFields = { tracker: Id.optional(), from: PublishedAtSchema.optional(), to: ToSchema.optional() };
const Cursor = z.string().max(4096).optional();

export const DocumentsQuerySchema = z.object({ ...WindowFields, limit: z.coerce.number().int().min(1).max(100).default(25), cursor: Cursor }).strict();
export const DocumentSummaryViewSchema = DocumentMetaSchema.omit({ contentHash: true }).extend({ recordCount: z.number().int() });
export const DocumentsResponseSchema = z.object({ items: z.array(DocumentSummaryViewSchema), cursor: z.string().optional() });

export const AlignmentQuerySchema = z.object(WindowFields).strict();
export const AlignmentPairSchema = z.object({
  a: z.string(),
  b: z.string(),
  sharedTerms: z.number().int().meta({ description: 'Terms on which both took a stance in the window' }),
  agreeingTerms: z.number().int().meta({ description: 'Of those, terms with a stance in common' }),
  congruence: z.number().int().meta({ description: "Discourse network analysis' congruence weight: (term, stance) combinations both expressed" }),
  conflict: z.number().int().meta({ description: 'Terms where one supported and the other opposed' }),
  agreement: z.number().meta({ description: 'agreeingTerms / sharedTerms' }),
  terms: z.array(z.object({ term: z.string(), a: z.array(StanceSchema), b: z.array(StanceSchema) })),
});
export const AlignmentResponseSchema = z.object({
  tracker: z.object({ id: z.string(), title: z.string(), version: z.string() }),
  from: z.string().optional(),
  to: z.string().optional(),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  terms: z.array(z.object({ id: z.string(), name: z.string() })),
  records: z.number().int().meta({ description: 'Stance records in the window' }),
  pairs: z.array(AlignmentPairSchema),
});

export const ChangesQuerySchema = z.object({ ...WindowFields, limit: z.coerce.number().int().min(1).max(500).default(200), cursor: Cursor }).strict();
const CellEntrySchema = z.object({ at: z.string(), document: z.string(), stance: StanceSchema });
export const StanceChangeSchema = z.object({ actor: z.string(), term: z.string(), latest: CellEntrySchema, previous: CellEntrySchema });
export const ChangesResponseSchema = z.object({ items: z.array(StanceChangeSchema), cursor: z.string().optional() });

export const RecordsCsvQuerySchema = z.object({ ...WindowFields, limit: z.coerce.number().int().min(1).max(5000).default(1000), cursor: Cursor }).strict();
export const NETWORKS = ['actor-term', 'congruence'] as const;
export const NetworkQuerySchema = z.object({ ...WindowFields, network: z.enum(NETWORKS).default('actor-term') }).strict();
