// GET /matrix, /stances, /documents/{id}, /trackers/{id}, /openapi.json (see src/api/endpoints.ts).
import { env } from '../src/config.js';
import { queryRoutes } from '../src/api/endpoints.js';
import type { QueryStore } from '../src/store/ports.js';
import { defaultStore, httpHandler, lazy, observability } from '../src/runtime/lambda.js';

const obs = observability('query');

/** For tests: the same handler over another store. */
export function createHandler(deps: () => { store: QueryStore; defaultTracker: string }) {
  return httpHandler(() => queryRoutes(deps()), obs);
}

export const handler = createHandler(lazy(() => ({ store: defaultStore(), defaultTracker: env().TRACKER_ID })));
