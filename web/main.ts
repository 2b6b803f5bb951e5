// The analyst's dashboard: one page on the API's own origin, hand-made DOM and SVG, no
// library and nothing from another origin. Views live behind the URL hash
// (#/matrix, #/cell/RU/ceasefire, #/document/ID, #/alignment, #/changes, #/documents),
// each with the time window as ?from=&to=, so every view can be linked and reloaded.
import { netStance } from '../src/core/analysis.js';
import { CSV_COLUMNS, parseCsv } from '../src/core/exports.js';

type Stance = 'support' | 'oppose' | 'mixed';
interface Named { id: string; name: string }
interface Cell { actor: string; term: string; support: number; oppose: number; mixed: number; total: number; latest?: { stance: Stance; publishedAt: string; document: string } }
interface Matrix { tracker: { id: string; title: string; version: string }; actors: Named[]; terms: Named[]; cells: Cell[] }
interface Evidence { sentence: string; start: number; end: number; cue: string; stance?: 'support' | 'oppose'; rule?: string }
interface StanceRecord { document: string; actor: string; term: string; stance: Stance; confidence: number; publishedAt: string; title?: string; url?: string; evidence: Evidence[] }
interface DocumentView {
  id: string; title?: string; url?: string; source?: string; publishedAt: string; ingestedAt: string; text: string; textVersion: number;
  taggedWith?: { taggerVersion: string; trackerVersion: string; taggedAt: string }; records: StanceRecord[];
}
interface DocumentSummary { id: string; title?: string; url?: string; source?: string; publishedAt: string; recordCount: number; taggedWith?: { taggerVersion: string } }
interface Pair { a: string; b: string; sharedTerms: number; agreeingTerms: number; congruence: number; conflict: number; agreement: number; terms: Array<{ term: string; a: Stance[]; b: Stance[] }> }
interface Alignment { actors: Named[]; terms: Named[]; records: number; pairs: Pair[] }
interface Entry { at: string; document: string; stance: Stance }
interface Change { actor: string; term: string; latest: Entry; previous: Entry }
interface Page<T> { items: T[]; cursor?: string }

// ------------------------------------------------------------------ plumbing

type Child = Node | string | number | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | EventListener | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  return el;
}
const SVG = 'http://www.w3.org/2000/svg';
function s(tag: string, attrs: Record<string, string | number> = {}, ...children: Array<Node | string>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

class Unreachable extends Error {}
class ApiFailure extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const base = new URL('.', location.href);

async function request(path: string, params: Record<string, string | undefined> = {}): Promise<Response> {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (err) {
    throw new Unreachable(`The API at ${base.origin} cannot be reached (${(err as Error).message}). Is the server running (npm start)?`);
  }
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { message?: string; where?: string };
      if (body.message) message = `${body.message}${body.where ? ` (${body.where})` : ''}`;
    } catch {
      /* not JSON */
    }
    throw new ApiFailure(res.status, `${url.pathname} answered: ${message}`);
  }
  return res;
}
/** Each render's number: data that arrives after the user moved on to another view draws nothing. */
let generation = 0;
class Superseded extends Error {}
function forThisView<T>(answer: Promise<T>): Promise<T> {
  const mine = generation;
  const check = () => {
    if (mine !== generation) throw new Superseded('the user moved on to another view');
  };
  return answer.then(
    (value) => (check(), value),
    (err: unknown) => {
      check();
      throw err;
    },
  );
}
const getJson = <T>(path: string, params: Record<string, string | undefined> = {}) => forThisView(request(path, params).then((res) => res.json() as Promise<T>));

const STANCE_SIGN: Record<Stance, string> = { support: '+', oppose: '−', mixed: '~' };
const badge = (stance: Stance) => h('span', { class: `badge ${stance}` }, stance);
const day = (iso: string) => iso.slice(0, 10);
const when = (iso: string) => iso.replace('T', ' ').replace(/:\d\d\.\d+Z$|:\d\dZ$/, '').replace(/ 00:00$/, '');
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Diverging colour of a net stance in [-1, 1]: oppose red, neutral grey, support blue. */
function netColour(net: number): { background: string; color: string } {
  const from = [242, 242, 242];
  const to = net >= 0 ? [33, 102, 172] : [178, 24, 43];
  const t = Math.min(1, Math.abs(net)) * 0.85 + 0.15;
  const c = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  const light = c[0]! * 0.299 + c[1]! * 0.587 + c[2]! * 0.114 > 150;
  return { background: `rgb(${c.join(',')})`, color: light ? '#1d232a' : '#ffffff' };
}

// ------------------------------------------------------------------ routing and state

interface Route { view: string; parts: string[]; from?: string; to?: string }

function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const route: Route = { view: parts[0] ?? 'matrix', parts: parts.slice(1) };
  const from = params.get('from');
  const to = params.get('to');
  if (from) route.from = from;
  if (to) route.to = to;
  return route;
}

function link(view: string, parts: string[] = [], window: { from?: string | undefined; to?: string | undefined } = current): string {
  const q = new URLSearchParams();
  if (window.from) q.set('from', window.from);
  if (window.to) q.set('to', window.to);
  const qs = q.toString();
  return `#/${[view, ...parts.map(encodeURIComponent)].join('/')}${qs ? `?${qs}` : ''}`;
}

let current: Route = currentRoute();
let matrixCache: Promise<Matrix> | undefined;
const matrix = () =>
  forThisView(
    (matrixCache ??= request('matrix')
      .then((res) => res.json() as Promise<Matrix>)
      .catch((err) => {
        matrixCache = undefined;
        throw err;
      })),
  );
const nameOf = (list: Named[], id: string) => list.find((x) => x.id === id)?.name ?? id;
const titles = new Map<string, string>();

const app = document.getElementById('app')!;

function shell(content: HTMLElement, tracker?: Matrix['tracker']): void {
  const tabs: Array<[string, string]> = [['matrix', 'Matrix'], ['alignment', 'Alignment'], ['changes', 'Changes'], ['documents', 'Documents']];
  const active = current.view === 'cell' ? 'matrix' : current.view === 'document' ? 'documents' : current.view;
  const fromInput = h('input', { type: 'date', name: 'from', value: current.from?.slice(0, 10) ?? '', 'aria-label': 'from date' });
  const toInput = h('input', { type: 'date', name: 'to', value: current.to?.slice(0, 10) ?? '', 'aria-label': 'to date' });
  const form = h(
    'form',
    {
      class: 'window',
      'aria-label': 'time window',
      onsubmit: ((e: Event) => {
        e.preventDefault();
        location.hash = link(current.view, current.parts, { from: fromInput.value || undefined, to: toInput.value || undefined });
      }) as EventListener,
    },
    h('label', {}, 'from', fromInput),
    h('label', {}, 'to', toInput),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', onclick: (() => (location.hash = link(current.view, current.parts, {}))) as EventListener }, 'All time'),
  );
  const header = h(
    'header',
    { class: 'top' },
    h('h1', {}, 'stance tracker', tracker ? h('small', {}, tracker.title) : null),
    h('nav', { class: 'tabs', 'aria-label': 'views' }, ...tabs.map(([view, label]) => h('a', { href: link(view), 'aria-current': view === active ? 'page' : undefined }, label))),
    form,
  );
  const main = h('main', { id: 'main' }, content);
  app.replaceChildren(header, main);
}

function state(message: string, kind: 'loading' | 'empty' | 'error' = 'loading'): HTMLElement {
  return h('p', { class: `state ${kind === 'error' ? 'error' : ''}`, role: kind === 'error' ? 'alert' : 'status', 'data-state': kind }, message);
}

function windowText(): string {
  if (current.from && current.to) return `from ${current.from} to ${current.to}`;
  if (current.from) return `from ${current.from}`;
  if (current.to) return `up to ${current.to}`;
  return 'all time';
}

// ------------------------------------------------------------------ views

/** With a window, the cells are counted from the window's records (the CSV export's pages). */
async function windowCells(): Promise<Cell[]> {
  const rows: string[][] = [];
  let cursor: string | undefined;
  do {
    const res = await forThisView(request('export/records.csv', { from: current.from, to: current.to, cursor }));
    const parsed = parseCsv(await forThisView(res.text()));
    rows.push(...parsed.slice(1));
    cursor = res.headers.get('x-next-cursor') ?? undefined;
  } while (cursor);
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const cells = new Map<string, Cell>();
  for (const row of rows) {
    const actor = row[col('actor')]!;
    const term = row[col('concept')]!;
    const stance = row[col('stance')] as Stance;
    const at = row[col('date')]!;
    const documentId = row[col('document')]!;
    const key = `${actor} ${term}`;
    const cell = cells.get(key) ?? { actor, term, support: 0, oppose: 0, mixed: 0, total: 0 };
    cell[stance]++;
    cell.total++;
    if (!cell.latest || at > cell.latest.publishedAt || (at === cell.latest.publishedAt && documentId > cell.latest.document)) cell.latest = { stance, publishedAt: at, document: documentId };
    cells.set(key, cell);
  }
  return [...cells.values()];
}

async function matrixView(): Promise<void> {
  shell(state('Loading the matrix…'));
  const m = await matrix();
  const windowed = current.from || current.to;
  const cells = windowed ? await windowCells() : m.cells;
  const byKey = new Map(cells.map((c) => [`${c.actor} ${c.term}`, c]));
  const onlyUsed = localStorage.getItem('stance.allRows') !== 'yes';
  const actors = onlyUsed ? m.actors.filter((a) => cells.some((c) => c.actor === a.id)) : m.actors;
  const terms = onlyUsed ? m.terms.filter((t) => cells.some((c) => c.term === t.id)) : m.terms;
  const total = cells.reduce((n, c) => n + c.total, 0);
  const title = h('h2', {}, `Who stands where: ${total} stance record${total === 1 ? '' : 's'}, ${windowText()}`);
  if (!cells.length) {
    shell(h('section', {}, title, state(windowed ? 'No stance records in this window. Widen it or choose "All time".' : 'No stance records yet: ingest documents (npx stance ingest DIR) and they appear here once tagged.', 'empty')), m.tracker);
    return;
  }
  const table = h(
    'table',
    { class: 'matrix', 'aria-label': 'actors by terms' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'term \\ actor'), ...actors.map((a) => h('th', { scope: 'col', title: a.name }, a.id)))),
    h(
      'tbody',
      {},
      ...terms.map((t) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', title: t.name }, t.name),
          ...actors.map((a) => {
            const c = byKey.get(`${a.id} ${t.id}`);
            if (!c) return h('td', {}, h('span', { class: 'empty', 'aria-hidden': 'true' }));
            const colours = netColour(netStance(c));
            const counts = [c.support ? `+${c.support}` : '', c.oppose ? `−${c.oppose}` : '', c.mixed ? `~${c.mixed}` : ''].filter(Boolean).join(' ');
            const label = `${a.name} on ${t.name}: ${c.support} support, ${c.oppose} oppose, ${c.mixed} mixed${c.latest ? `; latest ${c.latest.stance} on ${day(c.latest.publishedAt)}` : ''}`;
            return h(
              'td',
              {},
              h(
                'button',
                {
                  class: 'cell',
                  type: 'button',
                  'data-actor': a.id,
                  'data-term': t.id,
                  'aria-label': label,
                  title: label,
                  style: `background:${colours.background};color:${colours.color}`,
                  onclick: (() => (location.hash = link('cell', [a.id, t.id]))) as EventListener,
                },
                h('span', {}, counts),
                c.latest ? h('span', { class: 'latest' }, `${STANCE_SIGN[c.latest.stance]} ${day(c.latest.publishedAt).slice(5)}`) : null,
              ),
            );
          }),
        ),
      ),
    ),
  );
  const toggle = h('input', {
    type: 'checkbox',
    id: 'allrows',
    checked: !onlyUsed,
    onchange: ((e: Event) => {
      localStorage.setItem('stance.allRows', (e.target as HTMLInputElement).checked ? 'yes' : 'no');
      void render();
    }) as EventListener,
  });
  const legend = h(
    'div',
    { class: 'legend' },
    h('span', {}, 'net stance ', h('span', { class: 'ramp', 'aria-hidden': 'true' }), ' oppose … support'),
    h('span', {}, '+N support, −N oppose, ~N mixed records; second line: latest stance and its date'),
    h('label', {}, toggle, ' every actor and term'),
  );
  shell(h('section', {}, title, h('p', { class: 'hint' }, 'Choose a cell for its timeline and evidence. The arrow keys move between cells.'), legend, h('div', { class: 'scroll' }, table)), m.tracker);
  table.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    if (!target.matches('button.cell')) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const td = target.closest('td')!;
    const tr = td.closest('tr')!;
    const rows = [...table.tBodies[0]!.rows];
    let r = rows.indexOf(tr as HTMLTableRowElement);
    let col = td.cellIndex;
    for (let step = 0; step < 30; step++) {
      r += move[0];
      col += move[1];
      const next = rows[r]?.cells[col]?.querySelector<HTMLButtonElement>('button.cell');
      if (!rows[r] || col < 1 || col >= rows[r]!.cells.length) break;
      if (next) {
        next.focus();
        break;
      }
    }
  });
  document.body.dataset.drawn = 'matrix';
  // For the browser test's figure: milliseconds from navigation to a drawn matrix.
  document.body.dataset.drawnAt ??= String(Math.round(performance.now()));
}

function highlightCue(sentence: string, cue: string): Node[] {
  const parts = cue.split(/\s*…\s*/).filter(Boolean);
  const nodes: Node[] = [];
  let rest = sentence;
  for (const part of parts) {
    const at = rest.toLowerCase().indexOf(part.toLowerCase());
    if (at < 0) continue;
    nodes.push(document.createTextNode(rest.slice(0, at)), h('mark', { class: 'cue' }, rest.slice(at, at + part.length)));
    rest = rest.slice(at + part.length);
  }
  nodes.push(document.createTextNode(rest));
  return nodes;
}

function timelineSvg(records: StanceRecord[]): SVGElement {
  const width = 800;
  const height = 150;
  const pad = { left: 70, right: 20, top: 14, bottom: 28 };
  const times = records.map((r) => Date.parse(r.publishedAt));
  let min = Math.min(...times);
  let max = Math.max(...times);
  if (min === max) {
    min -= 86_400_000;
    max += 86_400_000;
  }
  const x = (t: number) => pad.left + ((t - min) / (max - min)) * (width - pad.left - pad.right);
  const rows: Stance[] = ['support', 'mixed', 'oppose'];
  const y = (stance: Stance) => pad.top + rows.indexOf(stance) * ((height - pad.top - pad.bottom) / 2);
  const svg = s('svg', { class: 'timeline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `stance by document over time, ${records.length} records` });
  for (const stance of rows) {
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y(stance), y2: y(stance), stroke: '#d5dae0' }), s('text', { x: 4, y: y(stance) + 4 }, stance));
  }
  svg.append(s('text', { x: pad.left, y: height - 6 }, day(new Date(min).toISOString())), s('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end' }, day(new Date(max).toISOString())));
  const sorted = [...records].sort((p, q) => p.publishedAt.localeCompare(q.publishedAt));
  if (sorted.length > 1) {
    svg.append(s('polyline', { points: sorted.map((r) => `${x(Date.parse(r.publishedAt))},${y(r.stance)}`).join(' '), fill: 'none', stroke: '#9aa4ae', 'stroke-dasharray': '3 3' }));
  }
  for (const r of sorted) {
    const colour = `var(--${r.stance})`;
    const dot = s('circle', { cx: x(Date.parse(r.publishedAt)), cy: y(r.stance), r: 4 + r.confidence * 4, fill: colour, 'fill-opacity': 0.85 }, s('title', {}, `${day(r.publishedAt)} ${r.stance} (${r.confidence}) ${r.title ?? r.document}`));
    svg.append(dot);
  }
  return svg;
}

async function cellView(): Promise<void> {
  const [actor, term] = current.parts;
  if (!actor || !term) return void (location.hash = link('matrix'));
  shell(state('Loading the timeline…'));
  const m = await matrix();
  const records: StanceRecord[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await getJson<Page<StanceRecord>>('stances', { actor, term, from: current.from, to: current.to, limit: '100', cursor });
    records.push(...page.items);
    cursor = page.cursor;
  } while (cursor && ++pages < 10);
  const heading = h('h2', {}, `${nameOf(m.actors, actor)} on ${nameOf(m.terms, term)}, ${windowText()}`);
  const back = h('p', {}, h('a', { href: link('matrix') }, '← back to the matrix'));
  if (!records.length) {
    shell(h('section', {}, back, heading, state('No stance records for this actor and term in this window.', 'empty')), m.tracker);
    return;
  }
  const list = h(
    'ol',
    { class: 'entries', 'aria-label': 'stance records, newest first' },
    ...records.map((r) =>
      h(
        'li',
        { 'data-document': r.document },
        h(
          'div',
          {},
          badge(r.stance),
          ' ',
          h('strong', {}, when(r.publishedAt)),
          ' · ',
          h('a', { href: link('document', [r.document]) }, r.title ?? r.document),
          h('span', { class: 'meta' }, ` · confidence ${r.confidence}`),
        ),
        ...r.evidence.map((e) =>
          h(
            'blockquote',
            { class: 'evidence' },
            ...highlightCue(e.sentence, e.cue),
            h('div', { class: 'meta' }, `cue “${e.cue}”${e.stance ? ` (${e.stance})` : ''}${e.rule ? ` · rule ${e.rule}` : ''} · characters ${e.start}–${e.end}`),
          ),
        ),
      ),
    ),
  );
  shell(h('section', {}, back, heading, timelineSvg(records), list), m.tracker);
  document.body.dataset.drawn = 'cell';
}

async function documentView(): Promise<void> {
  const [id] = current.parts;
  if (!id) return void (location.hash = link('documents'));
  shell(state('Loading the document…'));
  const [m, doc] = await Promise.all([matrix(), getJson<DocumentView>(`documents/${encodeURIComponent(id)}`)]);
  titles.set(doc.id, doc.title ?? doc.id);
  // Every evidence span, cut into segments at each boundary so overlapping spans stay marked.
  const spans = doc.records.flatMap((r, index) => r.evidence.map((e) => ({ start: e.start, end: e.end, index, stance: e.stance ?? (r.stance === 'mixed' ? undefined : r.stance) })));
  const cuts = [...new Set([0, doc.text.length, ...spans.flatMap((sp) => [sp.start, sp.end])])].filter((n) => n >= 0 && n <= doc.text.length).sort((a, b) => a - b);
  const text = h('div', { class: 'text', tabindex: 0, 'aria-label': 'document text with the evidence highlighted' });
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const piece = doc.text.slice(from, to);
    const covering = spans.filter((sp) => sp.start <= from && sp.end >= to);
    if (!covering.length) {
      text.append(piece);
      continue;
    }
    const stances = new Set(covering.map((c) => c.stance));
    const kind = stances.size === 1 && !stances.has(undefined) ? [...stances][0] : '';
    text.append(h('mark', { class: kind ?? '', 'data-start': from, 'data-end': to, 'data-records': covering.map((c) => c.index).join(' ') }, piece));
  }
  const showRecord = (index: number) => {
    const marks = [...text.querySelectorAll<HTMLElement>('mark')];
    marks.forEach((mk) => mk.classList.toggle('active', mk.dataset.records!.split(' ').includes(String(index))));
    marks.find((mk) => mk.classList.contains('active'))?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  const tagger = doc.taggedWith ? `tagged by tagger ${doc.taggedWith.taggerVersion} with tracker version ${doc.taggedWith.trackerVersion} on ${when(doc.taggedWith.taggedAt)}` : 'not tagged yet';
  const aside = h(
    'aside',
    { 'aria-label': 'stance records of this document' },
    h('h3', {}, `${doc.records.length} stance record${doc.records.length === 1 ? '' : 's'}`),
    h('p', { class: 'meta' }, tagger),
    doc.records.length
      ? h(
          'ul',
          { class: 'records' },
          ...doc.records.map((r, index) =>
            h(
              'li',
              {},
              h('div', {}, h('strong', {}, nameOf(m.actors, r.actor)), ' ', badge(r.stance), ' ', h('a', { href: link('cell', [r.actor, r.term]) }, nameOf(m.terms, r.term))),
              h('div', { class: 'meta' }, `confidence ${r.confidence} · ${r.evidence.length} evidence sentence${r.evidence.length === 1 ? '' : 's'} · cue “${r.evidence[0]?.cue ?? ''}”`),
              h('button', { type: 'button', class: 'show', onclick: (() => showRecord(index)) as EventListener }, 'Show in the text'),
            ),
          ),
        )
      : state('The tagger found no stances in this document.', 'empty'),
  );
  const meta = h(
    'p',
    { class: 'meta' },
    `published ${when(doc.publishedAt)}`,
    doc.source ? ` · ${doc.source}` : '',
    doc.url ? h('span', {}, ' · ', h('a', { href: doc.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')) : '',
    ` · text version ${doc.textVersion} · id ${doc.id}`,
  );
  shell(h('section', {}, h('h2', {}, doc.title ?? doc.id), meta, h('div', { class: 'doc' }, text, aside)), m.tracker);
  document.body.dataset.drawn = 'document';
}

function networkSvg(a: Alignment): SVGElement {
  const size = 600;
  const centre = size / 2;
  const radius = size / 2 - 95;
  const present = a.actors.filter((actor) => a.pairs.some((p) => p.a === actor.id || p.b === actor.id));
  const pos = new Map(present.map((actor, i) => {
    const angle = (2 * Math.PI * i) / present.length - Math.PI / 2;
    return [actor.id, { x: centre + radius * Math.cos(angle), y: centre + radius * Math.sin(angle) }];
  }));
  const maxWeight = Math.max(1, ...a.pairs.map((p) => p.congruence));
  const svg = s('svg', { class: 'network', viewBox: `0 0 ${size} ${size}`, role: 'img', 'aria-label': `congruence network of ${present.length} actors` });
  for (const p of [...a.pairs].sort((x, y) => x.congruence - y.congruence)) {
    const from = pos.get(p.a)!;
    const to = pos.get(p.b)!;
    const agreeing = p.congruence > 0;
    const line = s('line', {
      x1: from.x, y1: from.y, x2: to.x, y2: to.y,
      stroke: agreeing ? netColour(p.agreement * 2 - 1).background : '#b2182b',
      'stroke-width': agreeing ? 1.5 + (6 * p.congruence) / maxWeight : 1.2,
      'stroke-dasharray': agreeing ? '' : '4 4',
      'stroke-opacity': agreeing ? 0.9 : 0.5,
      class: 'edge',
    }, s('title', {}, `${p.a} – ${p.b}: agree on ${p.agreeingTerms} of ${p.sharedTerms} shared terms (${pct(p.agreement)}), ${p.conflict} in conflict`));
    svg.append(line);
  }
  for (const actor of present) {
    const at = pos.get(actor.id)!;
    const dx = (at.x - centre) / radius;
    const dy = (at.y - centre) / radius;
    const outward = { x: at.x + dx * 24, y: at.y + dy * 26 + (Math.abs(dy) < 0.5 ? -20 : 0) };
    const anchor = dx > 0.3 ? 'start' : dx < -0.3 ? 'end' : 'middle';
    svg.append(
      s('g', { class: 'node', 'data-actor': actor.id },
        s('circle', { cx: at.x, cy: at.y, r: 16 }),
        s('text', { x: at.x, y: at.y + 4, 'text-anchor': 'middle' }, actor.id),
        s('text', { x: outward.x, y: outward.y + 4, 'text-anchor': anchor, style: 'font-size:11px;font-weight:normal;fill:#5b6570' }, actor.name.length > 22 ? `${actor.name.slice(0, 21)}…` : actor.name),
        s('title', {}, actor.name)),
    );
  }
  return svg;
}

async function alignmentView(): Promise<void> {
  shell(state('Loading the alignment…'));
  const [m, a] = await Promise.all([matrix(), getJson<Alignment>('alignment', { from: current.from, to: current.to })]);
  const heading = h('h2', {}, `Who sides with whom, ${windowText()}`);
  const hint = h('p', { class: 'hint' }, 'For each pair of actors, the terms on which both took a stance and how often their stances matched (the congruence network of discourse network analysis). Thicker, bluer lines: more agreement; dashed red: they only disagree.');
  if (!a.pairs.length) {
    shell(h('section', {}, heading, state('No two actors took a stance on the same term in this window.', 'empty')), m.tracker);
    return;
  }
  const rows = a.pairs.map((p) =>
    h(
      'tr',
      {},
      h('td', {}, h('strong', {}, p.a), ' – ', h('strong', {}, p.b)),
      h('td', {}, pct(p.agreement)),
      h('td', {}, `${p.agreeingTerms} / ${p.sharedTerms}`),
      h('td', {}, String(p.conflict)),
      h(
        'td',
        {},
        h(
          'details',
          {},
          h('summary', {}, `${p.terms.length} term${p.terms.length === 1 ? '' : 's'}`),
          h('ul', { class: 'plain' }, ...p.terms.map((t) => h('li', {}, `${nameOf(a.terms, t.term)}: `, p.a, ' ', ...t.a.map(badge), ' · ', p.b, ' ', ...t.b.map(badge)))),
        ),
      ),
    ),
  );
  const table = h(
    'table',
    { class: 'list', 'aria-label': 'pairs of actors' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'pair'), h('th', { scope: 'col' }, 'agreement'), h('th', { scope: 'col' }, 'same / shared terms'), h('th', { scope: 'col' }, 'conflicts'), h('th', { scope: 'col' }, 'terms'))),
    h('tbody', {}, ...rows),
  );
  shell(h('section', {}, heading, hint, h('div', { class: 'align' }, networkSvg(a), h('div', { class: 'scroll' }, table))), m.tracker);
  document.body.dataset.drawn = 'alignment';
}

let titlesListed = false;
async function documentTitles(): Promise<void> {
  if (titlesListed) return;
  titlesListed = true;
  const page = await getJson<Page<DocumentSummary>>('documents', { limit: '100' }).catch(() => undefined);
  for (const d of page?.items ?? []) titles.set(d.id, d.title ?? d.id);
}

async function changesView(): Promise<void> {
  shell(state('Loading the changes…'));
  const [m] = await Promise.all([matrix(), documentTitles()]);
  const items: Change[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson<Page<Change>>('changes', { from: current.from, to: current.to, cursor });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const heading = h('h2', {}, `Who moved: cells whose latest stance differs from the one before, ${windowText()}`);
  if (!items.length) {
    shell(h('section', {}, heading, state('No actor changed its stance on a term in this window.', 'empty')), m.tracker);
    return;
  }
  const docLink = (e: Entry) => h('span', {}, badge(e.stance), ' ', h('a', { href: link('document', [e.document]) }, titles.get(e.document) ?? e.document), h('span', { class: 'meta' }, ` ${when(e.at)}`));
  const table = h(
    'table',
    { class: 'list', 'aria-label': 'stance changes' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'actor'), h('th', { scope: 'col' }, 'term'), h('th', { scope: 'col' }, 'before'), h('th', { scope: 'col' }, 'latest'))),
    h(
      'tbody',
      {},
      ...items.map((c) =>
        h('tr', {}, h('td', {}, nameOf(m.actors, c.actor)), h('td', {}, h('a', { href: link('cell', [c.actor, c.term]) }, nameOf(m.terms, c.term))), h('td', {}, docLink(c.previous)), h('td', {}, docLink(c.latest))),
      ),
    ),
  );
  shell(h('section', {}, heading, h('div', { class: 'scroll' }, table)), m.tracker);
  document.body.dataset.drawn = 'changes';
}

async function documentsView(): Promise<void> {
  shell(state('Loading the documents…'));
  const m = await matrix();
  const list = h('tbody', {});
  const table = h(
    'table',
    { class: 'list documents', 'aria-label': 'documents, newest first' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'published'), h('th', { scope: 'col' }, 'title'), h('th', { scope: 'col' }, 'records'), h('th', { scope: 'col' }, 'tagger'))),
    list,
  );
  const more = h('button', { type: 'button' }, 'More documents');
  let cursor: string | undefined;
  const section = h('section', {}, h('h2', {}, `Documents, newest first, ${windowText()}`), h('div', { class: 'scroll' }, table), more);
  const load = async () => {
    const page = await getJson<Page<DocumentSummary>>('documents', { from: current.from, to: current.to, cursor, limit: '50' });
    for (const d of page.items) {
      titles.set(d.id, d.title ?? d.id);
      list.append(h('tr', {}, h('td', {}, when(d.publishedAt)), h('td', {}, h('a', { href: link('document', [d.id]) }, d.title ?? d.id)), h('td', {}, String(d.recordCount)), h('td', {}, d.taggedWith?.taggerVersion ?? 'not tagged yet')));
    }
    cursor = page.cursor;
    more.hidden = !cursor;
    if (!list.children.length) section.replaceChildren(section.firstChild!, state('No documents in this window.', 'empty'));
  };
  more.addEventListener('click', () => void load().catch(showError));
  await load();
  shell(section, m.tracker);
  document.body.dataset.drawn = 'documents';
}

// ------------------------------------------------------------------ main

function showError(err: unknown): void {
  if (err instanceof Superseded) return;
  const message = err instanceof Unreachable || err instanceof ApiFailure ? err.message : `Something went wrong: ${(err as Error)?.message ?? String(err)}`;
  const retry = h('button', { type: 'button', onclick: (() => void render()) as EventListener }, 'Try again');
  shell(h('section', {}, state(message, 'error'), retry));
  document.body.dataset.drawn = 'error';
}

const views: Record<string, () => Promise<void>> = { matrix: matrixView, cell: cellView, document: documentView, alignment: alignmentView, changes: changesView, documents: documentsView };

async function render(): Promise<void> {
  current = currentRoute();
  generation++;
  delete document.body.dataset.drawn;
  const view = views[current.view] ?? matrixView;
  try {
    await view();
    document.getElementById('main')?.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
  } catch (err) {
    showError(err);
  }
}

window.addEventListener('hashchange', () => {
  void render().then(() => document.getElementById('main')?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true }));
});
void render();
