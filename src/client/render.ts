// Plain-text views of the API's answers for a terminal: the actor x term matrix as a
// grid, stance records and documents as tables. Pure functions from parsed responses
// (src/api/schemas.ts) to strings.
import type { z } from 'zod';
import type { DocumentResponseSchema, MatrixResponseSchema, StanceRecordViewSchema, StancesResponseSchema, TrackerResponseSchema } from '../api/schemas.js';

type Matrix = z.infer<typeof MatrixResponseSchema>;
type StanceView = z.infer<typeof StanceRecordViewSchema>;

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function columns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const day = (iso: string) => iso.slice(0, 10);

/** `+2-1~1`: support, oppose and mixed record counts, zeros left out; `·` for none. */
export function cellText(cell: { support: number; oppose: number; mixed: number } | undefined): string {
  if (!cell) return '·';
  const parts = [cell.support ? `+${cell.support}` : '', cell.oppose ? `-${cell.oppose}` : '', cell.mixed ? `~${cell.mixed}` : ''].join('');
  return parts || '·';
}

/** Terms down, actors across (the actor ids are short, term ids are not). */
export function renderMatrix(matrix: Matrix): string {
  const cells = new Map(matrix.cells.map((c) => [`${c.actor}\u0000${c.term}`, c]));
  const header = ['', ...matrix.actors.map((a) => a.id)];
  const rows = matrix.terms.map((term) => [term.id, ...matrix.actors.map((actor) => cellText(cells.get(`${actor.id}\u0000${term.id}`)))]);
  const records = matrix.cells.reduce((sum, c) => sum + c.total, 0);
  return [
    `${matrix.tracker.title}`,
    `tracker ${matrix.tracker.id} (version ${matrix.tracker.version}): ${records} stance records, ${matrix.actors.length} actors x ${matrix.terms.length} terms`,
    '',
    columns([header, ...rows]),
    '',
    '+N support, -N oppose, ~N mixed (records per actor and term); · none',
  ].join('\n');
}

export function renderStances(items: StanceView[], options: { evidenceWidth?: number } = {}): string {
  if (!items.length) return '(no stance records)';
  const width = options.evidenceWidth ?? 90;
  const rows = items.map((r) => [day(r.publishedAt), r.actor, r.term, r.stance, r.confidence.toFixed(2), r.document, clip(r.evidence[0]?.sentence ?? '', width)]);
  return columns([['published', 'actor', 'term', 'stance', 'conf', 'document', 'evidence'], ...rows]);
}

export function renderStancesPage(page: z.infer<typeof StancesResponseSchema>): string {
  const more = page.cursor ? `\nmore: add --cursor ${page.cursor}` : '';
  return `${renderStances(page.items)}\n${page.items.length} record${page.items.length === 1 ? '' : 's'}${more}`;
}

export function renderDocument(doc: z.infer<typeof DocumentResponseSchema>): string {
  const facts: string[][] = [
    ['id', doc.id],
    ['title', doc.title ?? '(none)'],
    ...(doc.url ? [['url', doc.url]] : []),
    ...(doc.source ? [['source', doc.source]] : []),
    ['published', doc.publishedAt],
    ['ingested', doc.ingestedAt],
    ['tracker', doc.tracker],
    ['tagged', doc.taggedWith ? `${doc.taggedWith.taggedAt} (tagger ${doc.taggedWith.taggerVersion}, tracker version ${doc.taggedWith.trackerVersion})` : 'not yet'],
    ['text', `${doc.text.length} characters, version ${doc.textVersion}`],
  ];
  const records = doc.records.length
    ? columns([
        ['actor', 'term', 'stance', 'conf', 'evidence'],
        ...doc.records.map((r) => [r.actor, r.term, r.stance, r.confidence.toFixed(2), clip(r.evidence.map((e) => e.sentence).join(' | '), 100)]),
      ])
    : `(no stance records${doc.taggedWith?.noRecords ? `: ${doc.taggedWith.noRecords}` : ''})`;
  return `${columns(facts)}\n\n${records}`;
}

export function renderTracker(answer: z.infer<typeof TrackerResponseSchema>): string {
  const t = answer.tracker;
  return [
    `${t.title}`,
    `tracker ${t.id} (version ${answer.version})`,
    '',
    'actors:',
    columns(t.actors.map((a) => [`  ${a.id}`, a.name, `(${a.aliases.length} aliases)`])),
    '',
    'terms:',
    columns(t.terms.map((term) => [`  ${term.id}`, term.name])),
  ].join('\n');
}
