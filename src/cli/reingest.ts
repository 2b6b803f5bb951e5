// `stance reingest`: one re-ingestion run against the local stack (or whatever table the
// environment names), with a progress line per source and a summary line.
import { ConfigError, UsageError } from '../errors.js';
import { openReingest, type OpenReingestOptions, type ReingestContext } from '../sources/adapters.js';
import { localPages } from '../sources/pages.js';
import { describeSource, describeSummary, runReingest } from '../sources/run.js';
import { loadSourcesFile } from '../sources/sources-file.js';
import { cliSettings } from '../config.js';
import { applyLocalEnvironment, findLocalState } from '../local/state.js';
import { parseCommandLine } from './args.js';

export const summary = 'read the tracker\'s feeds and pages once, ingest what is new, re-tag stale documents';

export const usage = `usage: stance reingest [--tracker FILE] [--sources FILE] [--retag-limit N] [--timeout-ms MS] [--allow-loopback] [--api URL]

Reads every source once (conditionally: an unchanged feed costs one 304), fetches the
pages of items not seen before, extracts their articles and ingests them through the
same path as POST /documents (duplicates by URL or content are dropped there). Then
re-tags up to N stored documents that an older tagger or tracker version tagged,
resuming where the last run stopped.

  --tracker FILE     the tracker to use (default: the stored tracker named by TRACKER_ID)
  --sources FILE     JSON sources instead of the tracker's own: [{"url", "kind": "feed"|"page", "name"}]
                     or {"sources": [...]}
  --retag-limit N    documents re-tagged in this run (default: RETAG_BATCH_LIMIT, 200)
  --timeout-ms MS    deadline for each fetch (default 15000)
  --allow-loopback   let sources on this machine (127.0.0.1, localhost) be fetched: for a
                     local feed server only. Private, link-local and metadata addresses are
                     always refused.
  --api URL          the running local stack (npm start) to work on (default $STANCE_API,
                     else http://127.0.0.1:3000): its table and queue are found through the
                     state file it leaves in .stance/. With TABLE_NAME set in the environment
                     (and TAG_QUEUE_URL, AWS_REGION) that table is used instead.

Prints one line per source as it finishes and a summary line:
  reingest <tracker>: S source(s), N new, U unchanged, F failed, R re-tagged
Exit status: 0 when every source was read, 1 when at least one failed (the others are
still ingested), 2 for a bad command line.`;

/** With no table named in the environment: the table and queue of the `npm start` serving `apiUrl`. */
async function useLocalStack(apiUrl: string): Promise<void> {
  const state = await findLocalState(cliSettings().stateDir, apiUrl);
  if (!state) {
    const where = URL.canParse(apiUrl) ? new URL(apiUrl).origin : apiUrl;
    throw new ConfigError(`no local stack runs on ${where} (start one with "npm start"); for another table set TABLE_NAME, TAG_QUEUE_URL and AWS_REGION`);
  }
  applyLocalEnvironment(state);
  console.log(`reingest: the local stack on ${state.apiUrl} (table ${state.tableName})`);
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} needs a whole number, not "${value}"`);
  return n;
}

export async function run(args: string[], open: (options: OpenReingestOptions) => Promise<ReingestContext> = openReingest): Promise<number> {
  const { values, positionals } = parseCommandLine('reingest', args, {
    tracker: { type: 'string' },
    sources: { type: 'string' },
    'retag-limit': { type: 'string' },
    'timeout-ms': { type: 'string' },
    'allow-loopback': { type: 'boolean', default: false },
    api: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"; see "stance reingest --help"`);
  const retagLimit = positiveInt(values['retag-limit'], '--retag-limit');
  const timeoutMs = positiveInt(values['timeout-ms'], '--timeout-ms');
  const sources = values.sources ? await loadSourcesFile(values.sources) : undefined;
  // The default opener reads the environment; without a table named there, the local stack's.
  if (open === openReingest && !process.env.TABLE_NAME) await useLocalStack(values.api ?? cliSettings().apiUrl);
  // Pages are read in this process (the deployed function has the article function read them).
  const context = await open({ trackerFile: values.tracker, pages: localPages }).catch((err: unknown) => {
    if (err instanceof ConfigError) {
      throw new ConfigError(`${err.message} (stance reingest works on the table that TABLE_NAME, TAG_QUEUE_URL and the AWS_ENDPOINT_URL_* variables name, as the local stack sets them)`);
    }
    throw err;
  });
  const list = sources ?? context.tracker.sources;
  if (list.length === 0) {
    console.log(`reingest ${context.tracker.id}: the tracker lists no sources (give --sources FILE); re-tagging only`);
  }
  if (values['allow-loopback']) console.log('reingest: --allow-loopback: sources on this machine may be fetched');

  const result = await runReingest(
    context.tracker,
    context.deps,
    {
      fetch: { allowLoopback: values['allow-loopback'], ...(timeoutMs ? { timeoutMs } : {}) },
      retagLimit: retagLimit ?? context.retagLimit,
      onSource: (report) => console.log(describeSource(report)),
    },
    list,
  );
  for (const failure of result.retag.failed) console.log(`re-tag failed${failure.url ? ` for document ${failure.url}` : ""}: ${failure.message}`);
  console.log(describeSummary(result));
  return result.failed > 0 ? 1 : 0;
}
