// POST /documents: validate, store once, queue for tagging; answers 202 (see src/api/endpoints.ts).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { env } from '../src/config.js';
import { ingestRoutes } from '../src/api/endpoints.js';
import type { IngestDeps, IngestResult } from '../src/pipeline/ingest.js';
import { defaultStore, httpHandler, lazy, observability } from '../src/runtime/lambda.js';
import { defaultQueue } from '../src/runtime/queue.js';

const obs = observability('ingest');

function observe(results: IngestResult[]): void {
  const stored = results.filter((r) => !r.duplicate);
  const notQueued = stored.filter((r) => !r.queued).map((r) => r.id);
  obs.metrics.addMetric('DocumentsIngested', MetricUnit.Count, stored.length);
  obs.metrics.addMetric('Duplicates', MetricUnit.Count, results.length - stored.length);
  obs.metrics.addMetric('NotQueued', MetricUnit.Count, notQueued.length);
  if (notQueued.length) obs.logger.warn('stored but not queued; the next re-tag run tags them', { ids: notQueued });
  obs.logger.info('ingested', { documents: results.length, stored: stored.length });
}

/** For tests: the same handler over other dependencies. */
export function createHandler(deps: () => IngestDeps) {
  return httpHandler(() => ingestRoutes(deps(), observe), obs);
}

export const handler = createHandler(lazy(() => ({ store: defaultStore(), queue: defaultQueue(), defaultTracker: env().TRACKER_ID })));
