// `stance eval --gold FILE FILE...`: tags the files and scores the records against
// gold records, printing what the shared folder's eval/score.mjs (../shared/eval/score.mjs) prints with --errors.
import { formatScore, parseRecordLines, score } from '../core/score.js';
import { UsageError } from '../errors.js';
import { parseCommandLine, readNamedFile } from './args.js';
import { loadCompiledTracker, tagFiles } from './tagging.js';

export const summary = 'tag documents and score them against gold records (P/R/F1)';
export const usage = `usage: stance eval --gold FILE [--tracker FILE] FILE...

Tags each text file and compares the records with the gold records (JSON lines of
{document, actor, term, stance}). Prints the errors (missed, spurious, wrong stance),
then pair and triple precision, recall and F1 and the stance accuracy on found pairs.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals: positional } = parseCommandLine('eval', args, {
    gold: { type: 'string' },
    tracker: { type: 'string' },
  });
  const goldFile = values.gold;
  if (!goldFile) throw new UsageError('stance eval needs --gold FILE; see "stance eval --help"');
  if (positional.length === 0) throw new UsageError('stance eval needs at least one FILE to tag');
  const gold = parseRecordLines(await readNamedFile(goldFile), goldFile);
  const compiled = await loadCompiledTracker(values.tracker);
  const tagged = await tagFiles(positional, compiled);
  const result = score(gold, tagged.flatMap((t) => t.records));
  process.stdout.write([...result.errors, ...formatScore(result)].map((l) => `${l}\n`).join(''));
  return 0;
}
