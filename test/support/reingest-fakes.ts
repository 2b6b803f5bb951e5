// In-memory stand-ins for the store behind the re-ingestion run: they behave like the
// real ingest path (dedup by URL and by content hash) and the real re-tagging (stale
// documents in id order, a cursor to resume from), and keep state between runs.
import { createHash } from 'node:crypto';
import { TAGGER_VERSION } from '../../src/core/tagger.js';
import { trackerVersion, type Tracker } from '../../src/core/tracker.js';
import type { IngestStatus, Ingestor, ReingestDependencies, Retagger, RetagBatch, SourcedDocument, SourceStateStore, SourceValidators } from '../../src/sources/run.js';
import { localPages } from '../../src/sources/pages.js';

export class MemoryIngestor implements Ingestor {
  readonly documents: SourcedDocument[] = [];
  readonly calls: SourcedDocument[] = [];
  private readonly hashes = new Set<string>();

  async ingest(_tracker: Tracker, doc: SourcedDocument): Promise<IngestStatus> {
    this.calls.push(doc);
    const hash = createHash('sha256').update(doc.text).digest('hex');
    if (this.documents.some((d) => d.url === doc.url) || this.hashes.has(hash)) return 'duplicate';
    this.documents.push(doc);
    this.hashes.add(hash);
    return 'created';
  }

  async knownUrls(_tracker: Tracker, urls: string[]): Promise<Set<string>> {
    return new Set(urls.filter((u) => this.documents.some((d) => d.url === u)));
  }
}

export class MemorySourceState implements SourceStateStore {
  readonly validators = new Map<string, SourceValidators>();

  async getValidators(trackerId: string, sourceUrl: string) {
    return this.validators.get(`${trackerId} ${sourceUrl}`);
  }
  async putValidators(trackerId: string, sourceUrl: string, validators: SourceValidators) {
    this.validators.set(`${trackerId} ${sourceUrl}`, validators);
  }
}

export interface TaggedWith {
  taggerVersion: string;
  trackerVersion: string;
}

/** Stored documents with the versions that tagged them; re-tagging brings them up to date. */
export class MemoryRetagger implements Retagger {
  readonly versions = new Map<string, TaggedWith>();
  readonly cursors = new Map<string, string | undefined>();
  readonly retagged: string[] = [];
  failOn = new Set<string>();

  async retagStale(tracker: Tracker, limit: number, cursor: string | undefined): Promise<RetagBatch> {
    const current = { taggerVersion: TAGGER_VERSION, trackerVersion: trackerVersion(tracker) };
    const stale = [...this.versions.entries()]
      .filter(([, v]) => v.taggerVersion !== current.taggerVersion || v.trackerVersion !== current.trackerVersion)
      .map(([id]) => id)
      .sort()
      .filter((id) => cursor === undefined || id > cursor);
    const page = stale.slice(0, limit);
    const batch: RetagBatch = { retagged: 0, failed: [], ...(stale.length > limit ? { cursor: page.at(-1) } : {}) };
    for (const id of page) {
      if (this.failOn.has(id)) {
        batch.failed.push({ documentId: id, error: `cannot tag ${id}` });
        continue;
      }
      this.retagged.push(id);
      this.versions.set(id, current);
      batch.retagged++;
    }
    return batch;
  }
  async getCursor(trackerId: string) {
    return this.cursors.get(trackerId);
  }
  async putCursor(trackerId: string, cursor: string | undefined) {
    this.cursors.set(trackerId, cursor);
  }
}

export function memoryDependencies() {
  const deps = { ingestor: new MemoryIngestor(), state: new MemorySourceState(), retagger: new MemoryRetagger(), pages: localPages };
  return deps satisfies ReingestDependencies;
}
