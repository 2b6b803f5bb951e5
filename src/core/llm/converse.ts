// The slice of Amazon Bedrock's Converse API the language-model tagger speaks, written
// out here so the core needs no AWS import: a ConverseRequest is a valid ConverseCommand
// input, and ConverseResponseSchema reads a ConverseCommand output (live or recorded).
import * as z from 'zod';

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: { json: Record<string, unknown> };
}

export interface ConverseRequest {
  modelId: string;
  system: Array<{ text: string }>;
  messages: Array<{ role: 'user'; content: Array<{ text: string }> }>;
  inferenceConfig: { maxTokens: number; temperature: number };
  toolConfig: { tools: Array<{ toolSpec: ToolSpec }>; toolChoice: { tool: { name: string } } };
}

const ContentBlockSchema = z.looseObject({
  text: z.string().optional(),
  toolUse: z.looseObject({ toolUseId: z.string().optional(), name: z.string(), input: z.unknown() }).optional(),
});

/** What the tagger reads of a Converse answer; anything else in it is ignored. */
export const ConverseResponseSchema = z.looseObject({
  output: z.looseObject({
    message: z.looseObject({ role: z.string().optional(), content: z.array(ContentBlockSchema) }).optional(),
  }).optional(),
  stopReason: z.string().optional(),
  usage: z.looseObject({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) }).optional(),
});
export type ConverseResponse = z.infer<typeof ConverseResponseSchema>;

/** One model call: the request and the line id the replay file keys it by. */
export interface ModelCall {
  /** `<document>#<chunk>`: what `stance prompt` prints and a replay file answers. */
  id: string;
  document: string;
  request: ConverseRequest;
}

/**
 * The port the tagger calls a model through (request in, response out). Adapters: Bedrock's
 * Converse API (src/llm/bedrock.ts) and recorded answers (src/llm/replay.ts). A failure to be
 * retried later (throttling, a 5xx) is thrown as ModelUnavailableError.
 */
export interface ModelPort {
  converse(call: ModelCall): Promise<unknown>;
}

/**
 * Today's token allowance, shared by every tag function of a deployment. The tagger takes an
 * estimate before a call and settles the difference after it.
 */
export interface TokenBudget {
  /** Takes `tokens` from today's allowance; false (and nothing taken) when that would pass it. */
  take(tokens: number, now: Date): Promise<boolean>;
  /** Adds `tokens` (negative to give back) to today's count, unconditionally. */
  adjust(tokens: number, now: Date): Promise<void>;
}
