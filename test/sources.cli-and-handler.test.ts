import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadTrackerFile, type Tracker } from '../src/core/tracker.js';
import { UsageError, ValidationError } from '../src/errors.js';
import type { ReingestContext } from '../src/sources/adapters.js';
import { run } from '../src/cli/reingest.js';
import { createReingest, logger, recordMetrics } from '../functions/reingest.js';
import { startFeedServer, type FeedServer } from './support/feed-server.js';
import { memoryDependencies } from './support/reingest-fakes.js';

let server: FeedServer;
let tracker: Tracker;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  tracker = await loadTrackerFile('seeds/tracker.json');
  dir = await mkdtemp(join(tmpdir(), 'stance-sources-'));
});
afterAll(async () => server.close());

function context(sources = tracker.sources): ReingestContext & { deps: ReturnType<typeof memoryDependencies> } {
  return { tracker: { ...tracker, sources }, deps: memoryDependencies(), retagLimit: 10 };
}

async function sourcesFile(content: unknown): Promise<string> {
  const file = join(dir, `sources-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(content));
  return file;
}

describe('stance reingest', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    return () => vi.restoreAllMocks();
  });

  it('prints a line per source and a summary, and exits 1 when a source failed', async () => {
    const file = await sourcesFile({ sources: [{ url: server.url('/feeds/rss.xml'), name: 'Gazette' }, { url: server.url('/feeds/error') }] });
    const ctx = context();
    const code = await run(['--sources', file, '--allow-loopback'], async () => ctx);
    expect(code).toBe(1);
    expect(lines.filter((l) => /^(new|unchanged|failed) /.test(l))).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^new +Gazette <.*\/feeds\/rss.xml>: 2 item\(s\), 2 not stored yet, 2 new$/));
    expect(lines).toContainEqual(expect.stringMatching(/^failed +.*\/feeds\/error: http-status: HTTP 500/));
    expect(lines.at(-1)).toBe(`reingest ${tracker.id}: 2 source(s), 2 new, 0 unchanged, 1 failed, 0 re-tagged`);

    lines.length = 0;
    const again = await sourcesFile([{ url: server.url('/feeds/rss.xml'), name: 'Gazette' }]);
    expect(await run(['--sources', again, '--allow-loopback'], async () => ctx)).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(/^unchanged +Gazette <.*>: not modified since the last read$/));
    expect(lines.at(-1)).toBe(`reingest ${tracker.id}: 1 source(s), 0 new, 1 unchanged, 0 failed, 0 re-tagged`);
  });

  it("reads the tracker's own sources without --sources, refusing loopback unless allowed", async () => {
    const code = await run([], async () => context([{ url: server.url('/feeds/atom.xml'), kind: 'feed' }]));
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/refused-address: .*loopback/));
  });

  it('rejects a sources file that breaks the schema, naming the entry', async () => {
    const file = await sourcesFile([{ url: 'ftp://example.org/feed' }]);
    await expect(run(['--sources', file], async () => context())).rejects.toThrow(ValidationError);
    await expect(run(['--sources', file], async () => context())).rejects.toThrow(/\[0\]\.url: a source URL must be http or https/);
    await expect(run(['--sources', join(dir, 'missing.json')], async () => context())).rejects.toThrow(/no such file/);
  });

  it('rejects unknown flags and bad numbers as usage errors', async () => {
    await expect(run(['--frobnicate'], async () => context())).rejects.toThrow(UsageError);
    await expect(run(['--retag-limit', 'many'], async () => context())).rejects.toThrow(/--retag-limit needs a whole number/);
  });
});

describe('the scheduled Lambda', () => {
  it('runs the tracker sources without ever allowing loopback, and returns the totals', async () => {
    const ctx = context([{ url: server.url('/feeds/rss.xml'), kind: 'feed' }]);
    ctx.deps.retagger.versions.set('old-doc', { taggerVersion: 'old', trackerVersion: 'old' });
    const reingest = createReingest({ open: async () => ctx });
    logger.setLogLevel('SILENT');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const result = await reingest({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }, { getRemainingTimeInMillis: () => 600_000 });
      expect(result).toEqual({ trackerId: tracker.id, sources: 1, new: 0, unchanged: 0, failed: 1, retagged: 1 });
    } finally {
      vi.restoreAllMocks();
      logger.setLogLevel('INFO');
    }
  });

  it('reads the sources it is given, with the fetch options it is given (the local stack)', async () => {
    const ctx = context([]);
    const reingest = createReingest({ open: async () => ctx, fetch: { allowLoopback: true }, sources: [{ url: server.url('/feeds/atom.xml'), kind: 'feed' }] });
    logger.setLogLevel('SILENT');
    try {
      expect(await reingest({ detail: {} })).toMatchObject({ sources: 1, new: 2, failed: 0 });
    } finally {
      logger.setLogLevel('INFO');
    }
  });

  it('rejects an event that is not an object', async () => {
    await expect(createReingest({ open: async () => context() })('not an event')).rejects.toThrow(ValidationError);
  });

  it('counts failures per reason as metrics', () => {
    const into = new Metrics({ namespace: 'Test', serviceName: 'reingest' });
    const single = new Metrics({ namespace: 'Test', serviceName: 'reingest' });
    const singles: Array<{ dimension: [string, string]; value: number }> = [];
    vi.spyOn(into, 'singleMetric').mockImplementation(() => {
      let dimension: [string, string] = ['', ''];
      vi.spyOn(single, 'addDimension').mockImplementation((name, value) => {
        dimension = [name, value];
        return single;
      });
      vi.spyOn(single, 'addMetric').mockImplementation((_n, _u, value) => {
        singles.push({ dimension, value });
        return single;
      });
      return single;
    });
    const failed = (reason: string) => ({ status: 'failed', failure: { reason, message: '' } }) as never;
    recordMetrics(
      { trackerId: 't', sources: 3, new: 2, unchanged: 0, failed: 3, retagged: 4, duplicates: 1, itemFailures: 0, reports: [failed('timeout'), failed('timeout'), failed('refused-address')], retag: { retagged: 4, failed: [], complete: true } },
      into,
    );
    const emf = into.serializeMetrics() as unknown as Record<string, unknown>;
    expect(emf).toMatchObject({ SourcesRead: 3, SourcesFailed: 3, DocumentsIngested: 2, DocumentsRetagged: 4, DocumentsDuplicate: 1 });
    expect(singles).toEqual([
      { dimension: ['reason', 'timeout'], value: 2 },
      { dimension: ['reason', 'refused-address'], value: 1 },
    ]);
    vi.restoreAllMocks();
  });
});
