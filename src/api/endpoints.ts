// What each HTTP route does, as functions of a store: the handlers in functions/ only
// wire these to the Lambda runtime. Input is validated with the schemas in schemas.ts.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { ingestDocuments, MAX_BODY_BYTES, type IngestDeps, type IngestResult } from '../pipeline/ingest.js';
import { alignment } from '../core/analysis.js';
import { actorTermGraphml, congruenceGraphml, recordsCsv } from '../core/exports.js';
import { DASHBOARD_PAGE_HEADERS, dashboardPage, dashboardScript } from '../dashboard/assets.js';
import type { BrowseReads } from '../store/browse.js';
import type { StoredRecord } from '../store/model.js';
import type { QueryStore } from '../store/ports.js';
import { json, readJsonBody, type HttpResponse, type RouteHandler } from './http.js';
import { openApiDocument } from './openapi.js';
import {
  AlignmentQuerySchema,
  ChangesQuerySchema,
  DocumentResponseSchema,
  DocumentsQuerySchema,
  DocumentSummaryViewSchema,
  IdPathSchema,
  MatrixQuerySchema,
  NetworkQuerySchema,
  RecordsCsvQuerySchema,
  StancesQuerySchema,
} from './schemas.js';

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
async function requireKnownIds(store: QueryStore, trackerId: string, q: { actor?: string | undefined; term?: string | undefined }): Promise<void> {
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

function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body };
}

function checkWindow(q: { from?: string | undefined; to?: string | undefined }): void {
  if (q.from && q.to && q.from > q.to) throw new ValidationError('"from" is after "to"', 'query.from');
}

/** `browse` serves the analyst's reads (documents listing, alignment, changes, exports). */
export function queryRoutes(deps: { store: QueryStore; defaultTracker: string; browse?: BrowseReads }): Record<string, RouteHandler> {
  const query = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};
  const browse = (): BrowseReads => {
    if (!deps.browse) throw new Error('the query routes were built without the browse reads');
    return deps.browse;
  };
  /** The tracker, its cells, and every record of the window (one Query, then one per term that has records). */
  const windowRecords = async (q: { tracker?: string | undefined; from?: string | undefined; to?: string | undefined }) => {
    checkWindow(q);
    const matrix = await deps.store.getMatrix(q.tracker ?? deps.defaultTracker);
    const terms = matrix.tracker.terms.map((t) => t.id).filter((id) => matrix.cells.some((c) => c.term === id));
    const records = terms.length ? await browse().recordsInWindow(matrix.tracker.id, terms, q) : [];
    return { ...matrix, records };
  };
  const names = (tracker: { actors: Array<{ id: string; name: string }>; terms: Array<{ id: string; name: string }> }) => ({
    actors: tracker.actors.map((a) => ({ id: a.id, name: a.name })),
    terms: tracker.terms.map((t) => ({ id: t.id, name: t.name })),
  });
  return {
    'GET /': async () =>
      // Everything comes from this origin: the page can load nothing from anywhere else.
      text(200, dashboardPage(), 'text/html; charset=utf-8', { ...DASHBOARD_PAGE_HEADERS }),
    'GET /dashboard.js': async () =>
      text(200, await dashboardScript(), 'text/javascript; charset=utf-8', { 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' }),
    'GET /documents': async (event) => {
      const q = parse(DocumentsQuerySchema, query(event), 'query');
      checkWindow(q);
      const page = await browse().listDocuments({ ...q, tracker: q.tracker ?? deps.defaultTracker });
      return json(200, { items: page.items.map((d) => DocumentSummaryViewSchema.parse(d)), ...(page.cursor ? { cursor: page.cursor } : {}) });
    },
    'GET /alignment': async (event) => {
      const q = parse(AlignmentQuerySchema, query(event), 'query');
      const { tracker, version, records } = await windowRecords(q);
      return json(200, {
        tracker: { id: tracker.id, title: tracker.title, version },
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...names(tracker),
        records: records.length,
        pairs: alignment(records, tracker.actors.map((a) => a.id), q),
      });
    },
    'GET /changes': async (event) => {
      const q = parse(ChangesQuerySchema, query(event), 'query');
      checkWindow(q);
      const page = await browse().changesPage({ ...q, tracker: q.tracker ?? deps.defaultTracker });
      return json(200, page);
    },
    'GET /export/records.csv': async (event) => {
      const q = parse(RecordsCsvQuerySchema, query(event), 'query');
      checkWindow(q);
      const found = await deps.store.getTracker(q.tracker ?? deps.defaultTracker);
      if (!found) throw new NotFoundError(`no tracker "${q.tracker ?? deps.defaultTracker}"`);
      const page = await browse().recordsPage({ ...q, tracker: found.tracker.id, terms: found.tracker.terms.map((t) => t.id) });
      const headers: Record<string, string> = { 'content-disposition': `attachment; filename="${found.tracker.id}-records.csv"` };
      if (page.cursor) {
        const next = new URLSearchParams({ ...(query(event) as Record<string, string>), cursor: page.cursor });
        headers['x-next-cursor'] = page.cursor;
        headers.link = `<${event.rawPath ?? '/export/records.csv'}?${next}>; rel="next"`;
      }
      return text(200, recordsCsv(page.items), 'text/csv; charset=utf-8; header=present', headers);
    },
    'GET /export/network.graphml': async (event) => {
      const q = parse(NetworkQuerySchema, query(event), 'query');
      const { tracker, records } = await windowRecords(q);
      const graph = q.network === 'congruence' ? congruenceGraphml(records, names(tracker), q) : actorTermGraphml(records, names(tracker), q);
      return text(200, graph, 'application/graphml+xml; charset=utf-8', { 'content-disposition': `attachment; filename="${tracker.id}-${q.network}.graphml"` });
    },
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
