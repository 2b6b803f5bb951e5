// Wires the re-ingestion run (./run.ts) to the DynamoDB store, the ingest path behind
// POST /documents (src/pipeline/ingest.ts) and the tag path's re-tagging (src/pipeline/tag.ts).
import { env } from '../config.js';
import { loadTrackerFile, type Tracker } from '../core/tracker.js';
import { DocumentInputSchema, ingestDocuments } from '../pipeline/ingest.js';
import { retagStale, type TagDeps } from '../pipeline/tag.js';
import type { TagQueue } from '../queue.js';
import { defaultQueue, defaultStore } from '../runtime/lambda.js';
import { documentId } from '../store/keys.js';
import type { DynamoStore } from '../store/store.js';
import type { ReingestDependencies } from './run.js';

export interface ReingestContext {
  tracker: Tracker;
  deps: ReingestDependencies;
  /** Stored documents re-tagged per run (RETAG_BATCH_LIMIT). */
  retagLimit: number;
}

export interface OpenReingestOptions {
  /** The tracker to read from the table; TRACKER_ID when absent. */
  trackerId?: string;
  /** A tracker file to use instead (the CLI's --tracker): it is stored first, as the tracker of that id. */
  trackerFile?: string;
}

/**
 * Source state is kept per tracker: two trackers reading the same feed must each get the
 * full answer once, so the store's per-URL state item is keyed by tracker and URL.
 */
const stateKey = (trackerId: string, sourceUrl: string) => `${trackerId} ${sourceUrl}`;

/** The URL as the ingest path stores it (its document identity); undefined when it would refuse it. */
const storedUrl = (url: string) => DocumentInputSchema.shape.url.safeParse(url).data;

export interface StoreParts {
  store: DynamoStore;
  queue: TagQueue;
  /** Tag-path options: another tagger in tests. */
  tag?: Omit<TagDeps, 'store'>;
  now?: () => Date;
}

export function storeDependencies({ store, queue, tag, now = () => new Date() }: StoreParts): ReingestDependencies {
  return {
    ingestor: {
      async ingest(tracker, document) {
        const [result] = await ingestDocuments([{ ...document, tracker: tracker.id }], { store, queue, defaultTracker: tracker.id, now });
        return result!.status;
      },
      async knownUrls(tracker, urls) {
        const known = await Promise.all(
          urls.map(async (url) => {
            const stored = storedUrl(url);
            // A URL the ingest path refuses is never stored: its item fails there, with the reason.
            if (!stored) return undefined;
            return (await store.getDocument(documentId(tracker.id, { url: stored, contentHash: '' }))) ? url : undefined;
          }),
        );
        return new Set(known.filter((u): u is string => u !== undefined));
      },
    },
    state: {
      async getValidators(trackerId, sourceUrl) {
        const state = await store.getSourceState(stateKey(trackerId, sourceUrl));
        return state && { etag: state.etag, lastModified: state.lastModified };
      },
      async putValidators(trackerId, sourceUrl, validators) {
        await store.putSourceState({ url: stateKey(trackerId, sourceUrl), ...validators, lastFetchedAt: now().toISOString() });
      },
    },
    retagger: {
      async retagStale(tracker, limit, cursor) {
        const result = await retagStale({ tracker: tracker.id, limit, cursor }, { store, now, ...tag });
        return { retagged: result.tagged.length, failed: result.failed, cursor: result.cursor };
      },
      getCursor: (trackerId) => store.getRetagCursor(trackerId),
      putCursor: (trackerId, cursor) => store.putRetagCursor(trackerId, cursor, now().toISOString()),
    },
  };
}

/** The run's tracker and dependencies from the environment (the Lambda's, or the local stack's). */
export async function openReingest(options: OpenReingestOptions = {}): Promise<ReingestContext> {
  const store = defaultStore();
  let tracker: Tracker;
  if (options.trackerFile) {
    tracker = await loadTrackerFile(options.trackerFile);
    await store.putTracker(tracker);
  } else {
    tracker = (await store.requireTracker(options.trackerId ?? env().TRACKER_ID)).tracker;
  }
  return { tracker, deps: storeDependencies({ store, queue: defaultQueue() }), retagLimit: env().RETAG_BATCH_LIMIT };
}
