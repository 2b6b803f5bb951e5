// `stance export --format csv|graphml`: the statement table or a network, from the local
// server or a deployed API, on standard output (progress on standard error in a terminal).
import { MatrixResponseSchema } from '../api/schemas.js';
import { ApiClient, DEFAULT_API_URL } from '../client/api.js';
import { cliSettings } from '../config.js';
import { ApiError, UsageError } from '../errors.js';
import { parseCommandLine } from './args.js';
import { startProgress } from './progress.js';

export const summary = 'export stance records as CSV (a statement table) or a network as GraphML';

export const usage = `usage: stance export --format csv|graphml [options] > FILE

  --format csv            one row per stance record, in the column order of a discourse-network
                          statement table: actor, concept, agreement (1 support, -1 oppose,
                          0 mixed), date, text (the first evidence sentence), then stance,
                          confidence, document, url, title, cue, start, end
  --format graphml        a network for Gephi, networkx, R (igraph) or visone:
  --network actor-term    actors and terms, one edge per pair with agreement = (support - oppose)
                          / records and the counts (default)
  --network congruence    actors only, one edge per pair that took the same stance on the same
                          term, weighted by how many (term, stance) they share

options:
  --from DATE, --to DATE  only records published in this window (2025-11-20 or a date-time)
  --tracker ID            the tracker (default: the API's default tracker)
  --page-size N           records per request for csv (1 to 5000, default 1000)
  --api URL               the API (default $STANCE_API, else ${DEFAULT_API_URL}); an https URL is signed with SigV4
  --region R, --no-sign   signing region when the URL does not say it; or no signing

GET /export/records.csv pages are joined into one file with one header row.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine('export', args, {
    format: { type: 'string' },
    network: { type: 'string', default: 'actor-term' },
    from: { type: 'string' },
    to: { type: 'string' },
    tracker: { type: 'string' },
    'page-size': { type: 'string', default: '1000' },
    api: { type: 'string', default: cliSettings().apiUrl },
    region: { type: 'string' },
    'no-sign': { type: 'boolean', default: false },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"; write the file with a redirection: stance export --format csv > records.csv`);
  if (values.format !== 'csv' && values.format !== 'graphml') throw new UsageError(`--format must be csv or graphml${values.format ? `, not "${values.format}"` : ''} (see "stance export --help")`);
  if (values.network !== 'actor-term' && values.network !== 'congruence') throw new UsageError(`--network must be actor-term or congruence, not "${values.network}"`);
  if (!/^\d+$/.test(values['page-size']) || Number(values['page-size']) < 1 || Number(values['page-size']) > 5000) throw new UsageError(`--page-size must be a number from 1 to 5000, not "${values['page-size']}"`);

  const client = new ApiClient(values.api, { ...(values['no-sign'] ? { sign: false } : {}), ...(values.region ? { region: values.region } : {}) });
  const window = { tracker: values.tracker, from: values.from, to: values.to };

  if (values.format === 'graphml') {
    const answer = await client.get('/export/network.graphml', { ...window, network: values.network });
    if (typeof answer.body !== 'string') throw new ApiError('GET /export/network.graphml did not answer GraphML', client.urlOf('/export/network.graphml').href, answer.status);
    process.stdout.write(answer.body);
    return 0;
  }

  // Over all time the matrix knows how many records there are: a bar with a total. In a window, a count.
  let total = 0;
  if (!values.from && !values.to) {
    const matrix = MatrixResponseSchema.safeParse((await client.get('/matrix', { tracker: values.tracker })).body);
    if (matrix.success) total = matrix.data.cells.reduce((n, c) => n + c.total, 0);
  }
  const progress = startProgress('exporting', total, 'records');
  let cursor: string | undefined;
  let rows = 0;
  try {
    do {
      const answer = await client.get('/export/records.csv', { ...window, limit: values['page-size'], cursor });
      const text = typeof answer.body === 'string' ? answer.body : '';
      const lines = text.split('\r\n');
      if (!lines[0]?.startsWith('actor,concept,agreement,date,text')) throw new ApiError('GET /export/records.csv did not answer the statement table', client.urlOf('/export/records.csv').href, answer.status);
      // Every page has its header row; the file keeps the first only.
      const body = rows === 0 && !cursor ? text : lines.slice(1).join('\r\n');
      process.stdout.write(body);
      const count = countRows(text) - 1;
      rows += count;
      progress.advance(count);
      cursor = answer.headers?.get('x-next-cursor') ?? undefined;
    } while (cursor);
  } finally {
    progress.stop();
  }
  if (progress.active) console.error(`exported ${rows} records`);
  return 0;
}

/** Rows of a CSV text: line ends outside quoted fields. */
function countRows(text: string): number {
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) rows++;
  }
  return rows;
}
