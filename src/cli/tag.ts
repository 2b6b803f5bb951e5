// `stance tag FILE... [--tracker FILE] [--format jsonl|table]`: tags documents and
// prints one JSON record a line, or an actor x term grid per document.
import type { StanceRecord } from '../core/records.js';
import type { Tracker } from '../core/tracker.js';
import { UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';
import { startProgress } from './progress.js';
import { loadCompiledTracker, tagFiles } from './tagging.js';

export const summary = 'tag documents: where each actor stands on each term, with evidence';
export const usage = `usage: stance tag FILE... [--tracker FILE] [--format jsonl|table]

Tags each text file and prints its stance records.
  --tracker FILE   the tracker (default: the package's seeds/tracker.json)
  --format jsonl   one JSON record a line (default): {document, actor, term, stance,
                   confidence, evidence: [{sentence, start, end, cue, ...}]}
  --format table   an actor x term grid per document
The document id is the file name without its extension.`;

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

export async function run(args: string[]): Promise<number> {
  const { values, positionals: positional } = parseCommandLine('tag', args, {
    tracker: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
  });
  const format = values.format;
  if (format !== 'jsonl' && format !== 'table') throw new UsageError(`--format must be jsonl or table, not "${format}"`);
  if (positional.length === 0) throw new UsageError('stance tag needs at least one FILE; see "stance tag --help"');
  const compiled = await loadCompiledTracker(values.tracker);
  // Many files take a while: a bar on a terminal's stderr, nothing when piped.
  const progress = startProgress('tagging', positional.length, 'files', positional.length < 20 ? { enabled: false } : {});
  const tagged = await tagFiles(positional, compiled, () => progress.advance()).finally(() => progress.stop());
  const out: string[] = [];
  for (const { document, records, reason } of tagged) {
    // stdout stays machine-readable; why a document got nothing goes to stderr.
    if (reason) console.error(`${document}: no records (${reason})`);
    if (format === 'jsonl') for (const r of records) out.push(`${JSON.stringify(r)}\n`);
    else out.push(renderTable(document, records, compiled.tracker), '\n');
  }
  process.stdout.write(out.join(''));
  return 0;
}
