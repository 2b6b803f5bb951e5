// POST /documents: validate, store once, queue for tagging; answers 202 (see src/api/endpoints.ts).
import { env } from '../src/config.js';
import { ingestRoutes } from '../src/api/endpoints.js';
import type { IngestDeps } from '../src/pipeline/ingest.js';
import { defaultQueue, defaultStore, httpHandler, lazy, observability } from '../src/runtime/lambda.js';

const obs = observability('ingest');

/** For tests: the same handler over other dependencies. */
export function createHandler(deps: () => IngestDeps) {
  return httpHandler(() => ingestRoutes(deps()), obs);
}

export const handler = createHandler(lazy(() => ({ store: defaultStore(), queue: defaultQueue(), defaultTracker: env().TRACKER_ID })));
