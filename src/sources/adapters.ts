// Wires the re-ingestion run (./run.ts) to the DynamoDB store, the ingest path behind
// POST /documents (src/pipeline/ingest.ts) and the re-tag fan-out to the tag queue
// (src/pipeline/retag.ts; the tag function tags, this one only compares tagger versions).
import { env } from '../config.js';
import { ConfigError } from '../errors.js';
import { loadTrackerFile, type Tracker } from '../core/tracker.js';
import { ingestDocuments } from '../pipeline/ingest.js';
import { enqueueStale, type FanOutDeps } from '../pipeline/retag.js';
import type { TagQueue } from '../queue.js';
import { defaultStore } from '../runtime/lambda.js';
import { defaultQueue } from '../runtime/queue.js';
import type { DocumentStore, IngestStore, RetagCursorStore, SourceStateStore, TaggingStore } from '../store/ports.js';
import { articleFunctionPages } from './article-function.js';
import type { PageReader, ReingestDependencies } from './run.js';

export interface ReingestContext {
  tracker: Tracker;
  deps: ReingestDependencies;
  /** Stale documents sent to the tag queue per run (RETAG_BATCH_LIMIT), and never beyond RETAG_QUEUE_DEPTH waiting. */
  retagLimit: number;
}

export interface OpenReingestOptions {
  /** The tracker to read from the table; TRACKER_ID when absent. */
  trackerId?: string;
  /** A tracker file to use instead (the CLI's --tracker): it is stored first, as the tracker of that id. */
  trackerFile?: string;
  /** Who reads article pages: the article function (ARTICLE_FUNCTION_NAME) unless given (the CLI and the local stack read them in process). */
  pages?: PageReader;
}

export interface StoreParts {
  store: IngestStore & Pick<DocumentStore, 'knownUrls'> & Pick<TaggingStore, 'findStaleDocuments'> & SourceStateStore & RetagCursorStore;
  queue: TagQueue;
  pages: PageReader;
  /** The current tagger version for the fan-out (FanOutDeps): another one in tests, the deployment's tagger in the function. */
  taggerVersion?: FanOutDeps['taggerVersion'];
  /** The fan-out sends no more than keeps this many messages in the tag queue. */
  maxQueueDepth?: number;
  now?: () => Date;
}

export function storeDependencies({ store, queue, pages, taggerVersion, maxQueueDepth, now = () => new Date() }: StoreParts): ReingestDependencies {
  return {
    pages,
    ingestor: {
      async ingest(tracker, document) {
        const [result] = await ingestDocuments([{ ...document, tracker: tracker.id }], { store, queue, defaultTracker: tracker.id, now });
        return result!.status;
      },
      knownUrls: (tracker, urls) => store.knownUrls(tracker.id, urls),
    },
    state: {
      async getValidators(trackerId, sourceUrl) {
        const state = await store.getSourceState(trackerId, sourceUrl);
        return state && { etag: state.etag, lastModified: state.lastModified };
      },
      async putValidators(trackerId, sourceUrl, validators) {
        await store.putSourceState(trackerId, { url: sourceUrl, ...validators, lastFetchedAt: now().toISOString() });
      },
    },
    retagger: {
      // Re-tagging is fanned out: stale documents go to the tag queue, the tag function tags them.
      async retagStale(tracker, limit, cursor) {
        const result = await enqueueStale({ tracker: tracker.id, limit, cursor, maxDepth: maxQueueDepth }, { store, queue, now, ...(taggerVersion ? { taggerVersion } : {}) });
        return { retagged: result.queued, failed: result.failed, cursor: result.cursor };
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
  const pages = options.pages ?? articleFunctionPages(articleFunctionName());
  return { tracker, deps: storeDependencies({ store, queue: defaultQueue(), pages, maxQueueDepth: env().RETAG_QUEUE_DEPTH, taggerVersion: { deploymentTagger: env().TAGGER } }), retagLimit: env().RETAG_BATCH_LIMIT };
}

function articleFunctionName(): string {
  const name = env().ARTICLE_FUNCTION_NAME;
  if (!name) throw new ConfigError('ARTICLE_FUNCTION_NAME is not set: the re-ingest function has no article function to read pages with');
  return name;
}
