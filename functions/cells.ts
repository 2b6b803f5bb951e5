// Consumes the table's stream, filtered to document items: each batch's changes of what the
// documents count (`cells` before and after) are summed per matrix cell and applied once per
// cell (src/store/dynamo/cells.ts; exactly once by the cell's mark per stream shard, see
// src/store/cell-stream.ts). A failing batch throws: the event source mapping retries it,
// bisected, then sends it to the on-failure queue.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { ValidationError } from '../src/errors.js';
import { documentChanges } from '../src/store/dynamo/stream.js';
import { env } from '../src/config.js';
import { DynamoStore } from '../src/store/store.js';
import { documentClient, lazy, observability } from '../src/runtime/lambda.js';

const obs = observability('cells');

/**
 * A stream batch as the event source mapping delivers it with a tumbling window: the window's
 * properties carry the shard the records come from, which the cells' marks are kept by.
 */
export type CellStreamEvent = DynamoDBStreamEvent & { shardId?: string; state?: Record<string, string>; isFinalInvokeForWindow?: boolean };

export interface CellsDeps {
  store: Pick<DynamoStore, 'applyCellStream'>;
}

/** For tests and the local stack's stream poller: the same handler over another store. */
export function createHandler(deps: () => CellsDeps) {
  const base = async (event: CellStreamEvent, _context: Context): Promise<{ state: Record<string, string> }> => {
    const records = event.Records ?? [];
    if (records.length) {
      if (!event.shardId) throw new ValidationError('a stream batch without its shard id: the event source mapping needs a tumbling window', 'event.shardId');
      const changes = documentChanges(records);
      const { cells } = await deps().store.applyCellStream(event.shardId, changes);
      obs.metrics.addMetric('StreamRecords', MetricUnit.Count, records.length);
      obs.metrics.addMetric('CellsApplied', MetricUnit.Count, cells);
      obs.logger.info('applied', { shardId: event.shardId, records: records.length, documents: changes.length, cells });
    }
    // A tumbling window's invocation must answer with a state; the counts are in the table, not here.
    return { state: {} };
  };
  return middy(base).use(injectLambdaContext(obs.logger)).use(logMetrics(obs.metrics));
}

export const handler = createHandler(lazy(() => ({ store: new DynamoStore(documentClient(), env().TABLE_NAME) })));
