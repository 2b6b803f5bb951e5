// The language-model tagger: gate, split, prompt, call the model through its port, hold the
// answer to the schema and every quote to the text, merge per (actor, term). Pure apart from
// its two ports (the model and the token budget). When today's budget is spent, or an answer
// fails validation twice, the rules tagger tags the document and the result says so.
import type { StanceRecord, TaggableDocument } from '../records.js';
import { compileTracker, tagDocument, type CompiledTracker } from '../tagger.js';
import type { BedrockTaggerSpec, Tracker } from '../tracker.js';
import { modelTaggerVersion, RULES_TAGGER_VERSION } from '../versions.js';
import { estimateTokens, splitIntoParts } from './chunk.js';
import { ConverseResponseSchema, type ModelCall, type ModelPort, type TokenBudget } from './converse.js';
import { gate } from './gate.js';
import { converseRequest, MAX_OUTPUT_TOKENS, systemPrompt, userMessage } from './prompt.js';
import { TOOL_NAME, ToolInputSchema, toolSpec, type ProposedRecord } from './tool.js';
import { countDrop, mergeRecords, prepareText, verifyRecords, type DropCounts } from './verify.js';

/** Output tokens set aside per call when taking from the budget (settled with the real count). */
export const OUTPUT_ESTIMATE = 600;

export interface CompiledForModel {
  tracker: Tracker;
  rules: CompiledTracker;
  modelId: string;
  system: string;
  /** Input tokens of everything in a request but the article: system prompt, tool schema, framing. */
  overheadTokens: number;
  /** Article tokens one part may hold. */
  partTokens: number;
}

export function compileForModel(tracker: Tracker, spec: BedrockTaggerSpec): CompiledForModel {
  const system = systemPrompt(tracker);
  const overheadTokens = estimateTokens(system) + estimateTokens(JSON.stringify(toolSpec(tracker))) + estimateTokens(userMessage({ text: '', index: 0, of: 2 }));
  return {
    tracker,
    rules: compileTracker(tracker),
    modelId: spec.modelId,
    system,
    overheadTokens,
    partTokens: Math.max(500, spec.maxInputTokens - overheadTokens),
  };
}

export interface PlannedCall extends ModelCall {
  /** Where the part starts in the original text. */
  start: number;
  estimatedTokens: number;
}

export type Plan = { calls: PlannedCall[] } | { skipped: 'off-topic' | 'no-actor' };

/** The model calls a document needs (one per part), or why it needs none. `stance prompt` prints these. */
export function planCalls(doc: TaggableDocument, compiled: CompiledForModel): Plan {
  const passed = gate(doc.text, compiled.rules);
  if (!passed.pass) return { skipped: passed.reason };
  const parts = splitIntoParts(doc.text, compiled.partTokens);
  return {
    calls: parts.map((part, index) => ({
      id: `${doc.id}#${index}`,
      document: doc.id,
      request: converseRequest(compiled.modelId, compiled.tracker, { text: part.text, index, of: parts.length }, compiled.system),
      start: part.start,
      estimatedTokens: compiled.overheadTokens + estimateTokens(part.text) + OUTPUT_ESTIMATE,
    })),
  };
}

export type ReadAnswer = { records: ProposedRecord[]; tokens: Tokens } | { invalid: string; tokens: Tokens };

export interface Tokens {
  input: number;
  output: number;
}

/** The tool input of a Converse answer, held to the schema; or what is wrong with it. */
export function readAnswer(response: unknown): ReadAnswer {
  const parsed = ConverseResponseSchema.safeParse(response);
  if (!parsed.success) return { invalid: 'not a Converse response', tokens: { input: 0, output: 0 } };
  const tokens = { input: parsed.data.usage?.inputTokens ?? 0, output: parsed.data.usage?.outputTokens ?? 0 };
  const uses = (parsed.data.output?.message?.content ?? []).flatMap((c) => (c.toolUse && c.toolUse.name === TOOL_NAME ? [c.toolUse] : []));
  if (uses.length === 0) return { invalid: `no ${TOOL_NAME} tool use in the answer (stop reason ${parsed.data.stopReason ?? 'none'})`, tokens };
  if (uses.length > 1) return { invalid: `${uses.length} tool uses in one answer`, tokens };
  const input = ToolInputSchema.safeParse(uses[0]!.input);
  if (!input.success) {
    const issue = input.error.issues[0]!;
    return { invalid: `tool input at ${issue.path.join('.') || '(root)'}: ${issue.message}`, tokens };
  }
  return { records: input.data.records, tokens };
}

export type Fallback = 'budget' | 'invalid-answer';

export interface ModelTagging {
  records: StanceRecord[];
  /** The tagger that made the records: the model's version, or the rules' when it fell back. */
  taggerVersion: string;
  tokens: Tokens;
  dropped: DropCounts;
  /** Why the rules tagger made the records instead of the model. */
  fallback?: Fallback;
  /** Why no call was made (and no records can be). */
  skipped?: 'off-topic' | 'no-actor';
  calls: number;
  /** What was wrong with refused answers, for the log. */
  problems: string[];
}

export interface ModelTaggerDeps {
  model: ModelPort;
  budget?: TokenBudget | undefined;
  now?: () => Date;
}

/** Tags one document with the model: every record that survives cites quotes found in the text. */
export async function tagWithModel(doc: TaggableDocument, compiled: CompiledForModel, deps: ModelTaggerDeps): Promise<ModelTagging> {
  const version = modelTaggerVersion(compiled.modelId);
  const tokens: Tokens = { input: 0, output: 0 };
  const dropped: DropCounts = {};
  const problems: string[] = [];
  const plan = planCalls(doc, compiled);
  if ('skipped' in plan) return { records: [], taggerVersion: version, tokens, dropped, skipped: plan.skipped, calls: 0, problems };
  const fallBack = (fallback: Fallback, calls: number): ModelTagging => ({
    records: tagDocument(doc, compiled.rules),
    taggerVersion: RULES_TAGGER_VERSION,
    tokens,
    dropped,
    fallback,
    calls,
    problems,
  });

  const now = deps.now ?? (() => new Date());
  const estimate = plan.calls.reduce((sum, c) => sum + c.estimatedTokens, 0);
  if (deps.budget && !(await deps.budget.take(estimate, now()))) return fallBack('budget', 0);

  const text = prepareText(doc.text);
  const verified: ReturnType<typeof verifyRecords> = [];
  let calls = 0;
  try {
    for (const call of plan.calls) {
      let answer: ReadAnswer | undefined;
      for (let attempt = 1; attempt <= 2; attempt++) {
        calls++;
        answer = readAnswer(await deps.model.converse(call));
        tokens.input += answer.tokens.input;
        tokens.output += answer.tokens.output;
        if (!('invalid' in answer)) break;
        countDrop(dropped, 'invalid-answer');
        problems.push(`${call.id}: ${answer.invalid}`);
      }
      if (!answer || 'invalid' in answer) return fallBack('invalid-answer', calls);
      verified.push(...verifyRecords(answer.records, text, compiled.tracker, dropped, call.start));
    }
  } finally {
    const used = tokens.input + tokens.output;
    if (deps.budget && used !== estimate) await deps.budget.adjust(used - estimate, now());
  }
  return { records: mergeRecords(doc.id, verified, compiled.tracker, dropped), taggerVersion: version, tokens, dropped, calls, problems };
}
