// `stance prompt FILE... [--tracker FILE] [--model ID]`: prints the model requests the
// bedrock tagger would make, one JSON line each, for running elsewhere and replaying with
// `stance tag --tagger replay --responses FILE`.
import { estimateTokens } from '../core/llm/chunk.js';
import type { ConverseRequest } from '../core/llm/converse.js';
import { compileForModel, planCalls } from '../core/llm/tagger.js';
import { UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';
import { DEFAULT_MODEL_ID, loadTracker, modelSpecFor, readDocumentFiles } from './tagging.js';

export const summary = 'print the Bedrock Converse requests the language-model tagger would send';
export const usage = `usage: stance prompt FILE... [--tracker FILE] [--model ID]

Prints one JSON line per model request:
  {"id": "<document>#<part>", "document": "<document>", "request": <ConverseCommand input>}
A long article is split into parts on paragraph boundaries. Documents the topic gate or
the actor check skips print nothing (a note on stderr): they cost nothing. A last line on
stderr gives the requests' input tokens, estimated as characters / 4.
  --tracker FILE   the tracker (default: the package's seeds/tracker.json)
  --model ID       the Bedrock model or inference profile id (default: the tracker's
                   bedrock tagger, else ${DEFAULT_MODEL_ID})
Answer each request with ConverseCommand and keep {"id", "response"} lines; then
  stance tag --tagger replay --responses FILE FILE...`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('prompt', args, { tracker: { type: 'string' }, model: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('stance prompt needs at least one FILE; see "stance prompt --help"');
  const tracker = await loadTracker(values.tracker);
  const compiled = compileForModel(tracker, modelSpecFor(tracker, values.model));
  const out: string[] = [];
  let tokens = 0;
  const documents = await readDocumentFiles(positionals);
  for (const { document, text } of documents) {
    const plan = planCalls({ id: document, text }, compiled);
    if ('skipped' in plan) {
      process.stderr.write(`stance prompt: ${document}: no request (${plan.skipped === 'off-topic' ? "the tracker's topic gate skips it" : 'it names no actor of the tracker'})\n`);
      continue;
    }
    for (const call of plan.calls) {
      out.push(`${JSON.stringify({ id: call.id, document: call.document, request: call.request })}\n`);
      tokens += requestTokens(call.request);
    }
  }
  process.stdout.write(out.join(''));
  process.stderr.write(`stance prompt: ${out.length} requests for ${documents.length} documents, about ${tokens} input tokens (characters / 4)\n`);
  return 0;
}

/** Input tokens of a request, estimated as its system prompt, messages and tool schema in characters / 4. */
export function requestTokens(request: ConverseRequest): number {
  return estimateTokens(request.system.map((s) => s.text).join('') + request.messages.flatMap((m) => m.content.map((c) => c.text)).join('') + JSON.stringify(request.toolConfig));
}
