// In-memory stand-ins for the store behind the re-ingestion run: they behave like the
// real ingest path (dedup by URL and by content hash) and keep state between runs.
import { createHash } from 'node:crypto';
import { TAGGER_VERSION } from '../../src/core/tagger.js';
import { trackerVersion, type Tracker } from '../../src/core/tracker.js';
import type {
  IngestOutcome,
  Ingestor,
  ReingestDependencies,
  Retagger,
  SourcedDocument,
  SourceStateStore,
  SourceValidators,
  StaleDocuments,
  TaggingVersion,
} from '../../src/sources/run.js';

export class MemoryIngestor implements Ingestor {
  readonly documents: SourcedDocument[] = [];
  readonly calls: SourcedDocument[][] = [];
  private readonly hashes = new Set<string>();

  async ingest(_tracker: Tracker, documents: SourcedDocument[]): Promise<IngestOutcome> {
    this.calls.push(documents);
    let accepted = 0;
    let duplicates = 0;
    for (const doc of documents) {
      const hash = createHash('sha256').update(doc.text).digest('hex');
      if (this.documents.some((d) => d.url === doc.url) || this.hashes.has(hash)) duplicates++;
      else {
        this.documents.push(doc);
        this.hashes.add(hash);
        accepted++;
      }
    }
    return { accepted, duplicates };
  }
}

export class MemorySourceState implements SourceStateStore {
  readonly validators = new Map<string, SourceValidators>();
  readonly seen = new Map<string, Set<string>>();

  async getValidators(trackerId: string, sourceUrl: string) {
    return this.validators.get(`${trackerId} ${sourceUrl}`);
  }
  async putValidators(trackerId: string, sourceUrl: string, validators: SourceValidators) {
    this.validators.set(`${trackerId} ${sourceUrl}`, validators);
  }
  async seenItems(trackerId: string, sourceUrl: string, itemUrls: string[]) {
    const seen = this.seen.get(`${trackerId} ${sourceUrl}`) ?? new Set();
    return new Set(itemUrls.filter((u) => seen.has(u)));
  }
  async markItemsSeen(trackerId: string, sourceUrl: string, itemUrls: string[]) {
    const key = `${trackerId} ${sourceUrl}`;
    const seen = this.seen.get(key) ?? new Set<string>();
    itemUrls.forEach((u) => seen.add(u));
    this.seen.set(key, seen);
  }
}

/** Stored documents with the versions that tagged them; re-tagging brings them up to date. */
export class MemoryTaggedDocuments implements StaleDocuments, Retagger {
  readonly versions = new Map<string, TaggingVersion>();
  readonly cursors = new Map<string, string | undefined>();
  readonly retagged: string[] = [];
  failOn = new Set<string>();

  async listStale(_trackerId: string, current: TaggingVersion, limit: number, cursor?: string) {
    const stale = [...this.versions.entries()]
      .filter(([, v]) => v.taggerVersion !== current.taggerVersion || v.trackerVersion !== current.trackerVersion)
      .map(([id]) => id)
      .sort()
      .filter((id) => cursor === undefined || id > cursor);
    const page = stale.slice(0, limit);
    return { documentIds: page, cursor: stale.length > limit ? page.at(-1) : undefined };
  }
  async getRetagCursor(trackerId: string) {
    return this.cursors.get(trackerId);
  }
  async putRetagCursor(trackerId: string, cursor: string | undefined) {
    this.cursors.set(trackerId, cursor);
  }
  async retag(tracker: Tracker, documentId: string) {
    if (this.failOn.has(documentId)) throw new Error(`cannot tag ${documentId}`);
    this.retagged.push(documentId);
    this.versions.set(documentId, { taggerVersion: TAGGER_VERSION, trackerVersion: trackerVersion(tracker) });
  }
}

export function memoryDependencies() {
  const tagged = new MemoryTaggedDocuments();
  const deps = { ingestor: new MemoryIngestor(), state: new MemorySourceState(), stale: tagged, retagger: tagged };
  return deps satisfies ReingestDependencies;
}
