// Shared by `stance tag` and `stance eval`: read the tracker and the documents
// named on the command line, and tag them.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, UsageError, ValidationError } from '../errors.js';
import type { StanceRecord } from '../core/records.js';
import { compileTracker, tagDocument, type CompiledTracker } from '../core/tagger.js';
import { loadTrackerFile } from '../core/tracker.js';

/** The default tracker ships with the package; found relative to this file, not the cwd. */
export const DEFAULT_TRACKER = fileURLToPath(new URL('../../seeds/tracker.json', import.meta.url));

export async function loadCompiledTracker(file: string | undefined): Promise<CompiledTracker> {
  return compileTracker(await loadTrackerFile(file ?? DEFAULT_TRACKER));
}

/** The document id of a file: its name without the extension ("seeds/001_x.txt" -> "001_x"). */
export function documentId(file: string): string {
  const name = basename(file);
  return name.slice(0, name.length - extname(name).length) || name;
}

export async function readDocumentFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotFoundError(`${file}: no such file`);
    if (code === 'EISDIR') throw new ValidationError('is a directory, not a document', file);
    throw new ValidationError(`cannot read the file (${code ?? String(err)})`, file);
  }
}

/** Tags the files in order; every file is read before any output, so a bad one fails the run cleanly. */
export async function tagFiles(files: readonly string[], compiled: CompiledTracker): Promise<Array<{ file: string; document: string; records: StanceRecord[] }>> {
  const texts = await Promise.all(files.map((file) => readDocumentFile(file)));
  const seen = new Map<string, string>();
  return files.map((file, i) => {
    const document = documentId(file);
    const other = seen.get(document);
    if (other !== undefined && other !== file) throw new UsageError(`${file} and ${other} have the same document id "${document}"`);
    seen.set(document, file);
    return { file, document, records: tagDocument({ id: document, text: texts[i]! }, compiled) };
  });
}

/** Minimal flag parsing: `--name value` or `--name=value`; everything else is positional. */
export function parseArgs(args: readonly string[], valued: readonly string[]): { flags: Map<string, string>; positional: string[] } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!valued.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positional };
}
