// Tracker items: the codebook of a tracker and its content version.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../errors.js';
import { TrackerSchema, trackerVersion, type Tracker } from '../../core/tracker.js';
import * as keys from '../keys.js';
import type { StoredTracker } from '../model.js';
import type { TrackerStore } from '../ports.js';
import type { TableContext } from './context.js';

/**
 * How long a read tracker is reused: a tracker is a few KB read on every ingest and tagging,
 * and changes rarely. A document tagged within this time after a change is tagged with the
 * previous version, so it is stale and the next re-tag run tags it again.
 */
export const TRACKER_CACHE_MS = 15_000;

export class DynamoTrackers implements TrackerStore {
  private readonly recent = new Map<string, { at: number; found: StoredTracker | undefined }>();

  constructor(
    private readonly t: TableContext,
    private readonly clock: () => number = Date.now,
  ) {}

  async putTracker(tracker: Tracker): Promise<string> {
    const version = trackerVersion(tracker);
    await this.t.client.send(new PutCommand({ TableName: this.t.tableName, Item: keys.trackerItem(tracker, version) }));
    this.recent.delete(tracker.id);
    return version;
  }

  async getTracker(trackerId: string): Promise<StoredTracker | undefined> {
    const cached = this.recent.get(trackerId);
    if (cached?.found && this.clock() - cached.at < TRACKER_CACHE_MS) return cached.found;
    const out = await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.trackerKey(trackerId) }));
    const found = out.Item ? this.parse(out.Item) : undefined;
    if (this.recent.size > 32) this.recent.clear();
    this.recent.set(trackerId, { at: this.clock(), found });
    return found;
  }

  async requireTracker(trackerId: string): Promise<StoredTracker> {
    const found = await this.getTracker(trackerId);
    if (!found) throw new NotFoundError(`no tracker "${trackerId}"`);
    return found;
  }

  // A tracker item is validated once per content version, not on every read.
  private readonly parsed = new Map<string, StoredTracker>();
  parse(item: Record<string, unknown>): StoredTracker {
    const version = String(item.version);
    const cacheKey = `${String(item.pk)}\n${version}`;
    let parsed = this.parsed.get(cacheKey);
    if (!parsed) {
      parsed = { tracker: TrackerSchema.parse(item.tracker), version };
      if (this.parsed.size > 32) this.parsed.clear();
      this.parsed.set(cacheKey, parsed);
    }
    return parsed;
  }
}
