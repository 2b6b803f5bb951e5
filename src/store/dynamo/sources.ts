// Bookkeeping items of the scheduled runs: a source's validators, the re-tag cursor.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../keys.js';
import { SourceStateSchema, type SourceState } from '../model.js';
import type { RetagCursorStore, SourceStateStore } from '../ports.js';
import type { TableContext } from './context.js';

export class DynamoBookkeeping implements SourceStateStore, RetagCursorStore {
  constructor(private readonly t: TableContext) {}

  async getSourceState(trackerId: string, url: string): Promise<SourceState | undefined> {
    const out = await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.sourceStateKey(trackerId, url) }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, tracker: _tracker, ...state } = out.Item;
    return SourceStateSchema.parse(state);
  }

  async putSourceState(trackerId: string, state: SourceState): Promise<void> {
    const defined = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
    await this.t.client.send(
      new PutCommand({ TableName: this.t.tableName, Item: { ...keys.sourceStateKey(trackerId, state.url), type: 'source', tracker: trackerId, ...defined } }),
    );
  }

  async getRetagCursor(trackerId: string): Promise<string | undefined> {
    const out = await this.t.client.send(new GetCommand({ TableName: this.t.tableName, Key: keys.retagCursorKey(trackerId) }));
    return out.Item?.cursor === undefined ? undefined : String(out.Item.cursor);
  }

  async putRetagCursor(trackerId: string, cursor: string | undefined, now: string): Promise<void> {
    await this.t.client.send(
      new PutCommand({ TableName: this.t.tableName, Item: { ...keys.retagCursorKey(trackerId), type: 'retag-cursor', ...(cursor ? { cursor } : {}), updatedAt: now } }),
    );
  }
}
