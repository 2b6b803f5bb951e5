// Where a document's text lives: a new document's text is stored in its text guard (one item for
// both, a write unit or more less a document); a new version of a known URL keeps its text in the
// document's own text item (its guard may be another document's), and the old guard goes with the
// old text. Every way reads the text back whole, on a real DynamoDB-API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../src/runtime/lambda.js';
import * as keys from '../src/store/keys.js';
import type { DynamoStore } from '../src/store/store.js';
import { storeWithTracker, testTracker } from './support/pipeline.js';

let store: DynamoStore;
let drop: () => Promise<void>;
let doc: ReturnType<typeof documentClient>;
let tableName: string;
beforeAll(async () => {
  const opened = await storeWithTracker();
  ({ store, drop, tableName } = opened);
  doc = documentClient(opened.client);
});
afterAll(async () => drop());

const long = (word: string) => Array.from({ length: 300 }, (_, i) => `${word} sentence number ${i} of a long article.`).join(' ');
const itemsOf = async (pk: string) => ((await doc.send(new ScanCommand({ TableName: tableName }))).Items ?? []).filter((i) => i.pk === pk);
const now = '2025-11-21T10:00:00.000Z';
const input = (text: string, url = 'https://news.example/a') => ({ tracker: testTracker.id, url, publishedAt: '2025-11-21T09:00:00.000Z', text });

describe('a document text', () => {
  it('of a new document is stored in its guard, with no text item of its own', async () => {
    const text = long('First');
    const { id } = await store.ingestDocument(input(text), now);
    expect((await itemsOf(keys.documentPartition(id))).map((i) => i.sk)).toEqual([keys.META]);
    const guard = (await doc.send(new GetCommand({ TableName: tableName, Key: keys.textGuardKey(testTracker.id, keys.contentHash(text)) }))).Item!;
    expect(guard.documentId).toBe(id);
    expect(guard.textBr).toBeDefined();
    expect((await store.getDocument(id))!.document.text).toBe(text);
  });

  it("of a new version is the document's own text item, and the old guard and text are gone", async () => {
    const first = long('Second');
    const { id } = await store.ingestDocument(input(first, 'https://news.example/b'), now);
    const next = long('Revised');
    expect((await store.ingestDocument(input(next, 'https://news.example/b'), now)).status).toBe('updated');
    expect((await doc.send(new GetCommand({ TableName: tableName, Key: keys.textGuardKey(testTracker.id, keys.contentHash(first)) }))).Item).toBeUndefined();
    expect((await itemsOf(keys.documentPartition(id))).map((i) => i.sk).sort()).toEqual([keys.META, `${keys.TEXT_PREFIX}${keys.contentHash(next)}`]);
    expect((await store.getDocument(id))!.document.text).toBe(next);
  });

  it("is still read from the document's own text item when its guard holds none (stored before texts moved)", async () => {
    const text = long('Older');
    const { id } = await store.ingestDocument(input(text, 'https://news.example/c'), now);
    const guardKey = keys.textGuardKey(testTracker.id, keys.contentHash(text));
    const guard = (await doc.send(new GetCommand({ TableName: tableName, Key: guardKey }))).Item!;
    const { textBr, textBytes, ...bare } = guard;
    await doc.send(new PutCommand({ TableName: tableName, Item: bare }));
    await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.documentTextKey(id, keys.contentHash(text)), type: 'text', textBr, textBytes } }));
    const meta = (await doc.send(new GetCommand({ TableName: tableName, Key: keys.documentKey(id) }))).Item!;
    const { textInGuard: _moved, ...older } = meta;
    await doc.send(new PutCommand({ TableName: tableName, Item: older }));
    expect((await store.getDocument(id))!.document.text).toBe(text);
  });
});
