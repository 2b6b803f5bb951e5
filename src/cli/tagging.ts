// Shared by `stance tag` and `stance eval`: read the tracker and the documents
// named on the command line, and tag them.
import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULT_TRACKER, readNamedFile } from './args.js';
import type { StanceRecord } from '../core/records.js';
import { compileTracker, tagDocumentWithReason, type CompiledTracker } from '../core/tagger.js';
import { loadTrackerFile } from '../core/tracker.js';

export async function loadCompiledTracker(file: string | undefined): Promise<CompiledTracker> {
  return compileTracker(await loadTrackerFile(file ?? DEFAULT_TRACKER));
}

/** The document id of a file: its name without the extension ("seeds/001_x.txt" -> "001_x"). */
export function documentId(file: string): string {
  const name = basename(file);
  return name.slice(0, name.length - extname(name).length) || name;
}

/** Tags the files in order; every file is read before any output, so a bad one fails the run cleanly. */
export async function tagFiles(
  files: readonly string[],
  compiled: CompiledTracker,
  onTagged: (file: string) => void = () => {},
): Promise<Array<{ file: string; document: string; records: StanceRecord[]; reason?: string }>> {
  const texts = await Promise.all(files.map((file) => readNamedFile(file)));
  const seen = new Map<string, string>();
  const out: Array<{ file: string; document: string; records: StanceRecord[]; reason?: string }> = [];
  for (const [i, file] of files.entries()) {
    const document = documentId(file);
    const other = seen.get(document);
    if (other !== undefined && other !== file) throw new UsageError(`${file} and ${other} have the same document id "${document}"`);
    seen.set(document, file);
    out.push({ file, document, ...tagDocumentWithReason({ id: document, text: texts[i]! }, compiled) });
    onTagged(file);
    // Lets a progress bar redraw between files.
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

