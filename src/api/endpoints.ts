// What each HTTP route does, as functions of a store: the handlers in functions/ only
// wire these to the Lambda runtime. Input is validated with the schemas in schemas.ts.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.js';
import { ingestDocuments, MAX_BODY_BYTES, type IngestDeps, type IngestResult } from '../pipeline/ingest.js';
import type { StoredRecord } from '../store/model.js';
import type { QueryStore } from '../store/ports.js';
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

export function queryRoutes(deps: { store: QueryStore; defaultTracker: string }): Record<string, RouteHandler> {
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
      const page = await deps.store.queryStances({ ...q, tracker: q.tracker ?? deps.defaultTracker });
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
