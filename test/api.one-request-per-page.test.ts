import { afterAll, beforeAll, expect, it } from 'vitest';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import type { DynamoStore } from '../src/store/store.js';
import { countingDynamoDbClient } from './support/dynamodb.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

// Every command the store sends passes this middleware once (retries happen below it).
const { client, sent } = countingDynamoDbClient();

let store: DynamoStore;
let drop: () => Promise<void>;
let query: (e: ReturnType<typeof apiEvent>) => Promise<{ statusCode: number; body: string }>;
beforeAll(async () => {
  ({ store, drop } = await storeWithTracker(undefined, client));
  const h = await loadHandlers();
  const handler = h.query.createHandler(() => ({ store, defaultTracker: 'talks' }));
  query = (e) => handler(e, lambdaContext) as never;
});
afterAll(async () => drop());

async function addDocuments(count: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start) }, (_, i) => ({
      publishedAt: `2025-06-${String(((offset + start + i) % 28) + 1).padStart(2, '0')}`,
      text: `doc ${offset + start + i} [RU oppose ceasefire] [UA support ceasefire] [US mixed sanctions]`,
    }));
    const results = await ingestDocuments(batch, { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    for (const r of results) await tagStoredDocument({ tracker: 'talks', documentId: r.id }, { store, tagger: markerTagger });
    ids.push(...results.map((r) => r.id));
  }
  // The matrix is applied from the table's stream: caught up here, so a page below counts only its own requests.
  await store.settled();
  return ids;
}

/** DynamoDB commands sent while answering one HTTP request. */
async function requestsFor(path: string, q?: Record<string, string>) {
  sent.length = 0;
  const response = await query(apiEvent('GET', path, q ? { query: q } : {}));
  expect(response.statusCode).toBe(200);
  return { commands: [...sent], body: parseBody(response) };
}

async function everyPageCostsOne(ids: string[]) {
  expect((await requestsFor('/matrix')).commands).toEqual(['QueryCommand']);
  // A document is two: its item, then its text and records in one BatchGetItem (the records live in their terms' partitions).
  expect((await requestsFor(`/documents/${ids[0]}`)).commands).toEqual(['GetItemCommand', 'BatchGetItemCommand']);
  // The store keeps a tracker it read for a few seconds: at most one GetItem.
  expect(['GetItemCommand']).toEqual(expect.arrayContaining((await requestsFor('/trackers/talks')).commands));
  expect((await requestsFor('/openapi.json')).commands).toEqual([]);
  const filters: Record<string, string>[] = [{ actor: 'RU', term: 'ceasefire' }, { term: 'ceasefire' }, { actor: 'US', from: '2025-06-01', to: '2025-06-20' }];
  for (const filter of filters) {
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { commands, body } = await requestsFor('/stances', { ...filter, limit: '7', ...(cursor ? { cursor } : {}) });
      expect(commands).toEqual(['QueryCommand']);
      cursor = body.cursor;
      pages++;
    } while (cursor && pages < 3);
  }
}

it('answers each GET page with one DynamoDB request however much the table holds', async () => {
  const first = await addDocuments(5, 0);
  await everyPageCostsOne(first);
  await addDocuments(30, 5);
  await everyPageCostsOne(first);
  expect((await requestsFor('/matrix')).body.cells.find((c: { actor: string; term: string }) => c.actor === 'RU' && c.term === 'ceasefire').oppose).toBe(35);
});
