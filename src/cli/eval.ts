// `stance eval --gold FILE FILE...`: tags the files and scores the records against
// gold records, printing what /work/shared/eval/score.mjs prints with --errors.
import { readFile } from 'node:fs/promises';
import { formatScore, parseRecordLines, score } from '../core/score.js';
import { NotFoundError, UsageError, ValidationError } from '../errors.js';
import { loadCompiledTracker, parseArgs, tagFiles } from './tagging.js';

export const summary = 'tag documents and score them against gold records (P/R/F1)';
export const usage = `usage: stance eval --gold FILE [--tracker FILE] FILE...

Tags each text file and compares the records with the gold records (JSON lines of
{document, actor, term, stance}). Prints the errors (missed, spurious, wrong stance),
then pair and triple precision, recall and F1 and the stance accuracy on found pairs.`;

async function readGold(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${file}: no such file`);
    throw new ValidationError(`cannot read the file (${code ?? String(err)})`, file);
  }
}

export async function run(args: string[]): Promise<number> {
  const { flags, positional } = parseArgs(args, ['gold', 'tracker']);
  const goldFile = flags.get('gold');
  if (!goldFile) throw new UsageError('stance eval needs --gold FILE; see "stance eval --help"');
  if (positional.length === 0) throw new UsageError('stance eval needs at least one FILE to tag');
  const gold = parseRecordLines(await readGold(goldFile), goldFile);
  const compiled = await loadCompiledTracker(flags.get('tracker'));
  const tagged = await tagFiles(positional, compiled);
  const result = score(gold, tagged.flatMap((t) => t.records));
  process.stdout.write([...result.errors, ...formatScore(result)].map((l) => `${l}\n`).join(''));
  return 0;
}
