// The HTTP API's routes, declared once. The CDK stack makes one API Gateway route
// per entry (plus `ANY <path>` and `$default` routes to the owning function, so a
// wrong method gets 405 and an unknown path 404 from our code rather than from API
// Gateway), the local HTTP server routes with `matchRoute`, and the handlers
// dispatch on the event's routeKey (`${method} ${path}`).

export type FunctionName = 'ingest' | 'query';

export interface Route {
  method: 'GET' | 'POST';
  /** API Gateway path syntax: `{name}` is a path parameter. */
  path: string;
  /** The Lambda function that serves it (functions/<name>.ts). */
  handler: FunctionName;
  /** Writes always need IAM authorization; reads do unless the stack opens them. */
  access: 'read' | 'write';
  summary: string;
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/documents', handler: 'ingest', access: 'write', summary: 'Ingest one document or a batch and queue them for tagging' },
  { method: 'GET', path: '/matrix', handler: 'query', access: 'read', summary: 'The actor x term matrix of a tracker' },
  { method: 'GET', path: '/stances', handler: 'query', access: 'read', summary: 'Stance records by actor and/or term in a time window, newest first' },
  { method: 'GET', path: '/documents/{id}', handler: 'query', access: 'read', summary: 'A document and its stance records' },
  { method: 'GET', path: '/trackers/{id}', handler: 'query', access: 'read', summary: 'A tracker (codebook)' },
  { method: 'GET', path: '/openapi.json', handler: 'query', access: 'read', summary: 'This API described in OpenAPI 3.1' },
  { method: 'GET', path: '/documents', handler: 'query', access: 'read', summary: "A tracker's documents in a time window, newest first" },
  { method: 'GET', path: '/alignment', handler: 'query', access: 'read', summary: 'Who sides with whom: for each pair of actors, how often they take the same stance on the same term' },
  { method: 'GET', path: '/changes', handler: 'query', access: 'read', summary: 'Cells whose latest stance differs from the one before' },
  { method: 'GET', path: '/export/records.csv', handler: 'query', access: 'read', summary: 'Stance records as a discourse-network statement table (CSV), paged by cursor' },
  { method: 'GET', path: '/export/network.graphml', handler: 'query', access: 'read', summary: 'The actor-term or the actor congruence network as GraphML' },
  { method: 'GET', path: '/', handler: 'query', access: 'read', summary: 'The dashboard (HTML)' },
  { method: 'GET', path: '/dashboard.js', handler: 'query', access: 'read', summary: "The dashboard's script" },
];

export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; pathParameters: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: Route['method'][] }
  | { kind: 'not-found' };

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (!g) return undefined;
      // A segment that is not valid percent-encoding names nothing: a 404, not a crash.
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

/** Routes a request the way API Gateway does with the routes above. */
export function matchRoute(method: string, path: string): RouteMatch {
  const allowed: Route['method'][] = [];
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method === method.toUpperCase()) return { kind: 'found', route, pathParameters: params };
    allowed.push(route.method);
  }
  return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
}
