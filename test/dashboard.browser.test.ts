/// <reference lib="dom" />
// The dashboard in a real browser (Debian's chromium, headless) against the local stack on
// the seeds, plus two documents of our own words where Hungary turns on the ceasefire.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CSV_COLUMNS, parseCsv } from '../src/core/exports.js';
import { AlignmentResponseSchema, DocumentsResponseSchema, DocumentResponseSchema, MatrixResponseSchema, StancesResponseSchema } from '../src/api/schemas.js';
import { ApiClient } from '../src/client/api.js';
import { readDocuments } from '../src/client/documents.js';
import { ingestFiles } from '../src/client/ingest.js';
import { serveSignedDashboard } from '../src/cli/dashboard.js';
import { startLocalStack, type LocalStack } from '../src/local/stack.js';
import { launchChromium, TEST_OUTPUT } from './support/browser.js';
import { localEndpoint } from './support/dynamodb.js';

const trackerFile = fileURLToPath(new URL('../seeds/tracker.json', import.meta.url));
const seedsDir = fileURLToPath(new URL('../seeds/', import.meta.url));

let stack: LocalStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, trackerFile, dynamoDbEndpoint: localEndpoint(), tableName: `test-${randomUUID()}` });
  const client = new ApiClient(stack.apiUrl);
  const { documents } = await readDocuments([seedsDir]);
  documents.push(
    {
      source: 'hu-1',
      document: {
        title: 'Budapest rejects a truce in Ukraine',
        text: 'Budapest rejects a truce in Ukraine\nHungary rejected a ceasefire in Ukraine on Monday, Prime Minister Viktor Orban said, as talks on the peace plan to end the war with Russia went on.\n',
        publishedAt: '2026-01-21T09:00:00Z',
      },
    },
    {
      source: 'hu-2',
      document: {
        title: 'Budapest now backs a truce in Ukraine',
        text: 'Budapest now backs a truce in Ukraine\nHungary backed a ceasefire in Ukraine on Friday, Viktor Orban said, as talks on the peace plan to end the war with Russia went on.\n',
        publishedAt: '2026-01-28T09:00:00Z',
      },
    },
  );
  await ingestFiles(client, documents);
  await stack.drained();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
}, 120_000);
const consoleErrors: string[] = [];

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const json = async (path: string) => (await fetch(`${stack.apiUrl}${path}`)).json();
const shot = (name: string) => page.screenshot({ path: join(TEST_OUTPUT, `${name}.png`), fullPage: true });

describe('the dashboard in chromium on the seeds', () => {
  it('serves one script, at most 250 KB gzipped, from its own origin', async () => {
    const res = await fetch(`${stack.apiUrl}/dashboard.js`);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const gz = gzipSync(Buffer.from(await res.text())).length;
    console.log(`dashboard: script ${(gz / 1024).toFixed(1)} KB gzipped`);
    expect(gz).toBeLessThanOrEqual(250 * 1024);
    const html = await (await fetch(`${stack.apiUrl}/`)).text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("draws the matrix with every one of the seeds' cells", async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForSelector('body[data-drawn="matrix"]');
    const drawnAt = await page.evaluate(() => document.body.dataset.drawnAt);
    console.log(`dashboard: ${drawnAt} ms from navigation to a drawn matrix (seeds, 1280 px)`);
    const matrix = MatrixResponseSchema.parse(await json('/matrix'));
    expect(matrix.cells.length).toBeGreaterThan(10);
    expect(await page.locator('button.cell').count()).toBe(matrix.cells.length);
    for (const cell of matrix.cells) {
      const label = await page.locator(`button.cell[data-actor="${cell.actor}"][data-term="${cell.term}"]`).getAttribute('aria-label');
      expect(label).toContain(`${cell.support} support, ${cell.oppose} oppose, ${cell.mixed} mixed`);
      expect(label).toContain(`latest ${cell.latest!.stance}`);
    }
    expect(requests.every((u) => u.startsWith(stack.apiUrl))).toBe(true);
    await shot('matrix');
  });

  it('narrows the matrix to a time window', async () => {
    await page.goto(`${stack.apiUrl}/#/matrix?from=2026-01-01&to=2026-01-31`);
    await page.waitForSelector('body[data-drawn="matrix"]');
    expect(await page.locator('button.cell').count()).toBe(1);
    expect(await page.locator('button.cell[data-actor="HU"][data-term="ceasefire"]').getAttribute('aria-label')).toContain('1 support, 1 oppose, 0 mixed; latest support');
    await page.goto(`${stack.apiUrl}/#/matrix?from=2020-01-01&to=2020-01-31`);
    await page.waitForSelector('[data-state="empty"]');
  });

  it('opens a cell with its evidence sentences, then the document with the evidence highlighted at its offsets', async () => {
    const matrix = MatrixResponseSchema.parse(await json('/matrix'));
    const cell = [...matrix.cells].sort((a, b) => b.total - a.total)[0]!;
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForSelector('body[data-drawn="matrix"]');
    await page.click(`button.cell[data-actor="${cell.actor}"][data-term="${cell.term}"]`);
    await page.waitForSelector('body[data-drawn="cell"]');
    const stances = StancesResponseSchema.parse(await json(`/stances?actor=${cell.actor}&term=${cell.term}&limit=100`));
    const shown = await page.locator('blockquote.evidence').allTextContents();
    for (const r of stances.items) for (const e of r.evidence) expect(shown.some((t) => t.startsWith(e.sentence))).toBe(true);
    expect(await page.locator('svg.timeline circle').count()).toBe(stances.items.length);
    await shot('cell');

    const first = stances.items[0]!;
    await page.click(`li[data-document="${first.document}"] a[href^="#/document/"]`);
    await page.waitForSelector('body[data-drawn="document"]');
    const doc = DocumentResponseSchema.parse(await json(`/documents/${first.document}`));
    const marks = await page.locator('.doc .text mark').evaluateAll((els) => els.map((el) => ({ start: Number((el as HTMLElement).dataset.start), end: Number((el as HTMLElement).dataset.end), text: el.textContent })));
    for (const r of doc.records) {
      for (const e of r.evidence) {
        const inside = marks.filter((m) => m.start >= e.start && m.end <= e.end).sort((a, b) => a.start - b.start);
        expect(inside.map((m) => m.text).join('')).toBe(doc.text.slice(e.start, e.end));
        expect(doc.text.slice(e.start, e.end)).toBe(e.sentence);
      }
    }
    // Nothing outside an evidence span is marked.
    for (const m of marks) expect(doc.records.some((r) => r.evidence.some((e) => m.start >= e.start && m.end <= e.end))).toBe(true);
    expect(await page.locator('aside').textContent()).toContain(`tagger ${doc.taggedWith!.taggerVersion}`);
    await page.click('ul.records li:first-child button.show');
    expect(await page.locator('.doc .text mark.active').count()).toBeGreaterThan(0);
    await shot('document');
  });

  it('draws the alignment network and lists the pairs', async () => {
    const alignment = AlignmentResponseSchema.parse(await json('/alignment'));
    await page.goto(`${stack.apiUrl}/#/alignment`);
    await page.waitForSelector('body[data-drawn="alignment"]');
    expect(alignment.pairs.length).toBeGreaterThan(0);
    expect(await page.locator('svg.network line.edge').count()).toBe(alignment.pairs.length);
    expect(await page.locator('table.list tbody tr').count()).toBe(alignment.pairs.length);
    await shot('alignment');
  });

  it('lists the changes with both documents', async () => {
    await page.goto(`${stack.apiUrl}/#/changes`);
    await page.waitForSelector('body[data-drawn="changes"]');
    const row = page.locator('table.list tbody tr', { hasText: 'Hungary' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Budapest rejects a truce in Ukraine');
    expect(await row.textContent()).toContain('Budapest now backs a truce in Ukraine');
    await shot('changes');
    await page.goto(`${stack.apiUrl}/#/documents`);
    await page.waitForSelector('body[data-drawn="documents"]');
    expect(await page.locator('table.list tbody tr').count()).toBe(7);
    await shot('documents');
  });

  it('is reachable with the keyboard', async () => {
    await page.goto(`${stack.apiUrl}/`);
    await page.waitForSelector('body[data-drawn="matrix"]');
    const first = page.locator('button.cell').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset);
    expect(focused.term).toBeDefined();
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-drawn="cell"]');
    expect(page.url()).toContain(`#/cell/${focused.actor}/${focused.term}`);
  });

  it('ran every view without a script error or a refused resource (Content-Security-Policy)', () => {
    expect(consoleErrors).toEqual([]);
  });

  it("fits a phone's width: the page does not scroll sideways, the matrix scrolls inside its box", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${stack.apiUrl}/`);
    await phone.waitForSelector('body[data-drawn="matrix"]');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(TEST_OUTPUT, 'matrix-phone.png'), fullPage: true });
    const matrix = MatrixResponseSchema.parse(await json('/matrix'));
    await phone.goto(`${stack.apiUrl}/#/document/${matrix.cells[0]!.latest!.document}`);
    await phone.waitForSelector('body[data-drawn="document"]');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(TEST_OUTPUT, 'document-phone.png') });
    await phone.close();
  });

  it("draws the same matrix through stance dashboard's relay, which signs the reads of an IAM-only API", async () => {
    const relay = await serveSignedDashboard(new ApiClient(stack.apiUrl), 0);
    try {
      const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await other.goto(`${relay.url}/`);
      await other.waitForSelector('body[data-drawn="matrix"]');
      const matrix = MatrixResponseSchema.parse(await json('/matrix'));
      expect(await other.locator('button.cell').count()).toBe(matrix.cells.length);
      await other.goto(`${relay.url}/#/matrix?from=2026-01-01&to=2026-01-31`);
      await other.waitForSelector('body[data-drawn="matrix"]');
      expect(await other.locator('button.cell').count()).toBe(1);
      await other.close();
    } finally {
      await relay.stop();
    }
  });

  it('says so when the API cannot be reached, and when a document does not exist', async () => {
    const offline = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await offline.goto(`${stack.apiUrl}/`);
    await offline.waitForSelector('body[data-drawn="matrix"]');
    await offline.route('**/alignment*', (route) => route.abort('connectionrefused'));
    await offline.goto(`${stack.apiUrl}/#/alignment`);
    await offline.waitForSelector('[data-state="error"]');
    expect(await offline.locator('[data-state="error"]').textContent()).toMatch(/cannot be reached/);
    await offline.screenshot({ path: join(TEST_OUTPUT, 'unreachable.png') });
    await offline.goto(`${stack.apiUrl}/#/document/nosuchdocument`);
    await offline.waitForSelector('[data-state="error"]');
    expect(await offline.locator('[data-state="error"]').textContent()).toContain('no document "nosuchdocument"');
    await offline.close();
  });

  it('draws the view the user moved on to, not a slower one that answers after it', async () => {
    const quick = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await quick.goto(`${stack.apiUrl}/`);
    await quick.waitForSelector('body[data-drawn="matrix"]');
    let answered!: () => void;
    const late = new Promise<void>((resolve) => (answered = resolve));
    await quick.route('**/alignment*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
      setTimeout(answered, 500);
    });
    await quick.evaluate(() => (location.hash = '#/alignment'));
    await quick.waitForSelector('[data-state="loading"]');
    await quick.evaluate(() => (location.hash = '#/documents'));
    await quick.waitForSelector('body[data-drawn="documents"]');
    await late;
    expect(await quick.evaluate(() => document.body.dataset.drawn)).toBe('documents');
    expect(await quick.locator('table.documents').count()).toBe(1);
    await quick.close();
  });
});

describe('stance export against the local stack', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stance = (...args: string[]) => promisify(execFile)(process.execPath, [join(root, 'bin/stance.mjs'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

  it('writes the CSV of every page with one header row, the rows equal to the records, and no progress when piped', async () => {
    const { stdout, stderr } = await stance('export', '--format', 'csv', '--page-size', '7', '--api', stack.apiUrl);
    expect(stderr).toBe('');
    const rows = parseCsv(stdout);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.filter((r) => r[0] === 'actor')).toHaveLength(1);
    const listed = DocumentsResponseSchema.parse(await json('/documents?limit=100'));
    const records = [];
    for (const d of listed.items) records.push(...DocumentResponseSchema.parse(await json(`/documents/${d.id}`)).records);
    const key = (actor: string, term: string, document: string, stance: string, text: string) => [actor, term, document, stance, text].join('|');
    const col = (name: string) => CSV_COLUMNS.indexOf(name as never);
    const fromCsv = rows.slice(1).map((r) => key(r[col('actor')]!, r[col('concept')]!, r[col('document')]!, r[col('stance')]!, r[col('text')]!)).sort();
    expect(fromCsv).toEqual(records.map((r) => key(r.actor, r.term, r.document, r.stance, r.evidence[0]!.sentence)).sort());
  });

  it('writes both networks as GraphML', async () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['node', 'edge'].includes(name) });
    const matrix = MatrixResponseSchema.parse(await json('/matrix'));
    const twoMode = (await stance('export', '--format', 'graphml', '--api', stack.apiUrl)).stdout;
    expect(XMLValidator.validate(twoMode)).toBe(true);
    const g = parser.parse(twoMode).graphml.graph;
    expect(g.edge).toHaveLength(matrix.cells.length);
    expect(g.node).toHaveLength(new Set(matrix.cells.map((c) => c.actor)).size + new Set(matrix.cells.map((c) => c.term)).size);
    const congruence = (await stance('export', '--format', 'graphml', '--network', 'congruence', '--api', stack.apiUrl)).stdout;
    expect(XMLValidator.validate(congruence)).toBe(true);
    const alignment = AlignmentResponseSchema.parse(await json('/alignment'));
    expect(parser.parse(congruence).graphml.graph.edge).toHaveLength(alignment.pairs.filter((p) => p.congruence > 0).length);
  });

  it('refuses a format it does not write', async () => {
    await expect(stance('export', '--format', 'xlsx', '--api', stack.apiUrl)).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be csv or graphml') });
  });
});
