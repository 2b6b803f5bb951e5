import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAGGER_VERSION } from '../src/core/tagger.js';
import { loadTrackerFile, trackerVersion, type Source, type Tracker } from '../src/core/tracker.js';
import { runReingest, describeSource, describeSummary, type ReingestOptions, type SourceReport } from '../src/sources/run.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { memoryDependencies } from './support/reingest-fakes.js';

let server: FeedServer;
let tracker: Tracker;
beforeAll(async () => {
  server = await startFeedServer();
  tracker = await loadTrackerFile('seeds/tracker.json');
});
afterAll(async () => server.close());

// Loopback is allowed for the fixture server only; the byte limit is small so the endless body
// is cut off early. The deadline ends the slow source (whose headers never come) in a few seconds,
// yet leaves the good sources room on a loaded machine: at 1.5 s one of them timed out once in a run.
const options: ReingestOptions = { fetch: { allowLoopback: true, timeoutMs: 4_000, maxBytes: 512 * 1024 }, concurrency: 4 };

const feed = (path: string, name?: string): Source => ({ url: server.url(path), kind: 'feed', name });

function byUrl(reports: SourceReport[]) {
  return Object.fromEntries(reports.map((r) => [new URL(r.url).pathname, r]));
}

describe('a re-ingestion run', () => {
  it('ingests the good feeds and a page, fails each bad source with its reason, and carries on', async () => {
    const deps = memoryDependencies();
    const sources: Source[] = [
      feed('/feeds/rss.xml', 'Gazette'),
      feed('/feeds/atom.xml'),
      { url: server.url('/articles/standalone-page.html'), kind: 'page' },
      feed('/feeds/malformed.xml'),
      feed('/feeds/error'),
      feed('/feeds/slow'),
      feed('/feeds/endless'),
      feed('/redirect/private'),
      feed('/feeds/no-article.xml'),
      { url: 'http://169.254.169.254/latest/meta-data/', kind: 'page' },
    ];
    const progress: string[] = [];
    const summary = await runReingest(tracker, deps, { ...options, onSource: (r) => progress.push(describeSource(r)) }, sources);

    expect(summary).toMatchObject({ sources: 10, new: 5, unchanged: 0, failed: 7, retagged: 0, duplicates: 0 });
    const reports = byUrl(summary.reports);
    expect(reports['/feeds/rss.xml']).toMatchObject({ status: 'new', items: 2, fresh: 2, ingested: 2 });
    expect(reports['/feeds/atom.xml']).toMatchObject({ status: 'new', items: 2, ingested: 2 });
    expect(reports['/articles/standalone-page.html']).toMatchObject({ status: 'new', ingested: 1 });
    expect(reports['/feeds/malformed.xml']!.failure!.reason).toBe('malformed-feed');
    expect(reports['/feeds/error']!.failure!.reason).toBe('http-status');
    expect(reports['/feeds/slow']!.failure!.reason).toBe('timeout');
    expect(reports['/feeds/endless']!.failure!.reason).toBe('too-large');
    expect(reports['/redirect/private']!.failure!.reason).toBe('refused-address');
    expect(reports['/feeds/no-article.xml']!.failure!.reason).toBe('no-article');
    expect(reports['/latest/meta-data/']!.failure!.reason).toBe('refused-address');

    // One progress line per source, as each finishes.
    expect(progress).toHaveLength(10);
    expect(progress.find((l) => l.includes('/feeds/error'))).toMatch(/^failed .*http-status: HTTP 500/);
    expect(progress.find((l) => l.includes('Gazette'))).toMatch(/^new .*2 item\(s\), 2 not stored yet, 2 new/);
    expect(describeSummary(summary)).toBe(`reingest ${tracker.id}: 10 source(s), 5 new, 0 unchanged, 7 failed, 0 re-tagged`);

    const rss = deps.ingestor.documents.find((d) => d.url.endsWith('kyiv-rejects-cession.html'))!;
    expect(rss).toMatchObject({ title: 'Kyiv rejects ceding territory under the draft plan', publishedAt: '2025-11-21T08:30:00.000Z', source: 'Gazette' });
    expect(rss.text).toMatch(/^Ukrainian President Volodymyr Zelensky/);
  });

  it('ingests nothing new on a second run: 304 for feeds with validators, seen items for the rest', async () => {
    const deps = memoryDependencies();
    const sources = [feed('/feeds/rss.xml'), feed('/feeds/atom.xml'), feed('/feeds/rss.xml.gz')];
    const first = await runReingest(tracker, deps, options, sources);
    // The gzip feed lists the same articles as the plain one: whichever is read second finds duplicates.
    expect(first).toMatchObject({ new: 4, unchanged: 1, failed: 0, duplicates: 2 });

    const before = server.requests.length;
    const second = await runReingest(tracker, deps, options, sources);
    expect(second).toMatchObject({ new: 0, unchanged: 3, failed: 0, duplicates: 0 });
    expect(deps.ingestor.calls).toHaveLength(6); // all from the first run
    const requests = server.requests.slice(before);
    // Only the three feeds were asked for, conditionally where they had validators; no article page again.
    expect(requests.map((r) => r.path).sort()).toEqual(['/feeds/atom.xml', '/feeds/rss.xml', '/feeds/rss.xml.gz']);
    expect(requests.find((r) => r.path === '/feeds/rss.xml')!.ifNoneMatch).toBe('"rss-v1"');
    expect(requests.find((r) => r.path === '/feeds/atom.xml')!.ifModifiedSince).toBe('Mon, 24 Nov 2025 18:45:00 GMT');
    expect(second.reports.filter((r) => r.notModified).map((r) => new URL(r.url).pathname).sort()).toEqual(['/feeds/atom.xml', '/feeds/rss.xml']);
  });

  it('fetches only the new item when a feed gains one', async () => {
    const deps = memoryDependencies();
    const path = '/feeds/growing.xml';
    let items = [server.url('/articles/kyiv-rejects-cession.html')];
    server.override(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(`<rss version="2.0"><channel><title>Growing</title>${items.map((u) => `<item><link>${u}</link></item>`).join('')}</channel></rss>`);
    });
    expect((await runReingest(tracker, deps, options, [feed(path)])).new).toBe(1);
    items = [server.url('/articles/geneva-talks.html'), ...items];
    const before = server.requests.length;
    const second = await runReingest(tracker, deps, options, [feed(path)]);
    expect(second.reports[0]).toMatchObject({ status: 'new', items: 2, fresh: 1, ingested: 1 });
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([path, '/articles/geneva-talks.html']);
  });

  it('keeps a feed whose item page failed unremembered, so the item is tried again next run', async () => {
    const deps = memoryDependencies();
    const path = '/feeds/flaky.xml';
    server.override(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"flaky"' });
      res.end(`<rss version="2.0"><channel>
        <item><link>${server.url('/articles/europe-counterproposal.html')}</link></item>
        <item><link>${server.url('/articles/missing.html')}</link></item>
      </channel></rss>`);
    });
    const first = await runReingest(tracker, deps, options, [feed(path)]);
    expect(first.reports[0]).toMatchObject({ status: 'new', ingested: 1 });
    expect(first.reports[0]!.itemFailures).toEqual([expect.objectContaining({ reason: 'http-status', url: server.url('/articles/missing.html') })]);
    expect(first.itemFailures).toBe(1);
    expect(deps.state.validators.size).toBe(0);

    const before = server.requests.length;
    await runReingest(tracker, deps, options, [feed(path)]);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([path, '/articles/missing.html']);
  });

  it('counts a document the ingest path already holds as a duplicate, not as new', async () => {
    const deps = memoryDependencies();
    await runReingest(tracker, deps, options, [feed('/feeds/rss.xml')]);
    const summary = await runReingest(tracker, deps, options, [{ url: server.url('/articles/kyiv-rejects-cession.html'), kind: 'page' }]);
    expect(summary).toMatchObject({ new: 0, unchanged: 1, duplicates: 1 });
  });

  it('fails a source whose documents the ingest path rejects, and reads them again next run', async () => {
    const deps = memoryDependencies();
    deps.ingestor.ingest = async () => {
      throw new Error('table unavailable');
    };
    const summary = await runReingest(tracker, deps, options, [feed('/feeds/rss.xml')]);
    expect(summary.reports[0]!.failure).toMatchObject({ reason: 'ingest' });
    expect(summary.reports[0]!.failure!.message).toContain('table unavailable');
    expect(deps.state.validators.size).toBe(0);
    const before = server.requests.length;
    await runReingest(tracker, deps, options, [feed('/feeds/rss.xml')]);
    expect(server.requests.slice(before).filter((r) => r.path.startsWith('/articles/'))).toHaveLength(2);
  });

  it("reads the tracker's own sources when no list is given", async () => {
    const deps = memoryDependencies();
    const summary = await runReingest({ ...tracker, sources: [feed('/feeds/atom.xml')] }, deps, options);
    expect(summary).toMatchObject({ sources: 1, new: 2 });
  });
});

describe('re-tagging in a run', () => {
  const stale = { taggerVersion: 'old', trackerVersion: 'old' };

  it('re-tags a bounded batch per run, resumes where the last run stopped, then starts over', async () => {
    const deps = memoryDependencies();
    const current = { taggerVersion: TAGGER_VERSION, trackerVersion: trackerVersion(tracker) };
    for (const id of ['d1', 'd2', 'd3', 'd4', 'd5']) deps.retagger.versions.set(id, stale);
    deps.retagger.versions.set('d0', current);
    const run = () => runReingest(tracker, deps, { ...options, retagLimit: 2 }, []);

    expect((await run()).retag).toEqual({ retagged: 2, failed: [], complete: false });
    expect((await run()).retag).toEqual({ retagged: 2, failed: [], complete: false });
    expect((await run()).retag).toEqual({ retagged: 1, failed: [], complete: true });
    expect(deps.retagger.retagged).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect((await run()).retagged).toBe(0);

    // The tracker changes: everything is stale again, from the start.
    const changed = { ...tracker, title: `${tracker.title} (revised)` };
    const summary = await runReingest(changed, deps, { ...options, retagLimit: 10 }, []);
    expect(summary.retagged).toBe(6);
  });

  it('reports a document that cannot be re-tagged and goes on with the rest', async () => {
    const deps = memoryDependencies();
    for (const id of ['a', 'b', 'c']) deps.retagger.versions.set(id, stale);
    deps.retagger.failOn.add('b');
    const summary = await runReingest(tracker, deps, { ...options, retagLimit: 10 }, []);
    expect(summary.retag.retagged).toBe(2);
    expect(summary.retag.failed).toEqual([expect.objectContaining({ url: 'b', message: 'cannot tag b' })]);
    expect(describeSummary(summary)).toContain('2 re-tagged, 1 re-tag failure(s)');
  });

  it('reports a re-tagging that cannot start and keeps what the sources brought', async () => {
    const deps = memoryDependencies();
    deps.retagger.getCursor = async () => {
      throw new Error('throttled');
    };
    const summary = await runReingest(tracker, deps, options, [feed('/feeds/atom.xml')]);
    expect(summary).toMatchObject({ new: 2, retagged: 0 });
    expect(summary.retag.failed).toEqual([expect.objectContaining({ message: 're-tagging failed: throttled' })]);
  });

  it('re-tags nothing when the limit is 0', async () => {
    const deps = memoryDependencies();
    deps.retagger.versions.set('a', stale);
    expect((await runReingest(tracker, deps, { ...options, retagLimit: 0 }, [])).retagged).toBe(0);
  });
});

describe('a run that runs out of time', () => {
  it('starts nothing after its deadline and leaves every source to the next run', async () => {
    const deps = memoryDependencies();
    deps.retagger.versions.set('a', { taggerVersion: 'old', trackerVersion: 'old' });
    const summary = await runReingest(tracker, deps, { ...options, stopAt: 0, retagLimit: 5 }, [feed('/feeds/rss.xml'), feed('/feeds/atom.xml')]);
    expect(summary.reports.map((r) => r.failure?.reason)).toEqual(['deadline', 'deadline']);
    expect(summary.retag).toEqual({ retagged: 0, failed: [], complete: false });
    expect(deps.state.validators.size).toBe(0);

    const next = await runReingest(tracker, deps, options, [feed('/feeds/rss.xml'), feed('/feeds/atom.xml')]);
    expect(next).toMatchObject({ new: 4, failed: 0, retagged: 1 });
  });
});
