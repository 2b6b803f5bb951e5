// The store's cost and contention on DynamoDB Local, with the real pipeline: write and read
// units per document ingested and tagged (by item family and index), cost per million
// documents at on-demand list prices, conflicts and give-ups of 100 concurrent taggings that
// touch one cell, the re-tag drain rate, and the functions' bundle sizes and import times.
// Ends with one JSON line. Run: npm run bench:store
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadTrackerFile } from '../src/core/tracker.js';
import type { StanceRecord } from '../src/core/records.js';
import { ConflictError } from '../src/errors.js';
import { startLocalDynamoDb } from '../src/local/dynamodb.js';
import { ingestDocuments } from '../src/pipeline/ingest.js';
import * as tagModule from '../src/pipeline/tag.js';
import { tagStoredDocument, type Tagger } from '../src/pipeline/tag.js';
import type { TagMessage, TagQueue } from '../src/queue.js';
import { documentClient } from '../src/runtime/lambda.js';
import { createTableInput } from '../src/store/table.js';
import { printBundles } from './bundles.js';
import { meter, newLedger, sum, type Ledger } from './capacity.js';
import { openStore } from './open-store.js';

// On-demand list prices, us-east-1, in force since the 2024-11-01 price cut (aws.amazon.com/dynamodb/pricing/on-demand;
// not re-checked online from this machine, which has no internet):
// $0.625 per million write request units, $0.125 per million read request units (standard table class).
export const PRICES = { writePerMillion: 0.625, readPerMillion: 0.125, asOf: '2024-11-01', region: 'us-east-1' } as const;

const root = fileURLToPath(new URL('..', import.meta.url));
const seedDir = join(root, 'seeds');
const seeds = readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(seedDir, f), 'utf8'));
const tracker = await loadTrackerFile(join(seedDir, 'tracker.json'));
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const server = await startLocalDynamoDb();
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const raw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
const metered = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials });
let ledger: Ledger | undefined;
meter(metered, raw, () => ledger);

class ListQueue implements TagQueue {
  sent: TagMessage[] = [];
  async send(messages: TagMessage[]) {
    this.sent.push(...messages);
    return { failed: [] };
  }
}

/** Stream records per batch of the cell consumer: Lambda's default for a DynamoDB stream (infra/stack.ts). */
const STREAM_BATCH = 100;
/** Copies of each seed (under other URLs, each text marked apart) ingested and tagged before the stream is drained. */
const COPIES = 20;

let tables = 0;
async function freshStore() {
  const tableName = `bench-${++tables}`;
  await raw.send(new CreateTableCommand(createTableInput(tableName)));
  const store = openStore(documentClient(metered), tableName, { endpoint: server.endpoint, batchSize: STREAM_BATCH });
  await store.putTracker(tracker);
  return { store, tableName };
}

const fmt = (n: number, d = 1) => n.toFixed(d);
const line = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');

// ------------------------------------------------------------ cost per document
const { store } = await freshStore();
ledger = newLedger();
const queue = new ListQueue();
let records = 0;
let evidence = 0;
// At a million documents a day a stream batch holds many documents: COPIES x the seeds are ingested and
// tagged one after the other, then the stream is drained in batches of STREAM_BATCH (the cell consumer's writes count).
const inputs = Array.from({ length: COPIES }, (_, copy) => seeds.map((text, i) => ({ text: `${text}\n(copy ${copy})`, url: `https://news.example/seed/${i}/${copy}`, title: `Seed ${i}`, publishedAt: `2025-11-2${i}T09:${String(copy).padStart(2, '0')}:00Z` }))).flat();
for (const input of inputs) {
  const [result] = await ingestDocuments([input], {
    store: store as never,
    queue,
    defaultTracker: tracker.id,
  });
  const outcome = await tagStoredDocument({ tracker: tracker.id, documentId: result!.id }, { store: store as never });
  records += outcome.records;
  const found = await (async () => {
    const saved = ledger;
    ledger = undefined;
    try {
      return await store.getDocument(result!.id);
    } finally {
      ledger = saved;
    }
  })();
  evidence += found!.records.reduce((n: number, r: { evidence: unknown[] }) => n + r.evidence.length, 0);
}
await store.settled();
const costLedger = ledger;
ledger = undefined;
const docs = inputs.length;
const wcu = sum(costLedger.writes) / docs;
const rcu = sum(costLedger.reads) / docs;
const usd = (wcu * PRICES.writePerMillion + rcu * PRICES.readPerMillion);

console.log(
  `store benchmark: ${seeds.length} seed documents x ${COPIES} copies = ${docs} documents (${fmt(inputs.reduce((n, d) => n + Buffer.byteLength(d.text), 0) / docs / 1024)} KB average), ${fmt(records / docs)} records and ${fmt(evidence / docs)} stored evidence sentences a document`,
);
console.log(`the matrix cells are applied from the table's stream in batches of ${STREAM_BATCH} stream records (document items only), after all ${docs} taggings`);
console.log('\nwrite units per document ingested and tagged, by item family and target (GSI writes as AWS bills them):');
const families = [...costLedger.writes.entries()].sort((a, b) => b[1] - a[1]);
const widths = [16, 8, 10];
console.log(line(['item', 'target', 'units/doc'], widths));
for (const [name, units] of families) {
  const [fam, target] = name.split('|');
  console.log(line([fam!, target!, fmt(units / docs, 2)], widths));
}
console.log(line(['all', '', fmt(wcu, 2)], widths));
console.log('\nread units per document, by request:');
for (const [name, units] of [...costLedger.reads.entries()].sort((a, b) => b[1] - a[1])) console.log(line([name, fmt(units / docs, 2)], [24, 10]));
console.log(line(['all', fmt(rcu, 2)], [24, 10]));
console.log(`requests per document: ${fmt(costLedger.requests / docs)}`);
console.log(
  `\ncost per million documents at on-demand list prices (${PRICES.region}, ${PRICES.asOf}: $${PRICES.writePerMillion}/M writes, $${PRICES.readPerMillion}/M reads): $${fmt(usd, 2)} (writes $${fmt(wcu * PRICES.writePerMillion, 2)}, reads $${fmt(rcu * PRICES.readPerMillion, 2)})`,
);

// ------------------------------------------------------------ the matrix read
{
  ledger = newLedger();
  await store.getMatrix(tracker.id);
  console.log(`matrix read (${tracker.actors.length} x ${tracker.terms.length}): ${ledger.requests} request(s), ${fmt(sum(ledger.reads), 1)} read units`);
  ledger = undefined;
}

// ------------------------------------------------------------ one hot cell
const HOT = 100;
const hotActor = tracker.actors[0]!.id;
const hotTerm = tracker.terms[0]!.id;
const hotTagger: Tagger<null> = {
  version: 'hot-1',
  compile: () => null,
  tag: (doc): StanceRecord[] => [
    { document: doc.id, actor: hotActor, term: hotTerm, stance: 'support', confidence: 0.9, evidence: [{ sentence: doc.text, start: 0, end: doc.text.length, cue: 'hot' }] },
  ],
};
let conflicts = 0;
let gaveUp = 0;
let exact = false;
{
  const { store: hot } = await freshStore();
  const ids: string[] = [];
  for (let i = 0; i < HOT; i++) {
    const [r] = await ingestDocuments([{ text: `hot document ${i}`, publishedAt: `2025-10-01T00:00:${String(i % 60).padStart(2, '0')}Z` }], {
      store: hot as never,
      queue: new ListQueue(),
      defaultTracker: tracker.id,
    });
    ids.push(r!.id);
  }
  // Count every lost race: each is a ConflictError the tagging retries from a re-read.
  const counted = new Proxy(hot, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (err) {
          if (err instanceof ConflictError) conflicts++;
          throw err;
        }
      };
    },
  });
  const started = Date.now();
  const outcomes = await Promise.allSettled(ids.map((documentId) => tagStoredDocument({ tracker: tracker.id, documentId }, { store: counted as never, tagger: hotTagger })));
  gaveUp = outcomes.filter((o) => o.status === 'rejected').length;
  // The stream's consumer applies the counts after the taggings: wait for it.
  await hot.settled();
  const cell = (await hot.getMatrix(tracker.id)).cells.find((c: { actor: string; term: string }) => c.actor === hotActor && c.term === hotTerm);
  // Exact: the cell counts every tagging that landed, no more, no less.
  exact = cell?.total === HOT - gaveUp && cell?.support === HOT - gaveUp;
  console.log(`\nhot cell: ${HOT} concurrent taggings of one cell (${hotActor} x ${hotTerm}) in ${Date.now() - started} ms: ${conflicts} conflicts, ${gaveUp} gave up, count ${cell?.total ?? 0} (${exact ? 'exact' : 'NOT exact'})`);
  const firstError = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult | undefined;
  if (firstError) console.log(`  first give-up: ${(firstError.reason as Error).message}`);
}

// ------------------------------------------------------------ re-tag drain rate
// Measured: how long the scheduled run's work takes per stale document, here. Extrapolated:
// documents per hour at the deployed settings (schedule, limits, tag concurrency).
let retagDocumentsPerHour = 0;
{
  const { store: own } = await freshStore();
  const N = 60;
  for (let i = 0; i < N; i++) {
    await ingestDocuments([{ text: `${seeds[i % docs]}\n(copy ${i})`, url: `https://news.example/retag/${i}` }], { store: own as never, queue: new ListQueue(), defaultTracker: tracker.id });
  }
  const retagModule: Record<string, unknown> = await import('../src/pipeline/retag.js').catch(() => ({}));
  const fanOut = retagModule.enqueueStale as
    | ((o: { tracker: string; limit: number; cursor?: string }, d: { store: unknown; queue: TagQueue }) => Promise<{ queued: number; cursor?: string }>)
    | undefined;
  const infra = await import('../infra/stack.js');
  const config = await import('../infra/config.js');
  const settings = config.StackConfigSchema.parse({});
  const perHour = (expression: string) => {
    const m = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
    if (!m) return 1;
    const minutes = Number(m[1]) * (m[2] === 'minute' ? 1 : m[2] === 'hour' ? 60 : 1440);
    return 60 / minutes;
  };
  const runsPerHour = perHour(String((settings as Record<string, unknown>).retagSchedule ?? settings.schedule));
  const concurrency = Number((infra as Record<string, unknown>).TAG_MAX_CONCURRENCY ?? 1);
  // Tag throughput of one tag function invocation stream, measured: documents tagged one at a time.
  const t0 = Date.now();
  let tagged = 0;
  if (fanOut) {
    const q = new ListQueue();
    let cursor: string | undefined;
    do {
      const run = await fanOut({ tracker: tracker.id, limit: 1000, cursor }, { store: own, queue: q, now: () => new Date(Date.now() + 3_600_000) } as never);
      cursor = run.cursor;
    } while (cursor);
    const enqueueMs = Date.now() - t0;
    const t1 = Date.now();
    for (const m of q.sent) {
      await tagStoredDocument(m, { store: own as never });
      tagged++;
    }
    const perDocMs = (Date.now() - t1) / Math.max(1, tagged);
    const depth = Number((settings as Record<string, unknown>).retagQueueDepth ?? 0);
    const enqueuePerHour = depth * runsPerHour;
    const tagPerHour = (3_600_000 / perDocMs) * concurrency;
    retagDocumentsPerHour = Math.floor(Math.min(enqueuePerHour || tagPerHour, tagPerHour));
    console.log(
      `\nre-tag: the fan-out (${String((settings as Record<string, unknown>).retagSchedule)}) enqueued ${q.sent.length} stale documents in ${enqueueMs} ms (at most ${depth} waiting per run); ` +
        `one tag stream tags ${fmt(perDocMs, 0)} ms a document here; at ${concurrency} concurrent tag invocations: ${retagDocumentsPerHour} documents/hour, ` +
        `1M stale documents in ${fmt(1e6 / retagDocumentsPerHour, 1)} h`,
    );
  } else {
    const limit = settings.retagBatchLimit;
    let cursor: string | undefined;
    const run = await tagModule.retagStale({ tracker: tracker.id, limit: N, cursor }, { store: own as never });
    tagged = run.tagged.length;
    const perDocMs = (Date.now() - t0) / Math.max(1, tagged);
    // Inline: at most `limit` per scheduled run, each run one Lambda tagging one at a time.
    retagDocumentsPerHour = Math.floor(Math.min(limit, 600_000 / perDocMs) * runsPerHour);
    console.log(
      `\nre-tag: inline in the scheduled run (${settings.schedule}), at most ${limit} a run, ${fmt(perDocMs, 0)} ms a document: ${retagDocumentsPerHour} documents/hour, 1M stale documents in ${fmt(1e6 / retagDocumentsPerHour / 24, 0)} days`,
    );
  }
}

// ------------------------------------------------------------ bundles
await printBundles();

await server.stop();
console.log(
  JSON.stringify({
    wcuPerDocument: Number(wcu.toFixed(2)),
    rcuPerDocument: Number(rcu.toFixed(2)),
    usdPerMillionDocuments: Number(usd.toFixed(2)),
    hotCell: { taggings: HOT, conflicts, gaveUp, exact },
    retagDocumentsPerHour,
  }),
);
