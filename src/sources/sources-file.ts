// A sources file for `stance reingest --sources FILE` and the local stack: the same
// shape as a tracker's `sources` field, either as a bare array or as { "sources": [...] }.
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { SourceSchema, type Source } from '../core/tracker.js';
import { ValidationError } from '../errors.js';

const SourceListSchema = z.array(SourceSchema);
const SourcesObjectSchema = z.object({ sources: SourceListSchema });

/** Validates a parsed sources file; `where` names it in errors. */
export function parseSources(value: unknown, where: string): Source[] {
  const bare = Array.isArray(value);
  const result = bare ? SourceListSchema.safeParse(value) : SourcesObjectSchema.safeParse(value);
  if (result.success) return Array.isArray(result.data) ? result.data : result.data.sources;
  if (!bare && (typeof value !== 'object' || value === null)) {
    throw new ValidationError('expected an array of sources or an object { "sources": [...] }', where);
  }
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
  throw new ValidationError(issue.message, path ? `${where} at ${path}` : where);
}

export async function loadSourcesFile(file: string): Promise<Source[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`not valid JSON (${(err as Error).message})`, file);
  }
  return parseSources(json, file);
}
