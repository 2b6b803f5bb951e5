// `stance ingest FILE...|DIR`: sends documents to the local server or a deployed API.
import { ApiClient, DEFAULT_API_URL } from '../client/api.js';
import { readDocuments } from '../client/documents.js';
import { ingestFiles, type IngestOutcome } from '../client/ingest.js';
import { UsageError } from '../errors.js';
import { cliSettings } from '../config.js';
import { parseCommandLine } from './args.js';
import { startProgress } from './progress.js';

export const summary = 'send documents (files or a directory) to the HTTP API for tagging';

export const usage = `usage: stance ingest FILE...|DIR [options]

Sends documents to POST /documents of the local server (npm start) or a deployed API,
in batches of at most 25, and prints each document's id and whether it was new.
  .txt, .md   one document: title = first line, text = the whole file,
              publishedAt = the file's modification time; a manifest.json beside
              it ({"documents": [{"document": "a.txt", "title", "url", "publishedAt"}]},
              as in seeds/) gives the real title, URL and publication date
  .json       one document object or a list of them, as the API takes them:
              {"text": "...", "title": "...", "url": "https://...", "publishedAt": "2025-11-20",
               "source": "...", "tracker": "..."}
  DIR         its .txt, .md and .json files (a tracker file in it is skipped)

options:
  --api URL        the API (default $STANCE_API, else ${DEFAULT_API_URL});
                   an https URL is signed with SigV4
  --tracker ID     tag the documents with this tracker (default: the API's default tracker)
  --format F       table (default) or json
  --region R       AWS region for signing, when the URL does not say it
  --no-sign        do not sign requests to an https URL`;

function line(outcome: IngestOutcome): string {
  if (!outcome.ok) return `failed     ${outcome.source}: ${outcome.error}`;
  const note = outcome.queued || outcome.status === 'duplicate' ? '' : '  (stored, not queued: the next re-tag run tags it)';
  return `${outcome.status.padEnd(10)} ${outcome.id}  ${outcome.source}${note}`;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandLine('ingest', args, {
    api: { type: 'string', default: cliSettings().apiUrl },
    tracker: { type: 'string' },
    format: { type: 'string', default: 'table' },
    region: { type: 'string' },
    'no-sign': { type: 'boolean', default: false },
  });
  const { values, positionals } = parsed;
  if (!positionals.length) throw new UsageError('name at least one file or directory: stance ingest FILE...|DIR (see "stance ingest --help")');
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format must be table or json, not "${values.format}"`);

  const client = new ApiClient(values.api, { ...(values['no-sign'] ? { sign: false } : {}), ...(values.region ? { region: values.region } : {}) });
  const { documents, skipped } = await readDocuments(positionals);
  const table = values.format === 'table';
  for (const skip of skipped) console.error(`skipped    ${skip.file}: ${skip.reason}`);
  if (table) console.log(`sending ${documents.length} document${documents.length === 1 ? '' : 's'} to ${client.baseUrl.origin}`);

  const progress = startProgress('ingesting', documents.length, 'documents');
  const outcomes = await ingestFiles(client, documents, {
    ...(values.tracker ? { tracker: values.tracker } : {}),
    onOutcome: (outcome) => {
      progress.advance();
      if (table) (outcome.ok ? progress.log : console.error)(line(outcome));
    },
  }).finally(() => progress.stop());

  const count = (status: string) => outcomes.filter((o) => o.ok && o.status === status).length;
  const failed = outcomes.filter((o) => !o.ok).length;
  if (table) {
    console.log(`${outcomes.length} documents: ${count('created')} created, ${count('updated')} updated, ${count('duplicate')} duplicates, ${failed} failed`);
  } else {
    console.log(JSON.stringify(outcomes, null, 2));
  }
  return failed ? 1 : 0;
}
