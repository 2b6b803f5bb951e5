// What the language-model tagger costs per 1,000 documents, from the seeds: the input tokens
// of the requests `stance prompt` would print (estimated as characters / 4), the output
// tokens of the recorded seed answers (the same estimate), and list prices from
// bench/bedrock-prices.json (dated; to be checked). Run: npm run bench:llm
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requestTokens } from '../src/cli/prompt.js';
import { estimateTokens } from '../src/core/llm/chunk.js';
import { compileForModel, planCalls, readAnswer } from '../src/core/llm/tagger.js';
import { systemPrompt } from '../src/core/llm/prompt.js';
import { loadTrackerFile } from '../src/core/tracker.js';
import { parseReplayLines } from '../src/llm/replay.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tracker = await loadTrackerFile(join(root, 'seeds', 'tracker.json'));
const compiled = compileForModel(tracker, { kind: 'bedrock', modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', maxInputTokens: 12_000 });
const seeds = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt')).sort();

let documents = 0;
let requests = 0;
let input = 0;
for (const file of seeds) {
  const plan = planCalls({ id: file.replace(/\.txt$/, ''), text: readFileSync(join(root, 'seeds', file), 'utf8') }, compiled);
  if ('skipped' in plan) continue;
  documents++;
  for (const call of plan.calls) {
    requests++;
    input += requestTokens(call.request);
  }
}
const answersFile = join(root, 'test', 'fixtures', 'llm', 'seeds.responses.jsonl');
let output = 0;
for (const [, answers] of parseReplayLines(readFileSync(answersFile, 'utf8'), answersFile)) {
  for (const answer of answers) output += readAnswer(answer).tokens.output;
}

const prices = JSON.parse(readFileSync(join(root, 'bench', 'bedrock-prices.json'), 'utf8')) as { note: string; models: { name: string; input: number; output: number }[] };
const perDocIn = input / documents;
const perDocOut = output / documents;
console.log(`seeds: ${documents} documents, ${requests} requests; input ${input} tokens (${Math.round(perDocIn)} a document, of which ${estimateTokens(systemPrompt(tracker))} system prompt), output ${output} tokens (${Math.round(perDocOut)} a document); tokens estimated as characters / 4`);
console.log('model                  $/1M in   $/1M out   per 1,000 documents');
for (const m of prices.models) {
  const cost = (perDocIn * m.input + perDocOut * m.output) / 1000;
  console.log(`${m.name.padEnd(22)} ${m.input.toFixed(3).padStart(7)}   ${m.output.toFixed(2).padStart(8)}   $${cost.toFixed(2)}`);
}
console.log(`prices: ${prices.note}`);
