// Sends documents to POST /documents in batches within the API's limits. A batch the
// API refuses (4xx) is retried one document at a time, so one bad file is reported
// with its name and does not keep the others out.
import { IngestResponseSchema } from '../api/schemas.js';
import { ApiError } from '../errors.js';
import { MAX_BATCH_DOCUMENTS, MAX_BODY_BYTES } from '../pipeline/ingest.js';
import type { ApiClient } from './api.js';
import type { DocumentFile } from './documents.js';

export type IngestOutcome =
  | { source: string; ok: true; id: string; status: 'created' | 'updated' | 'duplicate'; queued: boolean }
  | { source: string; ok: false; error: string };

/** Groups documents into calls of at most MAX_BATCH_DOCUMENTS and (roughly) MAX_BODY_BYTES. */
export function batches(files: DocumentFile[], maxDocuments = MAX_BATCH_DOCUMENTS, maxBytes = MAX_BODY_BYTES): DocumentFile[][] {
  const out: DocumentFile[][] = [];
  let current: DocumentFile[] = [];
  let bytes = 20;
  for (const file of files) {
    const size = Buffer.byteLength(JSON.stringify(file.document)) + 1;
    if (current.length && (current.length >= maxDocuments || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 20;
    }
    current.push(file);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

async function post(client: ApiClient, batch: DocumentFile[], tracker: string | undefined): Promise<IngestOutcome[]> {
  const documents = batch.map((f) => (tracker && f.document.tracker === undefined ? { ...f.document, tracker } : f.document));
  const answer = await client.post('/documents', { documents });
  const parsed = IngestResponseSchema.safeParse(answer.body);
  if (!parsed.success || parsed.data.documents.length !== batch.length) {
    throw new ApiError(`POST /documents answered ${answer.status} with a body this CLI does not understand`, client.urlOf('/documents').href, answer.status);
  }
  return parsed.data.documents.map((result, i) => ({ source: batch[i]!.source, ok: true, id: result.id, status: result.status, queued: result.queued }));
}

/** Posts every document; `onOutcome` sees each result as it arrives (for progress). */
export async function ingestFiles(
  client: ApiClient,
  files: DocumentFile[],
  options: { tracker?: string; onOutcome?: (outcome: IngestOutcome) => void } = {},
): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  const record = (outcome: IngestOutcome) => {
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  };
  for (const batch of batches(files)) {
    try {
      (await post(client, batch, options.tracker)).forEach(record);
    } catch (error) {
      // Unreachable server or server error: stop, the rest would fail the same way.
      if (!(error instanceof ApiError) || !error.status || error.status >= 500) throw error;
      if (batch.length === 1) {
        record({ source: batch[0]!.source, ok: false, error: error.message });
        continue;
      }
      for (const file of batch) {
        try {
          (await post(client, [file], options.tracker)).forEach(record);
        } catch (single) {
          if (!(single instanceof ApiError) || !single.status || single.status >= 500) throw single;
          record({ source: file.source, ok: false, error: single.message });
        }
      }
    }
  }
  return outcomes;
}
