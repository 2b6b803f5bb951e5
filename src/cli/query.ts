// `stance query ...`: reads the HTTP API (local server or deployed) and prints tables or JSON.
import type { z } from 'zod';
import { DocumentResponseSchema, MatrixResponseSchema, StancesResponseSchema, TrackerResponseSchema } from '../api/schemas.js';
import { ApiClient, DEFAULT_API_URL, type ApiAnswer } from '../client/api.js';
import { renderDocument, renderMatrix, renderStancesPage, renderTracker } from '../client/render.js';
import { ApiError, UsageError } from '../errors.js';
import { cliSettings } from '../config.js';
import { didYouMean } from '../suggest.js';
import { parseCommandLine } from './args.js';

export const summary = 'read the matrix, stance records, a document, a tracker or the OpenAPI document';

export const usage = `usage: stance query WHAT [options]

  matrix                      the actor x term matrix          GET /matrix
  stances --actor A --term T  stance records, newest first      GET /stances
  document ID                 a document and its records        GET /documents/ID
  tracker [ID]                a tracker (default: the API's)    GET /trackers/ID
  openapi                     the API described in OpenAPI      GET /openapi.json

options:
  --tracker ID                the tracker (default: the API's default tracker)
  --actor ID, --term ID       for stances: one or both
  --from DATE, --to DATE      for stances: a window of published dates (2025-11-20 or a date-time)
  --limit N, --cursor C       for stances: page size (1 to 100) and the cursor of the next page
  --format F                  table (default) or json (the API's answer as it is)
  --api URL                   the API (default $STANCE_API, else ${DEFAULT_API_URL});
                              an https URL is signed with SigV4
  --region R, --no-sign       signing region when the URL does not say it; or no signing`;

const WHAT = ['matrix', 'stances', 'document', 'tracker', 'openapi'] as const;

function parseAnswer<T>(schema: z.ZodType<T>, answer: ApiAnswer, client: ApiClient, path: string): T {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new ApiError(`${path} answered with a body this CLI does not understand (${parsed.error.issues[0]?.message})`, client.urlOf(path).href, answer.status);
  return parsed.data;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandLine('query', args, {
    api: { type: 'string', default: cliSettings().apiUrl },
    tracker: { type: 'string' },
    actor: { type: 'string' },
    term: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    cursor: { type: 'string' },
    format: { type: 'string', default: 'table' },
    region: { type: 'string' },
    'no-sign': { type: 'boolean', default: false },
  });
  const { values, positionals } = parsed;
  const [what, id, ...extra] = positionals;
  if (!what) throw new UsageError(`say what to query: ${WHAT.join(', ')} (see "stance query --help")`);
  if (!(WHAT as readonly string[]).includes(what)) {
    const hint = didYouMean(what, WHAT);
    throw new UsageError(`unknown query "${what}"${hint ? `${hint} Say` : '; say'} what to query: ${WHAT.join(', ')}`);
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format must be table or json, not "${values.format}"`);
  if (id && what !== 'document' && what !== 'tracker') throw new UsageError(`query ${what} takes no ID argument (got "${id}")`);

  const client = new ApiClient(values.api, { ...(values['no-sign'] ? { sign: false } : {}), ...(values.region ? { region: values.region } : {}) });
  const json = values.format === 'json';
  const print = (body: unknown, table: () => string) => console.log(json ? JSON.stringify(body, null, 2) : table());

  switch (what) {
    case 'matrix': {
      const answer = await client.get('/matrix', { tracker: values.tracker });
      print(answer.body, () => renderMatrix(parseAnswer(MatrixResponseSchema, answer, client, '/matrix')));
      return 0;
    }
    case 'stances': {
      if (!values.actor && !values.term) throw new UsageError('query stances needs --actor, --term or both');
      const answer = await client.get('/stances', {
        tracker: values.tracker,
        actor: values.actor,
        term: values.term,
        from: values.from,
        to: values.to,
        limit: values.limit,
        cursor: values.cursor,
      });
      print(answer.body, () => renderStancesPage(parseAnswer(StancesResponseSchema, answer, client, '/stances')));
      return 0;
    }
    case 'document': {
      if (!id) throw new UsageError('query document needs the document id: stance query document ID');
      const path = `/documents/${encodeURIComponent(id)}`;
      const answer = await client.get(path);
      print(answer.body, () => renderDocument(parseAnswer(DocumentResponseSchema, answer, client, path)));
      return 0;
    }
    case 'tracker': {
      let tracker = id ?? values.tracker;
      if (!tracker) {
        // The API's default tracker is the one its matrix shows.
        const matrix = await client.get('/matrix');
        tracker = parseAnswer(MatrixResponseSchema, matrix, client, '/matrix').tracker.id;
      }
      const path = `/trackers/${encodeURIComponent(tracker)}`;
      const answer = await client.get(path);
      print(answer.body, () => renderTracker(parseAnswer(TrackerResponseSchema, answer, client, path)));
      return 0;
    }
    default: {
      const answer = await client.get('/openapi.json');
      console.log(JSON.stringify(answer.body, null, 2));
      return 0;
    }
  }
}
