// The model port over recorded answers: JSON lines `{"id": "<document>#<chunk>", "response":
// <ConverseCommand output>}`, as `stance tag --tagger bedrock --record FILE` writes them or
// as any other runner of `stance prompt`'s requests produces them.
import * as z from 'zod';
import type { ModelCall, ModelPort } from '../core/llm/converse.js';
import { NotFoundError, ValidationError } from '../errors.js';

const LineSchema = z.object({
  id: z.string({ error: 'a line needs "id", the request\'s "<document>#<part>"' }).min(1),
  response: z.custom<unknown>((v) => v !== undefined, { error: 'a line needs "response", a ConverseCommand output' }),
});

/**
 * Reads a replay file's text; `source` names it in errors (`answers.jsonl:3: ...`). An id may
 * have several lines: a recorded retry's answer follows the refused one.
 */
export function parseReplayLines(text: string, source: string): Map<string, unknown[]> {
  const answers = new Map<string, unknown[]>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new ValidationError(`not valid JSON (${(err as Error).message})`, `${source}:${i + 1}`);
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, `${source}:${i + 1}`);
    const list = answers.get(parsed.data.id);
    if (list) list.push(parsed.data.response);
    else answers.set(parsed.data.id, [parsed.data.response]);
  });
  return answers;
}

export class ReplayModel implements ModelPort {
  /** Ids asked for, in order: a test can see which calls were made. */
  readonly asked: string[] = [];

  constructor(private readonly answers: ReadonlyMap<string, readonly unknown[]>) {}

  /** The n-th ask of an id gets its n-th answer; asks past the last get the last again. */
  async converse(call: ModelCall): Promise<unknown> {
    const list = this.answers.get(call.id);
    if (!list?.length) throw new NotFoundError(`no recorded answer for request "${call.id}"`);
    const n = this.asked.filter((id) => id === call.id).length;
    this.asked.push(call.id);
    return list[Math.min(n, list.length - 1)];
  }
}
