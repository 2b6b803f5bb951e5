// Documents from files, in the shape POST /documents takes: what `stance ingest`
// sends and what `npm start` seeds. A .txt or .md file is one document (title = its
// first line, text = the whole file, published = the file's modification time, unless
// the manifest.json beside it gives its title, url and publication date); a .json file
// holds one document object or a list of them, sent as they are (the API validates
// them). A directory contributes its .txt, .md and .json files, in name order.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import * as z from 'zod';
import { ValidationError } from '../errors.js';

/** The file beside text documents that gives their real titles, URLs and publication dates. */
export const MANIFEST_FILE = 'manifest.json';

export const ManifestSchema = z.object({
  about: z.string().optional(),
  documents: z.array(
    z
      .object({
        /** The file name in the folder, such as "003_24b4bd12524a5f1d.txt". */
        document: z.string().min(1),
        title: z.string().min(1).optional(),
        url: z.url({ protocol: /^https?$/ }).optional(),
        publishedAt: z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO-8601 date or date-time' }),
        /** How the date is known: stated in the article, or inferred (and from what). */
        dateNote: z.string().optional(),
      })
      .strict(),
  ),
});
type ManifestEntry = z.infer<typeof ManifestSchema>['documents'][number];

/** The manifest entries of a folder by file name; none when it has no manifest. */
async function readManifest(folder: string): Promise<Map<string, ManifestEntry>> {
  const file = join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return new Map();
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`not valid JSON (${(error as Error).message})`, file);
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    throw new ValidationError(issue.message, `${file} at ${path}`);
  }
  const names = new Set(await readdir(folder));
  return new Map(
    parsed.data.documents.map((entry, i) => {
      if (!names.has(entry.document)) throw new ValidationError(`no file "${entry.document}" in this folder`, `${file} at documents[${i}].document`);
      return [entry.document, entry] as const;
    }),
  );
}

/** Each folder's manifest is read once per readDocuments call. */
type Manifests = Map<string, Promise<Map<string, ManifestEntry>>>;

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

async function textDocument(file: string, manifests: Manifests): Promise<DocumentFile> {
  const folder = dirname(file);
  if (!manifests.has(folder)) manifests.set(folder, readManifest(folder));
  const [text, info, manifest] = await Promise.all([readFile(file, 'utf8'), stat(file), manifests.get(folder)!]);
  if (!text.trim()) throw new ValidationError('the file is empty', file);
  const entry = manifest.get(basename(file));
  if (!entry) return { source: file, document: { title: titleOf(text, file), text, publishedAt: info.mtime.toISOString() } };
  return { source: file, document: { title: entry.title ?? titleOf(text, file), ...(entry.url ? { url: entry.url } : {}), text, publishedAt: entry.publishedAt } };
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

async function readOne(file: string, inDirectory: boolean, manifests: Manifests): Promise<DocumentFile[] | { skip: string }> {
  return extname(file).toLowerCase() === '.json' ? jsonDocuments(file, inDirectory) : [await textDocument(file, manifests)];
}

/** Reads files and directories (not recursively) into documents; throws ValidationError naming the file on bad input. */
export async function readDocuments(paths: string[]): Promise<ReadDocumentsResult> {
  const result: ReadDocumentsResult = { documents: [], skipped: [] };
  const manifests: Manifests = new Map();
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new ValidationError('no such file or directory', path);
    }
    if (info.isDirectory()) {
      // The manifest describes the folder's documents; it is none itself.
      const names = (await readdir(path))
        .filter((n) => n !== MANIFEST_FILE && (DOCUMENT_EXTENSIONS as readonly string[]).includes(extname(n).toLowerCase()))
        .sort();
      if (!names.length) throw new ValidationError(`no ${DOCUMENT_EXTENSIONS.join(', ')} files in this directory`, path);
      for (const name of names) {
        const read = await readOne(join(path, name), true, manifests);
        if ('skip' in read) result.skipped.push({ file: join(path, name), reason: read.skip });
        else result.documents.push(...read);
      }
    } else {
      const read = await readOne(path, false, manifests);
      if ('skip' in read) result.skipped.push({ file: path, reason: read.skip });
      else result.documents.push(...read);
    }
  }
  return result;
}
