// The tracker (codebook): who the actors are, which proposal terms are tracked,
// and the cue phrases that name each term. Pure: no AWS, no I/O but loadTrackerFile.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { TrackerError } from '../errors.js';

export const StanceSchema = z.enum(['support', 'oppose', 'mixed']);
export type Stance = z.infer<typeof StanceSchema>;

const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'an id is 1 to 64 letters, digits, "_", "." or "-"');
const PhraseSchema = z.string().trim().min(1, 'must not be empty');

export const ActorSchema = z.object({
  id: IdSchema,
  name: PhraseSchema,
  /** Names that denote the actor: states, capitals, officials, institutions. */
  aliases: z.array(PhraseSchema).min(1, 'an actor needs at least one alias'),
  /** Adjectives that make a group noun denote the actor: "Russian" in "Russian officials". */
  demonyms: z.array(PhraseSchema).default([]),
  /**
   * The side the others negotiate with (in the default tracker, Russia): a meeting set between it and
   * another side is talks, not allies conferring, and a proposal by it alone is its own terms, not the plan on the table.
   */
  counterparty: z.boolean().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const TermSchema = z.object({
  id: IdSchema,
  name: PhraseSchema,
  description: z.string().optional(),
  /** What support and opposition look like, for people reading the tracker. */
  support: z.string().optional(),
  oppose: z.string().optional(),
  /** The term names the proposal itself: its author supports it, and what it contains counts for the author. */
  plan: z.boolean().default(false),
  /** The term names the process of settling (talks), not a provision: a plan's contents never include it. */
  process: z.boolean().default(false),
  cues: z.object({
    /**
     * Phrases that name the term itself: "ceasefire", "cede territory". Words match
     * by stem (cede, ceded, ceding, cession); up to two determiners may sit between
     * words ("cede the territory"); "..." allows a gap of up to six words ("limit ... army").
     */
    affirm: z.array(PhraseSchema).min(1, 'a term needs at least one affirming cue phrase'),
    /** Phrases that name its opposite: "territorial integrity" for territorial concessions. */
    negate: z.array(PhraseSchema).default([]),
    /** Look-alikes that do not name the term ("nuclear weapons" for military aid): they hide the cues inside them. */
    exclude: z.array(PhraseSchema).default([]),
  }),
  /**
   * Acts that are stances by whoever does them (acts count as stances): "impose ...
   * sanctions" opposes sanctions relief, "deliver ... air defence" supports military aid.
   * The doer (subject, "by X" agent or possessor) holds the stance; a negated,
   * hypothetical or questioned act gives none.
   */
  acts: z.object({
    support: z.array(PhraseSchema).default([]),
    oppose: z.array(PhraseSchema).default([]),
  }).default({ support: [], oppose: [] }),
});
export type Term = z.infer<typeof TermSchema>;

/** A news source that the scheduled re-ingestion reads for this tracker. */
export const SourceSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'a source URL must be http or https' }),
  kind: z.enum(['feed', 'page']).default('feed'),
  name: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * Model ids the Bedrock tagger accepts: an Anthropic Claude or Amazon Nova foundation model
 * ("anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-lite-v1:0"), or a cross-region
 * inference profile of one ("us.anthropic.claude-sonnet-4-20250514-v1:0", "eu.amazon.nova-pro-v1:0").
 */
export const BEDROCK_MODEL_ID = /^(?:(?:us|eu|apac|us-gov|ca|jp|au|global)\.)?(?:anthropic\.claude|amazon\.nova)-[a-z0-9.-]+(?::\d+)?$/;
/** The geography prefix that makes a model id a cross-region inference profile id. */
export const INFERENCE_PROFILE_PREFIX = /^(?:us|eu|apac|us-gov|ca|jp|au|global)\./;

/** Which tagger tags a tracker's documents: the rules (default, offline) or a model on Amazon Bedrock. */
export const TaggerSpecSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('rules') }),
    z.strictObject({
      kind: z.literal('bedrock'),
      modelId: z.string({ error: 'a bedrock tagger needs "modelId": a Bedrock model or inference profile id' }).regex(BEDROCK_MODEL_ID, 'expected an Anthropic Claude or Amazon Nova model id ("anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-lite-v1:0") or a cross-region inference profile id ("us.amazon.nova-lite-v1:0")'),
      /** Input tokens one model call may take, prompt included: longer articles are split on paragraphs. */
      maxInputTokens: z.number().int().min(2000).max(200_000).default(12_000),
    }),
  ],
  { error: 'a tagger is {"kind": "rules"} or {"kind": "bedrock", "modelId": "..."}' },
);
export type TaggerSpec = z.infer<typeof TaggerSpecSchema>;
export type BedrockTaggerSpec = Extract<TaggerSpec, { kind: 'bedrock' }>;
export const RULES_TAGGER: TaggerSpec = { kind: 'rules' };

export const TrackerSchema = z
  .object({
    id: IdSchema,
    title: PhraseSchema,
    stances: z.array(StanceSchema).default(['support', 'oppose', 'mixed']),
    actors: z.array(ActorSchema).min(1, 'a tracker needs at least one actor'),
    terms: z.array(TermSchema).min(1, 'a tracker needs at least one term'),
    sources: z.array(SourceSchema).default([]),
    /** Names of groups of listed actors ("E3": Britain, France, Germany): a mention of the group names each of them. */
    groups: z.array(z.object({ aliases: z.array(PhraseSchema).min(1), actors: z.array(IdSchema).min(2, 'a group names at least two actors') })).optional(),
    /** Who tags this tracker's documents; absent: the deployment's choice (cdk.json `tagger`), else the rules. */
    tagger: TaggerSpecSchema.optional(),
    /**
     * Words that show a document is about the tracked negotiation. When given, a
     * document that names them fewer than `minMentions` times gets no records, so
     * climate talks that name Germany and China are not read as this negotiation.
     */
    topic: z
      .object({
        phrases: z.array(PhraseSchema).min(1, 'a topic needs at least one phrase'),
        minMentions: z.number().int().min(1).default(2),
        /** Topic mentions per sentence the document must reach too: a long article naming the war once is not about it. */
        minDensity: z.number().min(0).max(10).default(0),
        /**
         * Words that name the negotiation itself ("peace", "talks", "ceasefire"). When given, a plan
         * term's one-word cue ("the plan", "the deal", "the roadmap") is that plan only in a document
         * that names one of them: an article on a gas ban that names Russia and "the roadmap the
         * Commission proposed" names another plan.
         */
        process: z.array(PhraseSchema).min(1).optional(),
      })
      .optional(),
  })
  .superRefine((tracker, ctx) => {
    const seen = new Map<string, number>();
    tracker.actors.forEach((actor, i) => {
      if (seen.has(actor.id)) {
        ctx.addIssue({ code: 'custom', path: ['actors', i, 'id'], message: `duplicate actor id "${actor.id}" (also actors[${seen.get(actor.id)}])` });
      } else seen.set(actor.id, i);
    });
    const seenTerms = new Map<string, number>();
    tracker.terms.forEach((term, i) => {
      if (seenTerms.has(term.id)) {
        ctx.addIssue({ code: 'custom', path: ['terms', i, 'id'], message: `duplicate term id "${term.id}" (also terms[${seenTerms.get(term.id)}])` });
      } else seenTerms.set(term.id, i);
    });
    const ids = new Set(tracker.actors.map((a) => a.id));
    tracker.groups?.forEach((group, i) => {
      group.actors.forEach((id, j) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['groups', i, 'actors', j], message: `group actor "${id}" is not a listed actor` });
      });
    });
    // An alias is matched case-insensitively unless it is an acronym, so two
    // actors may not share one up to case: the mention would be ambiguous.
    const owner = new Map<string, string>();
    tracker.actors.forEach((actor, i) => {
      actor.aliases.forEach((alias, j) => {
        const key = alias.toLowerCase();
        const other = owner.get(key);
        if (other !== undefined && other !== actor.id) {
          ctx.addIssue({ code: 'custom', path: ['actors', i, 'aliases', j], message: `alias "${alias}" is already claimed by actor ${other}` });
        } else owner.set(key, actor.id);
      });
    });
  });
export type Tracker = z.infer<typeof TrackerSchema>;
export type TrackerInput = z.input<typeof TrackerSchema>;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Validates a parsed tracker; `source` names it in errors (a file path, "request body"). */
export function parseTracker(value: unknown, source: string): Tracker {
  const result = TrackerSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new TrackerError(source, formatPath(issue.path), issue.message);
}

export async function loadTrackerFile(file: string): Promise<Tracker> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TrackerError(file, '', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new TrackerError(file, '', `not valid JSON (${(err as Error).message})`);
  }
  return parseTracker(json, file);
}

/** A content hash: records tagged under another version of the tracker are re-tagged. */
export function trackerVersion(tracker: Tracker): string {
  return createHash('sha256').update(JSON.stringify(tracker)).digest('hex').slice(0, 16);
}
