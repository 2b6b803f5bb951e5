// Files for discourse-network tools (Discourse Network Analyzer, Gephi, networkx, R):
// a statement table as CSV and two networks as GraphML. Pure: strings in, strings out.
import { alignment, inWindow, netStance, type AlignmentPair, type TimeWindow } from './analysis.js';
import type { Evidence } from './records.js';
import type { Stance } from './tracker.js';

/** A stance record as the exports read it (a stored record has these fields). */
export interface ExportRecord {
  document: string;
  actor: string;
  term: string;
  stance: Stance;
  confidence: number;
  publishedAt: string;
  title?: string | undefined;
  url?: string | undefined;
  evidence: Evidence[];
}

/**
 * The statement table's columns: DNA's actor, concept, agreement, date, text first, then the
 * rest. `agreement` is DNA's integer qualifier: 1 support, -1 oppose, 0 mixed.
 */
export const CSV_COLUMNS = ['actor', 'concept', 'agreement', 'date', 'text', 'stance', 'confidence', 'document', 'url', 'title', 'cue', 'start', 'end'] as const;

export const AGREEMENT: Record<Stance, number> = { support: 1, oppose: -1, mixed: 0 };

/**
 * A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)" in a page's title, a sentence
 * that starts with "-" or "@"): the texts come from pages anyone can write. Such a cell gets one
 * leading apostrophe, which spreadsheets hide and read as "this is text" (OWASP's CSV injection
 * advice). Cells that already start with apostrophes before such a character get one more, so
 * parseCsv can take exactly one off and every text reads back as it was.
 */
// Quote marks in these patterns are escapes (\x27, \x22): a reader of the source that scans for strings does not take them for one.
const FORMULA_START = /^\x27*[=+\-@\t\r]/;
const GUARDED = /^\x27+[=+\-@\t\r]/;
/** A quote (\x22), comma or line break: the field is quoted. */
const NEEDS_QUOTES = /[\x22,\r\n]/;

function csvField(value: string | number | undefined): string {
  if (typeof value === 'number') return String(value);
  const raw = value ?? '';
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(r: ExportRecord): string {
  const first = r.evidence[0];
  const values = [r.actor, r.term, AGREEMENT[r.stance], r.publishedAt, first?.sentence, r.stance, r.confidence, r.document, r.url, r.title, first?.cue, first?.start, first?.end];
  return values.map(csvField).join(',');
}

export const CSV_HEADER = CSV_COLUMNS.join(',');

/** RFC 4180 text, CRLF line ends; `header: false` for the pages after the first. */
export function recordsCsv(records: readonly ExportRecord[], options: { header?: boolean } = {}): string {
  const lines = options.header === false ? [] : [CSV_HEADER];
  for (const r of records) lines.push(csvRow(r));
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

const unguarded = (cell: string): string => (GUARDED.test(cell) ? cell.slice(1) : cell);

/** Reads back what recordsCsv writes (quoted fields, doubled quotes, line breaks in quotes, the formula guard). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(unguarded(field));
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(unguarded(field));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(unguarded(field));
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------- GraphML

const xml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

type KeyType = 'string' | 'int' | 'double';
interface Key {
  id: string;
  for: 'node' | 'edge' | 'graph';
  name: string;
  type: KeyType;
}

function graphml(options: {
  id: string;
  directed: boolean;
  description: string;
  keys: Key[];
  nodes: Array<{ id: string; data: Record<string, string | number> }>;
  edges: Array<{ source: string; target: string; data: Record<string, string | number> }>;
}): string {
  const data = (values: Record<string, string | number>, indent: string) =>
    Object.entries(values)
      .map(([key, value]) => `${indent}<data key="${xml(key)}">${xml(String(value))}</data>`)
      .join('\n');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    `  <!-- ${xml(options.description).replace(/--/g, '- -')} -->`,
    ...options.keys.map((k) => `  <key id="${k.id}" for="${k.for}" attr.name="${k.name}" attr.type="${k.type}"/>`),
    `  <graph id="${xml(options.id)}" edgedefault="${options.directed ? 'directed' : 'undirected'}">`,
  ];
  for (const node of options.nodes) lines.push(`    <node id="${xml(node.id)}">`, data(node.data, '      '), '    </node>');
  options.edges.forEach((edge, i) => {
    lines.push(`    <edge id="e${i}" source="${xml(edge.source)}" target="${xml(edge.target)}">`, data(edge.data, '      '), '    </edge>');
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

export interface NetworkNames {
  actors: ReadonlyArray<{ id: string; name: string }>;
  terms: ReadonlyArray<{ id: string; name: string }>;
}

/**
 * The two-mode actor-term network: one node per actor and term that has a record in the
 * window (node ids `actor:<id>` and `term:<id>`), one edge per actor-term pair with its record
 * counts, `agreement` = (support - oppose) / records in [-1, 1], and the latest stance.
 */
export function actorTermGraphml(records: readonly ExportRecord[], names: NetworkNames, window: TimeWindow = {}): string {
  const cells = new Map<string, { actor: string; term: string; support: number; oppose: number; mixed: number; total: number; latest: { at: string; document: string; stance: Stance } }>();
  for (const r of records) {
    if (!inWindow(r.publishedAt, window)) continue;
    const key = `${r.actor}\u0000${r.term}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { actor: r.actor, term: r.term, support: 0, oppose: 0, mixed: 0, total: 0, latest: { at: r.publishedAt, document: r.document, stance: r.stance } }));
    cell[r.stance]++;
    cell.total++;
    if (r.publishedAt > cell.latest.at || (r.publishedAt === cell.latest.at && r.document > cell.latest.document)) cell.latest = { at: r.publishedAt, document: r.document, stance: r.stance };
  }
  const present = { actors: new Set([...cells.values()].map((c) => c.actor)), terms: new Set([...cells.values()].map((c) => c.term)) };
  const order = (list: ReadonlyArray<{ id: string }>) => new Map(list.map((x, i) => [x.id, i]));
  const actorRank = order(names.actors);
  const termRank = order(names.terms);
  const edges = [...cells.values()].sort(
    (x, y) => (actorRank.get(x.actor) ?? 1e9) - (actorRank.get(y.actor) ?? 1e9) || (termRank.get(x.term) ?? 1e9) - (termRank.get(y.term) ?? 1e9),
  );
  const nodeList = (kind: 'actor' | 'term', list: ReadonlyArray<{ id: string; name: string }>, ids: Set<string>) => {
    const known = list.filter((x) => ids.has(x.id));
    const unknown = [...ids].filter((id) => !list.some((x) => x.id === id)).sort().map((id) => ({ id, name: id }));
    return [...known, ...unknown].map((x) => ({ id: `${kind}:${x.id}`, data: { label: x.name, kind, code: x.id } }));
  };
  return graphml({
    id: 'actor-term',
    directed: false,
    description: 'stance tracker: actor-term network; edge agreement = (support - oppose) / records, in [-1, 1]',
    keys: [
      { id: 'label', for: 'node', name: 'label', type: 'string' },
      { id: 'kind', for: 'node', name: 'kind', type: 'string' },
      { id: 'code', for: 'node', name: 'code', type: 'string' },
      { id: 'agreement', for: 'edge', name: 'agreement', type: 'double' },
      { id: 'weight', for: 'edge', name: 'weight', type: 'int' },
      { id: 'support', for: 'edge', name: 'support', type: 'int' },
      { id: 'oppose', for: 'edge', name: 'oppose', type: 'int' },
      { id: 'mixed', for: 'edge', name: 'mixed', type: 'int' },
      { id: 'latest', for: 'edge', name: 'latest', type: 'string' },
      { id: 'latestDate', for: 'edge', name: 'latestDate', type: 'string' },
    ],
    nodes: [...nodeList('actor', names.actors, present.actors), ...nodeList('term', names.terms, present.terms)],
    edges: edges.map((c) => ({
      source: `actor:${c.actor}`,
      target: `term:${c.term}`,
      data: {
        agreement: Math.round(netStance(c) * 1000) / 1000,
        weight: c.total,
        support: c.support,
        oppose: c.oppose,
        mixed: c.mixed,
        latest: c.latest.stance,
        latestDate: c.latest.at,
      },
    })),
  });
}

/**
 * The one-mode actor congruence network: one node per actor with a record in the window, one
 * edge per pair that shares at least one (term, stance), weighted by that count (DNA's
 * congruence); `agreement`, `sharedTerms` and `conflict` as computed by `alignment`.
 */
export function congruenceGraphml(records: readonly ExportRecord[], names: NetworkNames, window: TimeWindow = {}, pairs?: AlignmentPair[]): string {
  const ids = names.actors.map((a) => a.id);
  const all = pairs ?? alignment(records, ids, window);
  const present = new Set(records.filter((r) => inWindow(r.publishedAt, window) && ids.includes(r.actor)).map((r) => r.actor));
  const edges = all.filter((p) => p.congruence > 0);
  return graphml({
    id: 'congruence',
    directed: false,
    description: 'stance tracker: actor congruence network; edge weight = (term, stance) combinations both actors expressed',
    keys: [
      { id: 'label', for: 'node', name: 'label', type: 'string' },
      { id: 'weight', for: 'edge', name: 'weight', type: 'int' },
      { id: 'agreement', for: 'edge', name: 'agreement', type: 'double' },
      { id: 'sharedTerms', for: 'edge', name: 'sharedTerms', type: 'int' },
      { id: 'conflict', for: 'edge', name: 'conflict', type: 'int' },
    ],
    nodes: names.actors.filter((a) => present.has(a.id)).map((a) => ({ id: a.id, data: { label: a.name } })),
    edges: edges.map((p) => ({ source: p.a, target: p.b, data: { weight: p.congruence, agreement: p.agreement, sharedTerms: p.sharedTerms, conflict: p.conflict } })),
  });
}
