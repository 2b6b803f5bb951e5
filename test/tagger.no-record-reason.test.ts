// A document that gets no records says why: the tagger's reason, stored with the tagging,
// shown by GET /documents/{id}, `stance query document` and `stance tag` (on stderr).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagDocumentWithReason } from '../src/core/tagger.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import { tagStoredDocument } from '../src/pipeline/tag.js';
import { renderDocument } from '../src/client/render.js';
import { DocumentResponseSchema } from '../src/api/schemas.js';
import type { DynamoStore } from '../src/store/store.js';
import { gated } from './support/tagger.js';
import { apiEvent, lambdaContext, loadHandlers, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

const explain = (text: string) => tagDocumentWithReason({ id: 'd', text }, gated);

describe('the reason a document has no records', () => {
  it('names the topic gate with the mentions found and needed', () => {
    const result = explain('Climate talks in Bonn.\nGermany and China met on emissions. Russia was not there.');
    expect(result.records).toEqual([]);
    expect(result.reason).toBe('topic gate: 1 of 3 topic mentions');
  });

  it('says no actor is named, or no term, or no stance in what names both', () => {
    const onTopic = 'Ukraine, Kyiv and Zelensky were in the news again.';
    expect(explain('Crimea, Donbas, Luhansk and Donetsk were in the news again. The weather was cold in Donetsk.')).toMatchObject({ records: [], reason: 'no actor named' });
    expect(explain(`${onTopic} Zelensky visited a school in Kyiv on Monday.`)).toMatchObject({ records: [], reason: 'no term named' });
    expect(explain(`${onTopic} Zelensky spoke about a ceasefire on Monday.`).reason).toMatch(/^no stance found: 1 sentence names an actor and a term/);
  });

  it('gives no reason when there are records', () => {
    const result = explain('Ukraine and Kyiv and Zelensky: Zelensky backed a ceasefire along the front line, while Moscow rejected it.');
    expect(result.records.length).toBeGreaterThan(0);
    expect(result.reason).toBeUndefined();
  });
});

describe('where the reason shows', () => {
  let store: DynamoStore;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await storeWithTracker());
  });
  afterAll(async () => drop());

  it('GET /documents/{id} and stance query document report it with the tagging', async () => {
    const [doc] = await ingestDocuments([{ text: 'It rained all day in the capital.' }], { store, queue: new MemoryQueue(), defaultTracker: 'talks' });
    await tagStoredDocument({ tracker: 'talks', documentId: doc!.id }, { store });
    const { query } = await loadHandlers();
    const response = await query.createHandler(() => ({ store, defaultTracker: 'talks' }))(apiEvent('GET', `/documents/${doc!.id}`), lambdaContext);
    const body = parseBody(response);
    expect(body.records).toEqual([]);
    expect(body.taggedWith).toMatchObject({ noRecords: 'no actor named' });
    expect(renderDocument(DocumentResponseSchema.parse(body))).toMatch(/no stance records: no actor named/);
  });

  it('stance tag prints it on stderr, one line per document without records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-reason-'));
    const file = join(dir, 'offtopic.txt');
    writeFileSync(file, 'Climate talks in Bonn.\nGermany and China met on emissions.\n');
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/stance.mjs', 'tag', file, 'seeds/002_51523e5df336b9fc.txt'], { cwd: process.cwd() });
    expect(stdout).toMatch(/"document":"002_51523e5df336b9fc"/);
    expect(stderr.trim()).toBe('offtopic: no records (topic gate: 0 of 3 topic mentions)');
  });
});
