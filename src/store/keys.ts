// PLACEHOLDER until the store lands: the single-table key scheme lives here and only here.
import type { Tracker } from '../core/tracker.js';

/** The item that holds a tracker (codebook) in the table. */
export function trackerItem(tracker: Tracker, version: string): Record<string, unknown> {
  return { pk: `TRACKER#${tracker.id}`, sk: 'TRACKER', tracker, version };
}
