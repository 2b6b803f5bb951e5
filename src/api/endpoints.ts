// What each HTTP route does, as functions of a store: the handlers in functions/ only
// wire these to the Lambda runtime. Input is validated with the schemas in schemas.ts.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { ingestDocuments, MAX_BODY_BYTES, type IngestDeps, type IngestResult } from '../pipeline/ingest.js';
import type { DynamoStore, StoredRecord } from '../store/store.js';
import { json, readJsonBody, type HttpResponse, type RouteHandler } from './http.js';
import { openApiDocument } from './openapi.js';
import { DocumentResponseSchema, IdPathSchema, MatrixQuerySchema, StancesQuerySchema } from './schemas.js';

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new ValidationError(issue.message, `${where}${path}`);
}

function recordView(r: StoredRecord) {
  const { tracker: _tracker, ...view } = r;
  return view;
}

/** An unknown actor or term is a mistake to name, not an empty answer: 400 with the known ids. */
async function requireKnownIds(store: DynamoStore, trackerId: string, q: { actor?: string | undefined; term?: string | undefined }): Promise<void> {
  const { tracker } = await store.requireTracker(trackerId);
  const check = (kind: 'actor' | 'term', id: string | undefined, known: string[]) => {
    if (id === undefined || known.includes(id)) return;
    const hint = didYouMean(id, known);
    throw new ValidationError(`no ${kind} "${id}" in tracker ${tracker.id}${hint}${hint ? ' The' : '; the'} ${kind}s are ${known.join(', ')}`, `query.${kind}`);
  };
  check('actor', q.actor, tracker.actors.map((a) => a.id));
  check('term', q.term, tracker.terms.map((t) => t.id));
}

/** `observe` sees every ingest's results (the Lambda function counts them as metrics). */
export function ingestRoutes(deps: IngestDeps, observe: (results: IngestResult[]) => void = () => {}): Record<string, RouteHandler> {
  return {
    'POST /documents': async (event) => {
      const body = readJsonBody(event, MAX_BODY_BYTES);
      // IngestRequestSchema documents the two shapes; errors name `documents[i].field` for both.
      let inputs: unknown[] = [body];
      if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'documents' in body) {
        const { documents, ...rest } = body as { documents: unknown };
        if (!Array.isArray(documents)) throw new ValidationError('must be an array of documents', 'body.documents');
        const extra = Object.keys(rest)[0];
        if (extra) throw new ValidationError('unknown field next to "documents"', `body.${extra}`);
        inputs = documents;
      } else if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ValidationError('must be a document object or {"documents": [...]}', 'body');
      }
      const results = await ingestDocuments(inputs, deps);
      observe(results);
      return json(202, {
        documents: results,
        ids: results.map((r) => r.id),
        duplicates: results.filter((r) => r.duplicate).map((r) => r.id),
        notQueued: results.filter((r) => !r.duplicate && !r.queued).map((r) => r.id),
      });
    },
  };
}

export function queryRoutes(deps: { store: DynamoStore; defaultTracker: string }): Record<string, RouteHandler> {
  const query = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};
  return {
    'GET /matrix': async (event) => {
      const q = parse(MatrixQuerySchema, query(event), 'query');
      const { tracker, version, cells } = await deps.store.getMatrix(q.tracker ?? deps.defaultTracker);
      return json(200, {
        tracker: { id: tracker.id, title: tracker.title, version },
        actors: tracker.actors.map((a) => ({ id: a.id, name: a.name })),
        terms: tracker.terms.map((t) => ({ id: t.id, name: t.name })),
        cells,
      });
    },
    'GET /stances': async (event) => {
      const q = parse(StancesQuerySchema, query(event), 'query');
      const tracker = q.tracker ?? deps.defaultTracker;
      const page = await deps.store.queryStances({ ...q, tracker });
      // Records prove their actor and term exist; only an empty page costs a look at the tracker.
      if (page.items.length === 0 && !q.cursor) await requireKnownIds(deps.store, tracker, q);
      return json(200, { items: page.items.map(recordView), ...(page.cursor ? { cursor: page.cursor } : {}) });
    },
    'GET /documents/{id}': async (_event, params): Promise<HttpResponse> => {
      const { id } = parse(IdPathSchema, params, 'path');
      const found = await deps.store.getDocument(id);
      if (!found) throw new NotFoundError(`no document "${id}"`);
      // Parsing with the published schema keeps bookkeeping attributes out of the answer.
      return json(200, DocumentResponseSchema.parse({ ...found.document, records: found.records.map(recordView) }));
    },
    'GET /trackers/{id}': async (_event, params) => {
      const { id } = parse(IdPathSchema, params, 'path');
      const found = await deps.store.getTracker(id);
      if (!found) throw new NotFoundError(`no tracker "${id}"`);
      return json(200, { version: found.version, tracker: found.tracker });
    },
    'GET /openapi.json': async () => json(200, openApiDocument()),
  };
}
