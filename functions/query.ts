// GET /matrix, /stances, /documents, /documents/{id}, /trackers/{id}, /alignment, /changes,
// /export/*, the dashboard (/ and /dashboard.js) and /openapi.json (see src/api/endpoints.ts).
import { env } from '../src/config.js';
import { queryRoutes } from '../src/api/endpoints.js';
import { DynamoBrowse, type BrowseReads } from '../src/store/browse.js';
import type { QueryStore } from '../src/store/ports.js';
import { DynamoStore } from '../src/store/store.js';
import { documentClient, httpHandler, lazy, observability } from '../src/runtime/lambda.js';

const obs = observability('query');

/** For tests: the same handler over another store. */
export function createHandler(deps: () => { store: QueryStore; defaultTracker: string; browse?: BrowseReads }) {
  return httpHandler(() => queryRoutes(deps()), obs);
}

export const handler = createHandler(
  lazy(() => {
    // One DynamoDB client (one connection pool) for both ports.
    const client = documentClient();
    return { store: new DynamoStore(client, env().TABLE_NAME), browse: new DynamoBrowse(client, env().TABLE_NAME), defaultTracker: env().TRACKER_ID };
  }),
);
