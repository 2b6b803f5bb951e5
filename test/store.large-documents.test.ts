// Every document accepted is taggable: a round-up naming many actors on many terms (more cell
// updates than one 100-action transaction holds) and a very long text, posted, queued, tagged
// through the handlers and counted exactly once; a stream batch whose consumer stopped half-way
// is finished by its redelivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseTracker, type Tracker } from '../src/core/tracker.js';
import type { TaggableDocument } from '../src/core/records.js';
import { tagStoredDocument, type Tagger } from '../src/pipeline/tag.js';
import { documentClient } from '../src/runtime/lambda.js';
import { DynamoStore, MAX_EVIDENCE } from '../src/store/store.js';
import { apiEvent, lambdaContext, loadHandlers, markerTagger, MemoryQueue, parseBody, storeWithTracker } from './support/pipeline.js';

const actors = Array.from({ length: 12 }, (_, i) => ({ id: `A${i}`, name: `Actor ${i}`, aliases: [`Actorland${i}`] }));
const terms = Array.from({ length: 15 }, (_, i) => ({ id: `t${i}`, name: `Term ${i}`, cues: { affirm: [`term${i}`] } }));
const wide: Tracker = parseTracker({ id: 'wide', title: 'Wide', actors, terms }, 'test');
const markers = (termCount: number, stance = 'support') => actors.flatMap((a) => terms.slice(0, termCount).map((t) => `[${a.id} ${stance} ${t.id}]`)).join(' ');

let store: DynamoStore;
let drop: () => Promise<void>;
let client: Awaited<ReturnType<typeof storeWithTracker>>['client'];
let tableName: string;
const queue = new MemoryQueue();
let h: Awaited<ReturnType<typeof loadHandlers>>;
beforeAll(async () => {
  ({ store, drop, client, tableName } = await storeWithTracker(wide));
  h = await loadHandlers();
});
afterAll(async () => drop());

/** Like the marker tagger, but every marker is evidence: a long text gives thousands of sentences for one record. */
const everySentenceTagger: Tagger<Tracker> = {
  ...markerTagger,
  tag(doc: TaggableDocument, tracker: Tracker) {
    return markerTagger.tag(doc, tracker).map((r) => ({
      ...r,
      evidence: [...doc.text.matchAll(new RegExp(`\\[${r.actor} ${r.stance} ${r.term}\\]`, 'g'))].map((m) => ({ sentence: m[0], start: m.index!, end: m.index! + m[0].length, cue: r.term })),
    }));
  },
};

async function postAndTag(body: unknown, tagger: Tagger<Tracker> = markerTagger) {
  const ingest = h.ingest.createHandler(() => ({ store, queue, defaultTracker: 'wide' }));
  const tag = h.tag.createHandler(() => ({ store, tagger }));
  const posted = await ingest(apiEvent('POST', '/documents', { body, routeKey: 'POST /documents' }), lambdaContext);
  expect(posted.statusCode).toBe(202);
  const tagged = await tag(queue.drain(), lambdaContext);
  expect(tagged.batchItemFailures).toEqual([]);
  return parseBody(posted).ids[0] as string;
}

const totals = async () => Object.fromEntries((await store.getMatrix('wide')).cells.map((c) => [`${c.actor}/${c.term}`, c.total]));

describe('a round-up of many actors on many terms', () => {
  it('12 actors x 8 terms (96 cells) and then 12 x 15 (180 cells) are tagged and counted once', async () => {
    const id = await postAndTag({ url: 'https://news.example/roundup', text: `Round-up. ${markers(8)}` });
    expect((await store.getDocument(id))!.records).toHaveLength(96);
    let counts = await totals();
    expect(Object.keys(counts)).toHaveLength(96);
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);

    await postAndTag({ url: 'https://news.example/roundup', text: `Round-up, updated. ${markers(15, 'oppose')}` });
    const matrix = await store.getMatrix('wide');
    expect(matrix.cells).toHaveLength(180);
    expect(matrix.cells.every((c) => c.total === 1 && c.oppose === 1 && c.support === 0)).toBe(true);

    // Tagging again changes nothing.
    const again = await tagStoredDocument({ tracker: 'wide', documentId: id }, { store, tagger: markerTagger });
    expect(again.changed).toBe(false);
    counts = await totals();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(180);
  });

  it('a stream batch whose consumer stopped half-way through its 180 cells is finished, once, when delivered again', async () => {
    let flaky: DynamoStore | undefined;
    const { store: own, drop: dropOwn, client: ownClient, tableName: ownTable } = await storeWithTracker(wide, undefined, { consumer: () => flaky! });
    try {
      // The consumer stops at its 60th cell update, as if the function had timed out there.
      const doc = documentClient(ownClient);
      let cellUpdates = 0;
      const send = doc.send.bind(doc);
      (doc as { send: unknown }).send = async (command: unknown) => {
        if (command instanceof UpdateCommand && String(command.input.Key?.sk).startsWith('CELL#') && ++cellUpdates === 60) throw new Error('stopped');
        return send(command as never);
      };
      flaky = new DynamoStore(doc, ownTable);
      const ingest = h.ingest.createHandler(() => ({ store: own, queue, defaultTracker: 'wide' }));
      await ingest(apiEvent('POST', '/documents', { body: { text: markers(15) }, routeKey: 'POST /documents' }), lambdaContext);
      const [message] = queue.drain().Records.map((r) => JSON.parse(r.body));
      await tagStoredDocument(message, { store: own, tagger: markerTagger });

      const matrix = await own.getMatrix('wide');
      expect(cellUpdates).toBeGreaterThan(180); // the redelivery wrote the cells the first delivery had not
      expect(matrix.cells).toHaveLength(180);
      expect(matrix.cells.every((c) => c.total === 1)).toBe(true);
      expect(matrix.cells.every((c) => c.latest?.document === message.documentId)).toBe(true);
    } finally {
      await dropOwn();
    }
  });
});

describe('a very long text', () => {
  it('an 8,000-sentence article is stored, tagged with capped evidence and counted', async () => {
    const sentences = Array.from({ length: 8000 }, (_, i) => (i % 2 ? `Sentence ${i} says [A1 support t2] again, and more words follow here.` : `Filler sentence number ${i} about the talks.`));
    const text = sentences.join(' ');
    expect(Buffer.byteLength(text)).toBeGreaterThan(300_000);
    const id = await postAndTag({ url: 'https://news.example/long', text }, everySentenceTagger);
    const found = await store.getDocument(id);
    expect(found!.document.text).toBe(text);
    const record = found!.records.find((r) => r.actor === 'A1' && r.term === 't2')!;
    expect(record.evidence).toHaveLength(MAX_EVIDENCE);
    expect(record.evidenceTotal).toBe(4000);
    expect(text.slice(record.evidence[0]!.start, record.evidence[0]!.end)).toBe(record.evidence[0]!.sentence);
    expect((await store.getMatrix('wide')).cells.find((c) => c.actor === 'A1' && c.term === 't2')).toMatchObject({ support: 1, total: 2 }); // besides the round-up's oppose
  });
});
