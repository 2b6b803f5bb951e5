// `stance tag FILE... [--tracker FILE] [--format jsonl|table] [--tagger rules|replay|bedrock]`:
// tags documents and prints one JSON record a line, or an actor x term grid per document.
// The replay and bedrock taggers run the language-model tagger's verification on recorded
// or live answers and say on stderr what they dropped and why.
import { createWriteStream } from 'node:fs';
import type { ModelPort } from '../core/llm/converse.js';
import type { ModelTagging } from '../core/llm/tagger.js';
import { addDrops, type DropCounts } from '../core/llm/verify.js';
import type { StanceRecord } from '../core/records.js';
import { compileTracker } from '../core/tagger.js';
import type { Tracker } from '../core/tracker.js';
import { ConfigError, UsageError } from '../errors.js';
import type { RecordedExchange } from '../llm/bedrock.js';
import { parseCommandLine, readNamedFile } from './args.js';
import { startProgress } from './progress.js';
import { DEFAULT_MODEL_ID, loadTracker, modelSpecFor, readDocumentFiles, tagFiles, type TaggedFile } from './tagging.js';

export const summary = 'tag documents: where each actor stands on each term, with evidence';
export const usage = `usage: stance tag FILE... [--tracker FILE] [--format jsonl|table]
       stance tag --tagger replay --responses FILE FILE... [--tracker FILE] [--model ID]
       stance tag --tagger bedrock [--record FILE] [--region REGION] FILE... [--tracker FILE] [--model ID]

Tags each text file and prints its stance records.
  --tracker FILE     the tracker (default: the package's seeds/tracker.json)
  --format jsonl     one JSON record a line (default): {document, actor, term, stance,
                     confidence, evidence: [{sentence, start, end, cue, ...}]}
  --format table     an actor x term grid per document
  --tagger rules     the rules tagger (default)
  --tagger replay    the language-model tagger on recorded answers: --responses FILE holds
                     JSON lines {"id": "<document>#<part>", "response": <ConverseCommand output>}
                     answering the requests "stance prompt" prints
  --tagger bedrock   the language-model tagger on Amazon Bedrock (the default AWS credential
                     chain and region); --record FILE appends every answer for later replay
  --model ID         the Bedrock model or inference profile (default: the tracker's bedrock
                     tagger, else ${DEFAULT_MODEL_ID})
Only records whose quotes are found in the text are kept; the model taggers print on stderr
how many proposals they dropped and why. The document id is the file name without its extension.`;

const SYMBOL: Record<string, string> = { support: 'support', oppose: 'oppose', mixed: 'mixed' };

/** An actor x term grid of one document: rows and columns that have a record. */
export function renderTable(document: string, records: readonly StanceRecord[], tracker: Tracker): string {
  if (records.length === 0) return `${document}: no stances found\n`;
  const terms = tracker.terms.map((t) => t.id).filter((id) => records.some((r) => r.term === id));
  const actors = tracker.actors.map((a) => a.id).filter((id) => records.some((r) => r.actor === id));
  const cell = (actor: string, term: string): string => {
    const r = records.find((x) => x.actor === actor && x.term === term);
    return r ? SYMBOL[r.stance]! : '.';
  };
  const rows = [['', ...terms], ...actors.map((a) => [a, ...terms.map((t) => cell(a, t))])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd());
  return `${document}\n${lines.join('\n')}\n`;
}

/**
 * Standard output in chunks of 64 KB: one write a record costs more than the record, and a
 * megabyte held back was copied by every young-generation collection it lived through (half the
 * collector's time over 2,000 files, and 25 MiB of peak memory).
 */
class Output {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.parts.length > 0) this.stream.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/** One stderr line: what the model taggers kept, dropped and spent. */
export function modelSummary(results: ReadonlyArray<ModelTagging & { document: string }>): string {
  const dropped: DropCounts = {};
  for (const r of results) addDrops(dropped, r.dropped);
  const drops = Object.entries(dropped).sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${reason} ${n}`);
  const kept = results.reduce((n, r) => n + r.records.length, 0);
  const skipped = results.filter((r) => r.skipped).length;
  const fallbacks = results.filter((r) => r.fallback).map((r) => `${r.document} (${r.fallback})`);
  const input = results.reduce((n, r) => n + r.tokens.input, 0);
  const output = results.reduce((n, r) => n + r.tokens.output, 0);
  return `stance tag: ${results.length} documents, ${kept} records kept; dropped: ${drops.length ? drops.join(', ') : 'none'}; ` +
    `${skipped} skipped by the gate; rules fallback: ${fallbacks.length ? fallbacks.join(', ') : 'none'}; tokens in ${input}, out ${output}`;
}

async function modelPort(kind: 'replay' | 'bedrock', values: { responses?: string | undefined; record?: string | undefined; region?: string | undefined }): Promise<{ model: ModelPort; close(): Promise<void> }> {
  if (kind === 'replay') {
    if (!values.responses) throw new UsageError('stance tag --tagger replay needs --responses FILE; see "stance tag --help"');
    const { parseReplayLines, ReplayModel } = await import('../llm/replay.js');
    return { model: new ReplayModel(parseReplayLines(await readNamedFile(values.responses), values.responses)), close: async () => {} };
  }
  if (values.responses) throw new UsageError('--responses is for --tagger replay');
  const sink = values.record ? createWriteStream(values.record, { flags: 'a' }) : undefined;
  const record = sink ? (exchange: RecordedExchange) => sink.write(`${JSON.stringify(exchange)}\n`) : undefined;
  // Loaded here only: the rules and replay taggers need no AWS SDK.
  const { BedrockModel, bedrockClient } = await import('../llm/bedrock.js');
  const model = new BedrockModel(bedrockClient(values.region), record);
  return {
    model: {
      async converse(call) {
        try {
          return await model.converse(call);
        } catch (err) {
          const name = (err as Error).name;
          if (/Region is missing|CredentialsProviderError/i.test(`${name} ${(err as Error).message}`)) {
            throw new ConfigError(`Bedrock needs AWS credentials and a region (AWS_REGION or --region): ${(err as Error).message}`);
          }
          throw err;
        }
      },
    },
    close: () => new Promise<void>((done) => (sink ? sink.end(done) : done())),
  };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals: positional } = parseCommandLine('tag', args, {
    tracker: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
    tagger: { type: 'string', default: 'rules' },
    responses: { type: 'string' },
    record: { type: 'string' },
    model: { type: 'string' },
    region: { type: 'string' },
  });
  const format = values.format;
  if (format !== 'jsonl' && format !== 'table') throw new UsageError(`--format must be jsonl or table, not "${format}"`);
  const kind = values.tagger;
  if (kind !== 'rules' && kind !== 'replay' && kind !== 'bedrock') throw new UsageError(`--tagger must be rules, replay or bedrock, not "${kind}"`);
  if (kind !== 'bedrock' && values.record) throw new UsageError('--record is for --tagger bedrock');
  if (kind === 'rules' && (values.responses || values.model)) throw new UsageError('--responses and --model are for --tagger replay or bedrock');
  if (positional.length === 0) throw new UsageError('stance tag needs at least one FILE; see "stance tag --help"');
  const tracker = await loadTracker(values.tracker);
  const output = new Output(process.stdout);
  const print = ({ document, records, reason }: { document: string; records: readonly StanceRecord[]; reason?: string | undefined }): void => {
    // stdout stays machine-readable; why a document got nothing goes to stderr.
    if (reason) console.error(`${document}: no records (${reason})`);
    if (format === 'jsonl') for (const r of records) output.add(`${JSON.stringify(r)}\n`);
    else output.add(`${renderTable(document, records, tracker)}\n`);
  };
  if (kind === 'rules') {
    // Many files take a while: a bar on a terminal's stderr, nothing when piped. Results go out
    // as documents are tagged, except under the bar (lines would tear it): then after it.
    const progress = startProgress('tagging', positional.length, 'files', positional.length < 20 ? { enabled: false } : {});
    const held: TaggedFile[] = [];
    await tagFiles(positional, compileTracker(tracker), (tagged) => {
      if (progress.active) held.push(tagged);
      else print(tagged);
      progress.advance();
    }).finally(() => progress.stop());
    for (const tagged of held) print(tagged);
  } else {
    const files = await readDocumentFiles(positional);
    // Loaded here only: the rules tagger needs none of the model tagger's prompts and schemas.
    const { compileForModel, tagWithModel } = await import('../core/llm/tagger.js');
    const compiled = compileForModel(tracker, modelSpecFor(tracker, values.model));
    const port = await modelPort(kind, values);
    const results: Array<ModelTagging & { document: string }> = [];
    try {
      for (const { document, text } of files) results.push({ document, ...(await tagWithModel({ id: document, text }, compiled, { model: port.model })) });
    } finally {
      await port.close();
    }
    process.stderr.write(`${modelSummary(results)}\n`);
    for (const result of results) print(result);
  }
  output.flush();
  return 0;
}
