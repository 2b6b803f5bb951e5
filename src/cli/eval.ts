// `stance eval --gold FILE FILE...` or `stance eval FOLDER`: tags the texts and scores the
// records against gold records, printing what the shared folder's eval/score.mjs (../shared/eval/score.mjs)
// prints with --errors. A folder holds manifest.jsonl, texts/<document>.txt and gold.jsonl (see
// news/README.md); each text is checked against the manifest's sha256. `--ablate`
// then prints what each rule family is worth: the triple F1 change with it switched off;
// `--interval` and `--against` how far the figures could move on other articles.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { StanceRecord } from '../core/records.js';
import { calibration, formatCalibration, formatIntervals, formatScore, formatScoreBy, intervals, parseJsonLines, parseRecordLines, score, scoreBy, type ScoredRecord } from '../core/score.js';
import { RULE_FAMILIES, tagDocument, type CompiledTracker, type RuleFamily, type TagOptions } from '../core/tagger.js';
import { UsageError, ValidationError } from '../errors.js';
import { parseCommandLine, readNamedFile } from './args.js';
import { documentId, loadCompiledTracker } from './tagging.js';

export const summary = 'tag documents and score them against gold records (P/R/F1)';
export const usage = `usage: stance eval [--by] [--calibration] [--ablate] [--interval] [--against RECORDS] [--tracker FILE] FOLDER
       stance eval [--by] [--calibration] [--ablate] [--interval] [--against RECORDS] [--tracker FILE] --gold FILE FILE...

Tags each text and compares the records with the gold records (JSON lines of
{document, actor, term, stance}). Prints the errors (missed, spurious, wrong stance),
then pair and triple precision, recall and F1 and the stance accuracy on found pairs.

FOLDER holds manifest.jsonl (one {document, sha256, ...} a line), texts/<document>.txt
and gold.jsonl. Texts that are missing, or whose sha256 differs from the manifest, are
listed and left out (with their gold records).

--by           also prints the triple figures by term and by actor.
--calibration  also prints how many records are right by confidence band (with the band's mean
               confidence) and by the number of evidence sentences, and the Brier score:
               what a record's confidence is worth on these texts.
--ablate       also prints, for each rule family, the triple F1 change when it is switched off.
--interval     also prints 90% intervals for triple F1 and pair precision, resampling the
               documents (2,000 times, a fixed seed): how far the figure could move on other
               articles of the same kind.
--against RECORDS
               also scores RECORDS (JSON lines of {document, actor, term, stance}, e.g. an
               older tagger's \`stance tag --format jsonl\` on the same texts) and prints the
               paired difference in triple F1 with its 90% interval.`;

const ManifestLineSchema = z.object({
  document: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 hex digits'),
}).loose();

export interface LoadedText {
  readonly document: string;
  readonly text: string;
}

export interface GoldFolder {
  readonly texts: LoadedText[];
  readonly gold: ScoredRecord[];
  /** Manifest documents without a text file. */
  readonly missing: string[];
  /** Manifest documents whose text differs from the manifest's sha256. */
  readonly changed: string[];
  readonly listed: number;
}

/** Reads a manifest folder: the texts that are there and match their sha256, and the gold for them. */
export async function readGoldFolder(folder: string): Promise<GoldFolder> {
  const manifestFile = join(folder, 'manifest.jsonl');
  const goldFile = join(folder, 'gold.jsonl');
  const manifest = parseJsonLines(await readNamedFile(manifestFile), manifestFile, ManifestLineSchema);
  const texts: LoadedText[] = [];
  const missing: string[] = [];
  const changed: string[] = [];
  for (const entry of manifest) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(folder, 'texts', `${entry.document}.txt`));
    } catch {
      missing.push(entry.document);
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) changed.push(entry.document);
    else texts.push({ document: entry.document, text: bytes.toString('utf8') });
  }
  const present = new Set(texts.map((t) => t.document));
  const gold = parseRecordLines(await readNamedFile(goldFile), goldFile).filter((r) => present.has(r.document));
  return { texts, gold, missing, changed, listed: manifest.length };
}

function tagAll(texts: readonly LoadedText[], compiled: CompiledTracker, options?: TagOptions): StanceRecord[] {
  return texts.flatMap((t) => tagDocument({ id: t.document, text: t.text }, compiled, options));
}

/**
 * What a family does to the records: those it makes (there with it on, gone with it off) and
 * those it prevents (there only with it off), each with how many are right (the gold triple).
 * A family whose made records are mostly wrong is the one producing the false positives.
 */
function familyEffect(on: readonly StanceRecord[], off: readonly StanceRecord[], gold: readonly ScoredRecord[]): string {
  const triple = (r: ScoredRecord): string => `${r.document}\t${r.actor}\t${r.term}\t${r.stance}`;
  const right = new Set(gold.map(triple));
  const onKeys = new Set(on.map(triple));
  const offKeys = new Set(off.map(triple));
  const made = [...onKeys].filter((k) => !offKeys.has(k));
  const prevented = [...offKeys].filter((k) => !onKeys.has(k));
  const count = (keys: string[]): string => `${keys.length} (${keys.filter((k) => right.has(k)).length} right)`;
  return `makes ${count(made)}  prevents ${count(prevented)}`;
}

/** Lines of the ablation table: each family off in turn, the triple F1 and its change, and the records it makes and prevents. */
export function ablationLines(texts: readonly LoadedText[], gold: readonly ScoredRecord[], compiled: CompiledTracker): string[] {
  const records = tagAll(texts, compiled);
  const base = score(gold, records);
  const f = (x: number): string => x.toFixed(3);
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;
  const lines = ['ablation (triple F1 with the family off; change = off - all on: negative means the family pays its way;',
    'makes = records only with the family on, prevents = records only with it off, "right" = in the gold)',
    `all on          triple F1 ${f(base.triple.f1)}  pair P ${f(base.pair.precision)}`];
  for (const family of RULE_FAMILIES) {
    const without = tagAll(texts, compiled, { off: new Set<RuleFamily>([family]) });
    const result = score(gold, without);
    lines.push(`${`-${family}`.padEnd(16)}triple F1 ${f(result.triple.f1)}  change ${signed(result.triple.f1 - base.triple.f1)}  pair P ${f(result.pair.precision)}  ${familyEffect(records, without, gold)}`);
  }
  return lines;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals: positional } = parseCommandLine('eval', args, {
    gold: { type: 'string' },
    tracker: { type: 'string' },
    ablate: { type: 'boolean' },
    by: { type: 'boolean' },
    calibration: { type: 'boolean' },
    interval: { type: 'boolean' },
    against: { type: 'string' },
  });
  const notes: string[] = [];
  let texts: LoadedText[];
  let gold: ScoredRecord[];
  if (values.gold === undefined && positional.length === 1 && await isFolder(positional[0]!)) {
    const folder = await readGoldFolder(positional[0]!);
    if (folder.missing.length > 0) notes.push(`${folder.missing.length} of ${folder.listed} texts missing (left out): ${folder.missing.join(', ')}`);
    if (folder.changed.length > 0) notes.push(`${folder.changed.length} of ${folder.listed} texts differ from the manifest's sha256 (left out): ${folder.changed.join(', ')}`);
    if (folder.texts.length === 0) throw new ValidationError(`no text to score: ${notes.join('; ')}`, positional[0]!);
    texts = folder.texts;
    gold = folder.gold;
  } else {
    const goldFile = values.gold;
    if (!goldFile) throw new UsageError('stance eval needs a FOLDER or --gold FILE; see "stance eval --help"');
    if (positional.length === 0) throw new UsageError('stance eval needs at least one FILE to tag');
    gold = parseRecordLines(await readNamedFile(goldFile), goldFile);
    const contents = await Promise.all(positional.map((file) => readNamedFile(file)));
    const seen = new Map<string, string>();
    texts = positional.map((file, i) => {
      const document = documentId(file);
      const other = seen.get(document);
      if (other !== undefined && other !== file) throw new UsageError(`${file} and ${other} have the same document id "${document}"`);
      seen.set(document, file);
      return { document, text: contents[i]! };
    });
  }
  const compiled = await loadCompiledTracker(values.tracker);
  for (const note of notes) process.stderr.write(`${note}\n`);
  const records = tagAll(texts, compiled);
  const result = score(gold, records);
  const lines = [...result.errors, ...formatScore(result)];
  if (values.by) for (const by of ['term', 'actor'] as const) lines.push('', ...formatScoreBy(scoreBy(gold, records, by), by));
  if (values.calibration) lines.push('', ...formatCalibration(calibration(gold, records)));
  if (values.interval || values.against !== undefined) {
    const documents = texts.map((t) => t.document);
    let other: ScoredRecord[] | undefined;
    if (values.against !== undefined) {
      const scored = new Set(documents);
      other = parseRecordLines(await readNamedFile(values.against), values.against).filter((r) => scored.has(r.document));
      lines.push('', `${values.against}:`, ...formatScore(score(gold, other)));
    }
    lines.push('', ...formatIntervals(intervals(gold, records, documents, { other }), values.against));
  }
  if (values.ablate) lines.push('', ...ablationLines(texts, gold, compiled));
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}
