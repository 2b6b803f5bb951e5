// Consumes tag-queue batches: each message is one document to tag. Reports partial batch
// failures, so one bad message is retried (then dead-lettered) alone.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseTagMessage } from '../src/queue.js';
import { tagStoredDocument, type TagDeps, type TagOutcome } from '../src/pipeline/tag.js';
import { defaultStore, lazy, observability } from '../src/runtime/lambda.js';
import { defaultTaggers } from '../src/runtime/taggers.js';

const obs = observability('tag');

/** Model tokens, refused records by reason and fallbacks to the rules, as metrics. */
function recordModelUse(outcome: TagOutcome): void {
  if (outcome.tokens) {
    obs.metrics.addMetric('ModelInputTokens', MetricUnit.Count, outcome.tokens.input);
    obs.metrics.addMetric('ModelOutputTokens', MetricUnit.Count, outcome.tokens.output);
  }
  if (outcome.skipped) obs.metrics.addMetric('ModelCallsSkipped', MetricUnit.Count, 1);
  for (const [reason, count] of Object.entries(outcome.dropped ?? {})) {
    const single = obs.metrics.singleMetric();
    single.addDimension('reason', reason);
    single.addMetric('ModelProposalsDropped', MetricUnit.Count, count);
  }
  if (outcome.fallback) {
    const single = obs.metrics.singleMetric();
    single.addDimension('reason', outcome.fallback);
    single.addMetric('RulesFallbacks', MetricUnit.Count, 1);
  }
}

/** For tests: the same handler over another store or tagger. */
export function createHandler(deps: () => TagDeps) {
  const processor = new BatchProcessor(EventType.SQS);
  const tagOne = async (record: SQSRecord) => {
    try {
      const outcome = await tagStoredDocument(parseTagMessage(record.body), deps());
      obs.metrics.addMetric('DocumentsTagged', MetricUnit.Count, 1);
      recordModelUse(outcome);
      if (outcome.fallback) obs.logger.warn('tagged by the rules instead of the model', { ...outcome });
      else obs.logger.info('tagged', { ...outcome });
    } catch (err) {
      obs.logger.warn('message not tagged', { messageId: record.messageId, error: (err as Error).message });
      throw err;
    }
  };
  const base = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, tagOne, processor, {
      context,
      throwOnFullBatchFailure: false,
      // Documents of one batch often share matrix cells: one at a time, they never race each other.
      processInParallel: false,
    });
    obs.metrics.addMetric('TagFailures', MetricUnit.Count, response.batchItemFailures.length);
    return response;
  };
  return middy(base).use(injectLambdaContext(obs.logger)).use(logMetrics(obs.metrics));
}

export const handler = createHandler(lazy(() => ({ store: defaultStore(), tagger: defaultTaggers() })));
