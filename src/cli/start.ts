// `stance start` (npm start): the whole pipeline on this machine, with the seeds in it.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MatrixResponseSchema } from '../api/schemas.js';
import { ApiClient } from '../client/api.js';
import { readDocuments } from '../client/documents.js';
import { ingestFiles } from '../client/ingest.js';
import { renderMatrix } from '../client/render.js';
import { cliSettings, npmBooleanFlags, npmConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { lambdaContext } from '../local/lambda.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { startReingestLoop, type ReingestLoop } from '../sources/loop.js';
import { describeSource } from '../sources/run.js';
import { loadSourcesFile } from '../sources/sources-file.js';
import { DEFAULT_TRACKER, parseCommandLine } from './args.js';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export const summary = 'run the pipeline on this machine (DynamoDB Local, tag queue, HTTP API) with the seeds in it';

export const usage = `usage: stance start [options]        (npm start -- [options])

Starts DynamoDB Local (needs Java 17+), a local SQS queue feeding the tag handler and
the HTTP API on http://127.0.0.1:3000, all running the same Lambda handlers as AWS;
stores the tracker, ingests the seed articles, waits until they are tagged, prints
the actor x term matrix and a few curl commands, then serves until Ctrl-C.

options:
  --port N          HTTP port (default 3000; 0 picks a free one)
  --data DIR        keep the database in DIR (default: in memory, gone on exit)
  --tracker FILE    the tracker to store and use by default (default seeds/tracker.json)
  --seeds DIR       ingest the .txt/.md/.json documents of DIR (default seeds/)
  --no-seeds        ingest nothing
  --sources FILE    also read these feeds and pages (JSON, see docs/sources.md) now and
                    then every --every seconds while serving, as the schedule does on AWS
  --every SECONDS   pause between two re-ingestion runs (default 300)
  --allow-loopback  let --sources reach a feed server on this machine (127.0.0.1);
                    private, link-local and metadata addresses stay refused
  --once            exit after printing the matrix (for scripts and CI)
  --verbose         show the handlers' INFO logs
  --quiet           no access log while serving`;

/** The document the printed POST example sends (the tagger finds a stance for both sides in it). */
export const EXAMPLE_DOCUMENT = {
  title: 'Kyiv backs a ceasefire, Moscow rejects it',
  text: 'Zelensky backed a ceasefire along the front line, while Moscow rejected it.',
  publishedAt: '2025-11-21',
};

function curlCommands(apiUrl: string, example: { documentId?: string; actor?: string; term?: string }): string {
  const post = JSON.stringify(EXAMPLE_DOCUMENT);
  const lines = [
    `curl -s ${apiUrl}/matrix`,
    `curl -s '${apiUrl}/stances?actor=${example.actor ?? 'RU'}&term=${example.term ?? 'ceasefire'}&limit=5'`,
    ...(example.documentId ? [`curl -s ${apiUrl}/documents/${example.documentId}`] : []),
    `curl -s -X POST ${apiUrl}/documents -H 'content-type: application/json' -d '${post}'`,
    `curl -s ${apiUrl}/openapi.json`,
  ];
  return lines.map((l) => `  ${l}`).join('\n');
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.once('SIGINT', on);
    process.once('SIGTERM', on);
  });
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandLine('start', args, {
    port: { type: 'string' },
    data: { type: 'string' },
    tracker: { type: 'string', default: DEFAULT_TRACKER },
    seeds: { type: 'string', default: SEEDS_DIR },
    'no-seeds': { type: 'boolean', default: false },
    sources: { type: 'string' },
    every: { type: 'string', default: '300' },
    'allow-loopback': { type: 'boolean', default: false },
    once: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  const { positionals } = parsed;
  // `npm start --once` reaches us as npm_config_once; `npm start --port=3001` as npm_config_port=3001,
  // and `npm start --port 3001` as npm_config_port=true and a lone "3001".
  const npmPort = npmConfig('port');
  if (parsed.values.port === undefined && npmPort === 'true') {
    throw new UsageError('npm kept --port for itself; give it as npm start --port=3001, or after "--": npm start -- --port 3001');
  }
  const values = { ...parsed.values, port: parsed.values.port ?? npmPort ?? '3000', ...npmBooleanFlags(['once', 'verbose', 'quiet'] as const) };
  if (positionals.length) {
    throw new UsageError(`unexpected argument "${positionals[0]}"; through npm, put options after "--": npm start -- --port 3001`);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const everySeconds = Number(values.every);
  if (!/^\d+$/.test(values.every) || everySeconds < 1) throw new UsageError(`--every must be a whole number of seconds, not "${values.every}"`);
  const sources = values.sources ? await loadSourcesFile(values.sources) : undefined;
  if (values.data) await mkdir(values.data, { recursive: true });

  let serving = false;
  console.log('starting the local stack');
  const stack: LocalStack = await startLocalStack({
    port,
    trackerFile: values.tracker,
    ...(values.data ? { dataDir: values.data } : {}),
    verbose: values.verbose,
    log: (line) => console.log(`  ${line}`),
    stateDir: cliSettings().stateDir,
    onRequest: (line) => {
      if (serving && !values.quiet) console.log(line);
    },
  });

  let reingestLoop: ReingestLoop | undefined;
  try {
    const client = new ApiClient(stack.apiUrl);
    let firstDocument: string | undefined;
    if (!values['no-seeds']) {
      const { documents } = await readDocuments([values.seeds]);
      const outcomes = await ingestFiles(client, documents, {
        onOutcome: (o) => {
          if (!o.ok) console.log(`  seed ${o.source} refused: ${o.error}`);
          else firstDocument ??= o.id;
        },
      });
      const ok = outcomes.filter((o) => o.ok);
      const created = ok.filter((o) => o.ok && o.status !== 'duplicate').length;
      console.log(`  ${ok.length} documents ingested from ${values.seeds} (${created} new or changed, ${ok.length - created} already stored)`);
    }

    // The same reingest handler the EventBridge schedule invokes on AWS, imported only now
    // that the stack has set the environment it reads.
    const reingestOnce = sources
      ? await Promise.all([import('../../functions/reingest.js'), import('../sources/pages.js')]).then(([{ createReingest }, { localPages }]) => {
          const reingest = createReingest({
            fetch: { allowLoopback: values['allow-loopback'] },
            // Pages are read in this process (on AWS, by the article function).
            pages: localPages,
            sources,
            onSource: (report) => console.log(`  ${describeSource(report)}`),
          });
          return () => reingest({ 'detail-type': 'Scheduled Event', detail: {} }, lambdaContext({ functionName: 'reingest', timeoutMs: 600_000 }));
        })
      : undefined;

    const queued = stack.queue.stats().pending;
    if (queued) console.log(`  tagging ${queued} queued document${queued === 1 ? '' : 's'} through the tag handler...`);
    await stack.drained();
    if (reingestOnce) {
      const run = await reingestOnce();
      console.log(`  reingest: ${run.sources} source(s), ${run.new} new, ${run.unchanged} unchanged, ${run.failed} failed, ${run.retagged} re-tagged`);
      await stack.drained();
    }
    const stats = stack.queue.stats();
    console.log(`  tagged: ${stats.deleted} message${stats.deleted === 1 ? '' : 's'} handled, ${stats.redelivered} retried, ${stats.deadLettered} dead-lettered`);

    const retag = await stack.retagStale();
    if (retag.tagged || retag.failed.length) {
      console.log(`  re-tagged ${retag.tagged} stored document${retag.tagged === 1 ? '' : 's'} that an older tagger or tracker had tagged (or none had)`);
      for (const f of retag.failed) console.log(`  could not re-tag ${f.documentId}: ${f.error}`);
    }

    const matrixAnswer = await client.get('/matrix');
    const matrix = MatrixResponseSchema.parse(matrixAnswer.body);
    const busiest = [...matrix.cells].sort((a, b) => b.total - a.total)[0];
    console.log(`\n${renderMatrix(matrix)}\n`);
    console.log(`the API is on ${stack.apiUrl}; try:`);
    console.log(curlCommands(stack.apiUrl, { ...(firstDocument ? { documentId: firstDocument } : {}), ...(busiest ? { actor: busiest.actor, term: busiest.term } : {}) }));
    console.log(`or the CLI: npx stance query matrix${port === 3000 ? '' : ` --api ${stack.apiUrl} (or export STANCE_API=${stack.apiUrl})`}`);
    console.log(`the dashboard: open ${stack.apiUrl}/ in a browser`);

    if (values.once) return 0;
    serving = true;
    if (reingestOnce) {
      console.log(`re-reading ${values.sources} every ${everySeconds} s`);
      reingestLoop = startReingestLoop({
        intervalMs: everySeconds * 1000,
        delayFirstRun: true,
        run: reingestOnce,
        onRun: (run) => console.log(`reingest: ${run.new} new, ${run.unchanged} unchanged, ${run.failed} failed, ${run.retagged} re-tagged`),
        onError: (error) => console.log(`reingest failed: ${(error as Error).message}`),
      });
    }
    console.log(`\nserving on ${stack.apiUrl} until Ctrl-C${values.data ? '' : ' (data in memory: gone on exit; keep it with --data DIR)'}`);
    const signal = await waitForSignal();
    console.log(`\n${signal}: stopping`);
    return 0;
  } finally {
    await reingestLoop?.stop();
    await stack.stop();
  }
}
