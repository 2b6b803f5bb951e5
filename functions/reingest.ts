// The scheduled re-ingestion Lambda: an EventBridge schedule invokes it; it reads the
// tracker's sources, ingests what is new and re-tags stale documents (src/sources/run.ts).
// Article pages are read by the article function (functions/article.ts), which alone carries the HTML parser.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import type { Source } from '../src/core/tracker.js';
import { ValidationError } from '../src/errors.js';
import { openReingest, type OpenReingestOptions, type ReingestContext } from '../src/sources/adapters.js';
import type { FetchOptions } from '../src/sources/fetch.js';
import { retagStale, runReingest, type PageReader, type ReingestSummary, type SourceReport } from '../src/sources/run.js';
import { observability } from '../src/runtime/lambda.js';

export const { logger, metrics } = observability('reingest');

/**
 * A scheduled event; `detail.trackerId` picks another tracker than TRACKER_ID, and
 * `detail.task: "retag"` (the frequent re-tag schedule) only sends stale documents to the tag queue.
 */
const ScheduledEventSchema = z.looseObject({
  detail: z.looseObject({ trackerId: z.string().min(1).optional(), task: z.enum(['reingest', 'retag']).optional() }).optional(),
});

/** Time kept back from the Lambda's limit to finish the run's bookkeeping. */
const SAFETY_MARGIN_MS = 30_000;

function logSource(report: SourceReport): void {
  const { url, name, kind, status, items, fresh, ingested, duplicates, itemFailures, failure } = report;
  const fields = { url, name, kind, status, items, fresh, ingested, duplicates, itemFailures };
  if (failure) logger.warn('source failed', { ...fields, reason: failure.reason, error: failure.message, failedUrl: failure.url });
  else if (itemFailures.length) logger.warn('source read with item failures', fields);
  else logger.info('source read', fields);
}

export function recordMetrics(summary: ReingestSummary, into: Metrics = metrics): void {
  into.addMetric('SourcesRead', MetricUnit.Count, summary.sources);
  into.addMetric('SourcesFailed', MetricUnit.Count, summary.failed);
  into.addMetric('SourcesUnchanged', MetricUnit.Count, summary.unchanged);
  into.addMetric('DocumentsIngested', MetricUnit.Count, summary.new);
  into.addMetric('DocumentsDuplicate', MetricUnit.Count, summary.duplicates);
  into.addMetric('ItemPagesFailed', MetricUnit.Count, summary.itemFailures);
  into.addMetric('DocumentsRetagged', MetricUnit.Count, summary.retagged);
  into.addMetric('RetagFailed', MetricUnit.Count, summary.retag.failed.length);
  const reasons = new Map<string, number>();
  for (const report of summary.reports) {
    if (report.failure) reasons.set(report.failure.reason, (reasons.get(report.failure.reason) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) {
    const single = into.singleMetric();
    single.addDimension('reason', reason);
    single.addMetric('SourceFailures', MetricUnit.Count, count);
  }
}

export interface ReingestFunctionOptions {
  open?: (options: OpenReingestOptions) => Promise<ReingestContext>;
  /** The deployed function passes none: only the local stack allows loopback, for its own feed server. */
  fetch?: FetchOptions;
  /** Who reads article pages: the article function when absent (the deployed one); the local stack reads them in process. */
  pages?: PageReader;
  /** Sources read instead of the tracker's own (the local stack's sources file). */
  sources?: Source[];
  /** Called with each source's report besides the log line (the local stack prints it). */
  onSource?: (report: SourceReport) => void;
}

/** The function's body, for the local stack and tests; `handler` below is the deployed one. */
export function createReingest(options: ReingestFunctionOptions = {}) {
  return async (event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
    const parsed = ScheduledEventSchema.safeParse(event);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, 'scheduled event');
    const { tracker, deps, retagLimit } = await (options.open ?? openReingest)({ trackerId: parsed.data.detail?.trackerId, ...(options.pages ? { pages: options.pages } : {}) });
    const remaining = context?.getRemainingTimeInMillis();
    if (parsed.data.detail?.task === 'retag') {
      const retag = await retagStale(tracker, deps, retagLimit);
      metrics.addMetric('DocumentsRetagged', MetricUnit.Count, retag.retagged);
      metrics.addMetric('RetagFailed', MetricUnit.Count, retag.failed.length);
      logger.info('re-tag fan-out finished', { trackerId: tracker.id, queued: retag.retagged, failed: retag.failed.length, complete: retag.complete });
      return { trackerId: tracker.id, sources: 0, new: 0, unchanged: 0, failed: 0, retagged: retag.retagged };
    }
    const summary = await runReingest(
      tracker,
      deps,
      {
        fetch: options.fetch,
        retagLimit,
        onSource: (report) => {
          logSource(report);
          options.onSource?.(report);
        },
        stopAt: remaining === undefined ? undefined : Date.now() + remaining - Math.min(SAFETY_MARGIN_MS, remaining / 5),
      },
      options.sources ?? tracker.sources,
    );
    recordMetrics(summary);
    const { reports: _reports, ...totals } = summary;
    logger.info('reingest finished', { ...totals });
    return { trackerId: summary.trackerId, sources: summary.sources, new: summary.new, unchanged: summary.unchanged, failed: summary.failed, retagged: summary.retagged };
  };
}

export function createHandler(options: ReingestFunctionOptions = {}) {
  return middy(createReingest(options))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

export const handler = createHandler();
