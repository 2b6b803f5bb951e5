// Helpers for the language-model tagger's tests: Converse answers with a tool use, a tracker
// tagged by a Bedrock model, and a token budget in memory.
import type { TokenBudget } from '../../src/core/llm/converse.js';
import { TOOL_NAME } from '../../src/core/llm/tool.js';
import { parseTracker, type Tracker } from '../../src/core/tracker.js';

export const MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

export interface Proposal {
  actor: string;
  term: string;
  stance: string;
  quotes: string[];
}

/** A ConverseCommand output whose one content block calls the tagger's tool with `input`. */
export function toolAnswer(input: unknown, usage = { inputTokens: 1000, outputTokens: 100 }) {
  return {
    output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 't-1', name: TOOL_NAME, input } }] } },
    stopReason: 'tool_use',
    usage: { ...usage, totalTokens: usage.inputTokens + usage.outputTokens },
    metrics: { latencyMs: 1 },
  };
}

export const recordsAnswer = (records: Proposal[], usage?: { inputTokens: number; outputTokens: number }) => toolAnswer({ records }, usage);

/** An answer in prose, without the tool. */
export const textAnswer = (text: string) => ({
  output: { message: { role: 'assistant', content: [{ text }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 900, outputTokens: 30, totalTokens: 930 },
});

/** A tracker like the pipeline tests' one ("talks"), tagged by a Bedrock model. */
export function modelTracker(id = 'talks', modelId = MODEL_ID, maxInputTokens?: number): Tracker {
  return parseTracker(
    {
      id,
      title: 'Test talks',
      actors: [
        { id: 'RU', name: 'Russia', aliases: ['Russia', 'Moscow', 'Kremlin'] },
        { id: 'UA', name: 'Ukraine', aliases: ['Ukraine', 'Kyiv'] },
        { id: 'US', name: 'United States', aliases: ['Washington'] },
      ],
      terms: [
        { id: 'ceasefire', name: 'Ceasefire', description: 'a pause in the fighting', cues: { affirm: ['ceasefire', 'truce'] } },
        { id: 'sanctions', name: 'Sanctions relief', cues: { affirm: ['sanctions relief'], negate: ['tighter sanctions'] } },
        { id: 'nato', name: 'NATO renunciation', cues: { affirm: ['renounce NATO'] } },
      ],
      tagger: { kind: 'bedrock', modelId, ...(maxInputTokens ? { maxInputTokens } : {}) },
    },
    'model tracker',
  );
}

export class MemoryTokenBudget implements TokenBudget {
  used = 0;
  constructor(readonly limit: number) {}
  async take(tokens: number): Promise<boolean> {
    if (this.used + tokens > this.limit) return false;
    this.used += tokens;
    return true;
  }
  async adjust(tokens: number): Promise<void> {
    this.used += tokens;
  }
}
