// Documents from files, in the shape POST /documents takes: what `stance ingest`
// sends and what `npm start` seeds. A .txt or .md file is one document (title = its
// first line, text = the whole file, published = the file's modification time); a
// .json file holds one document object or a list of them, sent as they are (the API
// validates them). A directory contributes its .txt, .md and .json files, in name order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ValidationError } from '../errors.js';

export const DOCUMENT_EXTENSIONS = ['.txt', '.md', '.json'] as const;

export interface DocumentFile {
  /** The file it came from (with `[i]` for the i-th document of a JSON list). */
  source: string;
  document: Record<string, unknown>;
}

export interface ReadDocumentsResult {
  documents: DocumentFile[];
  /** Files skipped in a directory, with the reason (a tracker file is not a document). */
  skipped: Array<{ file: string; reason: string }>;
}

const MAX_TITLE = 200;

/**
 * Title from the first non-empty line, without Markdown heading marks. A first line
 * longer than a title (an article that starts with its lead paragraph) gives its first
 * sentence, cut at a word if that is still too long.
 */
export function titleOf(text: string, file: string): string {
  const first = (text.split(/\r?\n/).find((line) => line.trim()) ?? '').replace(/^#+\s*/, '').trim();
  if (!first) return basename(file, extname(file));
  if (first.length <= MAX_TITLE) return first;
  const sentence = first.split(/(?<=[.!?])\s+/)[0]!;
  if (sentence.length <= MAX_TITLE) return sentence;
  return `${sentence.slice(0, MAX_TITLE).replace(/\s+\S*$/, '')}…`;
}

async function textDocument(file: string): Promise<DocumentFile> {
  const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
  if (!text.trim()) throw new ValidationError('the file is empty', file);
  return { source: file, document: { title: titleOf(text, file), text, publishedAt: info.mtime.toISOString() } };
}

function looksLikeTracker(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && 'actors' in value && 'terms' in value;
}

async function jsonDocuments(file: string, inDirectory: boolean): Promise<DocumentFile[] | { skip: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(`not valid JSON (${(error as Error).message})`, file);
  }
  if (inDirectory && looksLikeTracker(value)) return { skip: 'a tracker, not a document' };
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      throw new ValidationError('a document must be a JSON object', Array.isArray(value) ? `${file}[${i}]` : file);
    }
    return { source: Array.isArray(value) ? `${file}[${i}]` : file, document: item as Record<string, unknown> };
  });
}

async function readOne(file: string, inDirectory: boolean): Promise<DocumentFile[] | { skip: string }> {
  return extname(file).toLowerCase() === '.json' ? jsonDocuments(file, inDirectory) : [await textDocument(file)];
}

/** Reads files and directories (not recursively) into documents; throws ValidationError naming the file on bad input. */
export async function readDocuments(paths: string[]): Promise<ReadDocumentsResult> {
  const result: ReadDocumentsResult = { documents: [], skipped: [] };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ValidationError('no such file or directory', path);
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => (DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(n).toLowerCase())).sort();
      if (!names.length) throw new ValidationError(`no ${DOCUMENT_EXTENSIONS.join(', ')} files in this directory`, path);
      for (const name of names) {
        const read = await readOne(join(path, name), true);
        if ('skip' in read) result.skipped.push({ file: join(path, name), reason: read.skip });
        else result.documents.push(...read);
      }
    } else {
      const read = await readOne(path, false);
      if ('skip' in read) result.skipped.push({ file: path, reason: read.skip });
      else result.documents.push(...read);
    }
  }
  return result;
}
