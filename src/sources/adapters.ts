// PLACEHOLDER until the store lands on main: wires the re-ingestion run to the DynamoDB
// store (source state, stale documents), the ingest path behind POST /documents and the
// tag path. Only this file changes when they land; run.ts declares what it needs.
import type { Tracker } from '../core/tracker.js';
import { ConfigError } from '../errors.js';
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
  /** A tracker file to use instead (the CLI's --tracker). */
  trackerFile?: string;
}

export async function openReingest(_options: OpenReingestOptions = {}): Promise<ReingestContext> {
  throw new ConfigError('re-ingestion needs the DynamoDB store, which has not landed on this branch yet');
}
