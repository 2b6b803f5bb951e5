// The one tool the model must call, and the schema its input is held to. The JSON schema
// sent to the model is built from the tracker (actor and term ids as enums); the zod schema
// that reads the answer is strict on shape and size (anything else refuses the whole answer)
// and lenient on values, so that an unknown id or label drops one record, counted, not all.
import * as z from 'zod';
import type { Tracker } from '../tracker.js';
import type { ToolSpec } from './converse.js';

export const TOOL_NAME = 'record_stances';

/** Caps on one answer: more than this is not a reading of one article part. */
export const ANSWER_CAPS = { records: 100, quotesPerRecord: 5, quoteChars: 1000 } as const;

export function toolSpec(tracker: Tracker): ToolSpec {
  return {
    name: TOOL_NAME,
    description: 'Records every stance the article shows: one entry per actor and term, each with the exact words of the article that show it.',
    inputSchema: {
      json: {
        type: 'object',
        properties: {
          records: {
            type: 'array',
            maxItems: ANSWER_CAPS.records,
            items: {
              type: 'object',
              properties: {
                actor: { type: 'string', enum: tracker.actors.map((a) => a.id), description: 'the actor id' },
                term: { type: 'string', enum: tracker.terms.map((t) => t.id), description: 'the term id' },
                stance: { type: 'string', enum: [...tracker.stances] },
                quotes: {
                  type: 'array',
                  minItems: 1,
                  maxItems: ANSWER_CAPS.quotesPerRecord,
                  items: { type: 'string', maxLength: ANSWER_CAPS.quoteChars },
                  description: 'passages copied exactly from the article that show the stance',
                },
              },
              required: ['actor', 'term', 'stance', 'quotes'],
              additionalProperties: false,
            },
          },
        },
        required: ['records'],
        additionalProperties: false,
      },
    },
  };
}

export const ProposedRecordSchema = z.strictObject({
  actor: z.string(),
  term: z.string(),
  stance: z.string(),
  quotes: z.array(z.string().max(ANSWER_CAPS.quoteChars)).max(ANSWER_CAPS.quotesPerRecord),
});
export type ProposedRecord = z.infer<typeof ProposedRecordSchema>;

/** The tool's input as the tagger accepts it: `{"records": [{actor, term, stance, quotes}]}`. */
export const ToolInputSchema = z.strictObject({
  records: z.array(ProposedRecordSchema).max(ANSWER_CAPS.records),
});
export type ToolInput = z.infer<typeof ToolInputSchema>;
