// The OpenAPI 3.1 document, generated from the zod schemas the handlers validate with.
import * as z from 'zod';
import { ROUTES, type Route } from './routes.js';
import {
  AlignmentQuerySchema,
  AlignmentResponseSchema,
  ChangesQuerySchema,
  ChangesResponseSchema,
  DocumentsQuerySchema,
  DocumentsResponseSchema,
  NetworkQuerySchema,
  RecordsCsvQuerySchema,
  DocumentResponseSchema,
  ErrorBodySchema,
  IngestRequestSchema,
  IngestResponseSchema,
  MatrixQuerySchema,
  MatrixResponseSchema,
  StancesQuerySchema,
  StancesResponseSchema,
  TrackerResponseSchema,
} from './schemas.js';

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParameters(s: z.ZodType) {
  const json = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const ok = (status: string, description: string, ref: string) => ({ [status]: { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const operations: Record<string, Record<string, unknown>> = {
  'POST /documents': {
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestRequest' } } } },
    responses: { ...ok('202', 'Stored and queued for tagging', 'IngestResponse'), '413': errorResponse('Body over 1 MB, more than 25 documents, or a text too long to store'), '415': errorResponse('Body is not JSON') },
  },
  'GET /matrix': { parameters: queryParameters(MatrixQuerySchema), responses: { ...ok('200', 'The actor x term matrix', 'Matrix'), '404': errorResponse('Unknown tracker') } },
  'GET /stances': {
    parameters: queryParameters(StancesQuerySchema),
    responses: { ...ok('200', 'A page of stance records, newest first', 'Stances'), '404': errorResponse('Unknown tracker (an unknown actor or term is a 400 naming the known ids)') },
  },
  'GET /documents/{id}': { parameters: [idParameter], responses: { ...ok('200', 'The document and its records', 'Document'), '404': errorResponse('Unknown document') } },
  'GET /trackers/{id}': { parameters: [idParameter], responses: { ...ok('200', 'The tracker (codebook)', 'Tracker'), '404': errorResponse('Unknown tracker') } },
  'GET /openapi.json': { responses: { '200': { description: 'This document', content: { 'application/json': {} } } } },
  'GET /documents': { parameters: queryParameters(DocumentsQuerySchema), responses: ok('200', 'A page of documents (without their texts), newest first', 'Documents') },
  'GET /alignment': {
    parameters: queryParameters(AlignmentQuerySchema),
    responses: { ...ok('200', 'Every pair of actors that took a stance on a common term in the window', 'Alignment'), '404': errorResponse('Unknown tracker') },
  },
  'GET /changes': { parameters: queryParameters(ChangesQuerySchema), responses: ok('200', 'A page of cells whose latest stance differs from the one before, newest change first', 'Changes') },
  'GET /export/records.csv': {
    parameters: queryParameters(RecordsCsvQuerySchema),
    responses: {
      '200': {
        description:
          'One row per stance record: actor, concept, agreement (1 support, -1 oppose, 0 mixed), date, text (the first evidence sentence), stance, confidence, document, url, title, cue, start, end. Every page has the header row; the next page is in x-next-cursor and Link (rel="next").',
        headers: { 'x-next-cursor': { schema: { type: 'string' }, description: 'Absent on the last page' }, link: { schema: { type: 'string' } } },
        content: { 'text/csv': { schema: { type: 'string' } } },
      },
      '404': errorResponse('Unknown tracker'),
    },
  },
  'GET /export/network.graphml': {
    parameters: queryParameters(NetworkQuerySchema),
    responses: {
      '200': {
        description: 'network=actor-term: actors and terms, one edge per pair with agreement = (support - oppose) / records and the counts; network=congruence: actors, one edge per pair sharing a (term, stance), weight = how many',
        content: { 'application/graphml+xml': { schema: { type: 'string' } } },
      },
      '404': errorResponse('Unknown tracker'),
    },
  },
  'GET /': { responses: { '200': { description: 'The dashboard page', content: { 'text/html': { schema: { type: 'string' } } } } } },
  'GET /dashboard.js': { responses: { '200': { description: "The dashboard's script", content: { 'text/javascript': { schema: { type: 'string' } } } } } },
};

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES as readonly Route[]) {
    const key = `${route.method} ${route.path}`;
    const op = operations[key] ?? { responses: { '200': { description: 'OK' } } };
    const responses = { ...(op.responses as object), '400': errorResponse('Invalid input: `where` names the field'), '405': errorResponse('Method not allowed (see Allow)') };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = { summary: route.summary, ...op, responses };
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'stance tracker', version: '1.0.0', description: 'Where each actor stands on each term of a negotiation, with the evidence sentences.' },
    paths,
    components: {
      schemas: {
        IngestRequest: schema(IngestRequestSchema, 'input'),
        IngestResponse: schema(IngestResponseSchema),
        Matrix: schema(MatrixResponseSchema),
        Stances: schema(StancesResponseSchema),
        Document: schema(DocumentResponseSchema),
        Tracker: schema(TrackerResponseSchema),
        Documents: schema(DocumentsResponseSchema),
        Alignment: schema(AlignmentResponseSchema),
        Changes: schema(ChangesResponseSchema),
        Error: schema(ErrorBodySchema),
      },
    },
  };
  return cached;
}
