// Shared by `stance tag`, `stance eval` and `stance prompt`: read the tracker and the
// documents named on the command line, and tag them.
import { basename, extname } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULT_TRACKER, readNamedFile } from './args.js';
import type { StanceRecord } from '../core/records.js';
import { compileTracker, tagDocumentWithReason, type CompiledTracker } from '../core/tagger.js';
import { loadTrackerFile, TaggerSpecSchema, type BedrockTaggerSpec, type Tracker } from '../core/tracker.js';

export async function loadCompiledTracker(file: string | undefined): Promise<CompiledTracker> {
  return compileTracker(await loadTrackerFile(file ?? DEFAULT_TRACKER));
}

/** The document id of a file: its name without the extension ("seeds/001_x.txt" -> "001_x"). */
export function documentId(file: string): string {
  const name = basename(file);
  return name.slice(0, name.length - extname(name).length) || name;
}

export interface DocumentFile {
  file: string;
  document: string;
  text: string;
}

/** Reads the files in order, each with its document id; two files with one id are refused. */
export async function readDocumentFiles(files: readonly string[]): Promise<DocumentFile[]> {
  const texts = await Promise.all(files.map((file) => readNamedFile(file)));
  const seen = new Map<string, string>();
  return files.map((file, i) => {
    const document = documentId(file);
    const other = seen.get(document);
    if (other !== undefined && other !== file) throw new UsageError(`${file} and ${other} have the same document id "${document}"`);
    seen.set(document, file);
    return { file, document, text: texts[i]! };
  });
}

export interface TaggedFile {
  file: string;
  document: string;
  records: StanceRecord[];
  reason?: string;
}

/**
 * Tags the files in order and hands each result to `onTagged` as it comes (nothing is kept, so
 * memory does not grow with the run); every file is read before the first is tagged, so a bad
 * one fails the run cleanly, before any output.
 */
export async function tagFiles(files: readonly string[], compiled: CompiledTracker, onTagged: (tagged: TaggedFile) => void): Promise<void> {
  for (const [i, { file, document, text }] of (await readDocumentFiles(files)).entries()) {
    onTagged({ file, document, ...tagDocumentWithReason({ id: document, text }, compiled) });
    // Lets a progress bar redraw between files.
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
}


/** The model `stance prompt` and `stance tag --tagger bedrock|replay` use when neither the tracker nor --model names one. */
export const DEFAULT_MODEL_ID = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';

/** The bedrock tagger settings for a command: the tracker's own, with --model replacing its model. */
export function modelSpecFor(tracker: Tracker, model: string | undefined): BedrockTaggerSpec {
  const own = tracker.tagger?.kind === 'bedrock' ? tracker.tagger : undefined;
  const result = TaggerSpecSchema.safeParse({ kind: 'bedrock', modelId: model ?? own?.modelId ?? DEFAULT_MODEL_ID, ...(own ? { maxInputTokens: own.maxInputTokens } : {}) });
  if (!result.success) throw new UsageError(`--model: ${result.error.issues[0]!.message}`);
  return result.data as BedrockTaggerSpec;
}

export async function loadTracker(file: string | undefined): Promise<Tracker> {
  return loadTrackerFile(file ?? DEFAULT_TRACKER);
}
