// One scheduled re-ingestion run for one tracker: read every source (conditionally),
// fetch the pages of items not seen before, extract their articles, ingest them through
// the same path as POST /documents, then re-tag a bounded batch of stored documents that
// an older tagger or tracker version tagged. One failing source never stops the others.
//
// The run talks to storage only through the small interfaces below, so that it is tested
// with in-memory fakes and wired to DynamoDB in one adapter file (./adapters.ts).
import { SourceError, type SourceFailureReason } from '../errors.js';
import { TAGGER_VERSION } from '../core/tagger.js';
import { trackerVersion, type Source, type Tracker } from '../core/tracker.js';
import { extractArticle, type ExtractOptions } from './extract.js';
import { parseFeed, type FeedItem } from './feed.js';
import { bodyText, safeFetch, type FetchOptions } from './fetch.js';

/** A document found in a source, in the shape POST /documents takes. */
export interface SourcedDocument {
  url: string;
  title?: string;
  text: string;
  publishedAt?: string;
  /** The feed or page it came from. */
  source: string;
}

export interface IngestOutcome {
  /** Documents stored (and queued for tagging) by this call. */
  accepted: number;
  /** Documents dropped because their URL or content hash is already stored. */
  duplicates: number;
}

/** The ingest path behind POST /documents: validation, dedup, storage, queueing. */
export interface Ingestor {
  ingest(tracker: Tracker, documents: SourcedDocument[]): Promise<IngestOutcome>;
}

/** Validators remembered from a source's last complete read. */
export interface SourceValidators {
  etag?: string;
  lastModified?: string;
}

export interface SourceStateStore {
  getValidators(trackerId: string, sourceUrl: string): Promise<SourceValidators | undefined>;
  putValidators(trackerId: string, sourceUrl: string, validators: SourceValidators): Promise<void>;
  /** Which of these item URLs earlier runs already ingested (or found to be duplicates). */
  seenItems(trackerId: string, sourceUrl: string, itemUrls: string[]): Promise<Set<string>>;
  markItemsSeen(trackerId: string, sourceUrl: string, itemUrls: string[]): Promise<void>;
}

export interface TaggingVersion {
  taggerVersion: string;
  trackerVersion: string;
}

export interface StaleDocuments {
  /** Ids of the tracker's documents tagged under another version, in a stable order after `cursor`. */
  listStale(trackerId: string, current: TaggingVersion, limit: number, cursor?: string): Promise<{ documentIds: string[]; cursor?: string }>;
  /** Where the last run stopped; undefined to start from the beginning. */
  getRetagCursor(trackerId: string): Promise<string | undefined>;
  putRetagCursor(trackerId: string, cursor: string | undefined): Promise<void>;
}

/** The tag path: tags a stored document and replaces its records exactly once. */
export interface Retagger {
  retag(tracker: Tracker, documentId: string): Promise<void>;
}

export interface ReingestDependencies {
  ingestor: Ingestor;
  state: SourceStateStore;
  stale: StaleDocuments;
  retagger: Retagger;
}

export interface ReingestOptions {
  fetch?: FetchOptions;
  extract?: ExtractOptions;
  /** Items read from one feed per run, newest first as the feed lists them. */
  maxItemsPerSource?: number;
  /** Sources read at the same time. */
  concurrency?: number;
  /** Stored documents re-tagged per run; 0 skips re-tagging. */
  retagLimit?: number;
  onSource?: (report: SourceReport) => void;
  /**
   * Epoch milliseconds after which no new source or item page is started (a Lambda's
   * remaining time). What is left is reported with reason `deadline` and read next run.
   */
  stopAt?: number;
}

export interface Failure {
  reason: SourceFailureReason | 'unexpected';
  message: string;
  url?: string;
}

export interface SourceReport {
  url: string;
  name?: string;
  kind: Source['kind'];
  /** new: documents were ingested; unchanged: nothing new (304 or no unseen items); failed: see `failure`. */
  status: 'new' | 'unchanged' | 'failed';
  /** Items listed by the feed (1 for a page). */
  items: number;
  /** Items not seen before, whose pages were fetched. */
  fresh: number;
  ingested: number;
  duplicates: number;
  /** Item pages that could not be read; they are tried again next run. */
  itemFailures: Failure[];
  failure?: Failure;
}

export interface RetagReport {
  retagged: number;
  failed: Failure[];
  /** True when the batch reached the end of the stale documents. */
  complete: boolean;
}

export interface ReingestSummary {
  trackerId: string;
  sources: number;
  /** Documents ingested. */
  new: number;
  /** Sources with nothing new. */
  unchanged: number;
  /** Sources that failed. */
  failed: number;
  /** Documents re-tagged. */
  retagged: number;
  duplicates: number;
  itemFailures: number;
  reports: SourceReport[];
  retag: RetagReport;
}

export const RUN_DEFAULTS = { maxItemsPerSource: 50, concurrency: 4, retagLimit: 200 } as const;

const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

function asFailure(err: unknown): Failure {
  if (err instanceof SourceError) return { reason: err.reason, message: err.message, url: err.url };
  return { reason: 'unexpected', message: err instanceof Error ? err.message : String(err) };
}

async function readArticle(url: string, options: ReingestOptions, fallback: Partial<FeedItem> = {}) {
  const page = await safeFetch(url, { ...options.fetch, accept: PAGE_ACCEPT, etag: undefined, lastModified: undefined });
  if (page.kind !== 'fetched') throw new SourceError('http-status', `unexpected 304 from ${url}`, url);
  const article = extractArticle(bodyText(page.body, page.contentType), page.finalUrl, options.extract);
  return { ...article, title: article.title ?? fallback.title, publishedAt: article.publishedAt ?? fallback.publishedAt };
}

async function ingestBatch(deps: ReingestDependencies, tracker: Tracker, documents: SourcedDocument[]): Promise<IngestOutcome> {
  try {
    return await deps.ingestor.ingest(tracker, documents);
  } catch (err) {
    // A validation or storage failure of this source's batch: its items stay unseen and are retried.
    throw new SourceError('ingest', `ingesting ${documents.length} document(s) failed: ${(err as Error).message}`);
  }
}

async function readFeedSource(source: Source, tracker: Tracker, deps: ReingestDependencies, options: ReingestOptions, report: SourceReport): Promise<void> {
  const validators = await deps.state.getValidators(tracker.id, source.url);
  const response = await safeFetch(source.url, { ...options.fetch, accept: FEED_ACCEPT, ...validators });
  if (response.kind === 'not-modified') return;
  const feed = parseFeed(bodyText(response.body, response.contentType), response.finalUrl);
  const items = feed.items.slice(0, options.maxItemsPerSource ?? RUN_DEFAULTS.maxItemsPerSource);
  report.items = items.length;
  const seen = await deps.state.seenItems(tracker.id, source.url, items.map((i) => i.url));
  const fresh = items.filter((i) => !seen.has(i.url));
  report.fresh = fresh.length;

  const documents: SourcedDocument[] = [];
  for (const item of fresh) {
    try {
      checkDeadline(options, item.url);
      const article = await readArticle(item.url, options, item);
      documents.push({ url: item.url, title: article.title, text: article.text, publishedAt: article.publishedAt, source: source.url });
    } catch (err) {
      report.itemFailures.push({ ...asFailure(err), url: item.url });
    }
  }
  if (fresh.length > 0 && documents.length === 0) {
    const first = report.itemFailures[0]!;
    throw new SourceError(first.reason === 'unexpected' ? 'no-article' : first.reason, `none of ${fresh.length} new item(s) could be read; first: ${first.message}`, first.url);
  }
  if (documents.length > 0) {
    const outcome = await ingestBatch(deps, tracker, documents);
    report.ingested = outcome.accepted;
    report.duplicates = outcome.duplicates;
    await deps.state.markItemsSeen(tracker.id, source.url, documents.map((d) => d.url));
  }
  // Remember the validators only once every item was read: otherwise the next run would
  // get a 304 and never retry the items that failed.
  if (report.itemFailures.length === 0) {
    await deps.state.putValidators(tracker.id, source.url, { etag: response.etag, lastModified: response.lastModified });
  }
}

async function readPageSource(source: Source, tracker: Tracker, deps: ReingestDependencies, options: ReingestOptions, report: SourceReport): Promise<void> {
  const validators = await deps.state.getValidators(tracker.id, source.url);
  const response = await safeFetch(source.url, { ...options.fetch, accept: PAGE_ACCEPT, ...validators });
  report.items = 1;
  if (response.kind === 'not-modified') return;
  report.fresh = 1;
  const article = extractArticle(bodyText(response.body, response.contentType), response.finalUrl, options.extract);
  const outcome = await ingestBatch(deps, tracker, [{ url: source.url, title: article.title, text: article.text, publishedAt: article.publishedAt, source: source.url }]);
  report.ingested = outcome.accepted;
  report.duplicates = outcome.duplicates;
  await deps.state.putValidators(tracker.id, source.url, { etag: response.etag, lastModified: response.lastModified });
}

function checkDeadline(options: ReingestOptions, url: string): void {
  if (options.stopAt !== undefined && Date.now() >= options.stopAt) {
    throw new SourceError('deadline', 'the run ran out of time before reading this; it is read next run', url);
  }
}

/** Reads one source; never throws: a failure is in the report. */
export async function readSource(source: Source, tracker: Tracker, deps: ReingestDependencies, options: ReingestOptions = {}): Promise<SourceReport> {
  const report: SourceReport = {
    url: source.url,
    name: source.name,
    kind: source.kind,
    status: 'unchanged',
    items: 0,
    fresh: 0,
    ingested: 0,
    duplicates: 0,
    itemFailures: [],
  };
  try {
    checkDeadline(options, source.url);
    if (source.kind === 'page') await readPageSource(source, tracker, deps, options, report);
    else await readFeedSource(source, tracker, deps, options, report);
    report.status = report.ingested > 0 ? 'new' : 'unchanged';
  } catch (err) {
    report.status = 'failed';
    report.failure = { ...asFailure(err) };
    report.failure.url ??= source.url;
  }
  return report;
}

/** Re-tags up to `limit` documents tagged under another version, from where the last run stopped. */
export async function retagStale(tracker: Tracker, deps: ReingestDependencies, limit: number, stopAt?: number): Promise<RetagReport> {
  const report: RetagReport = { retagged: 0, failed: [], complete: true };
  if (limit <= 0) return report;
  const current = { taggerVersion: TAGGER_VERSION, trackerVersion: trackerVersion(tracker) };
  const start = await deps.stale.getRetagCursor(tracker.id);
  const page = await deps.stale.listStale(tracker.id, current, limit, start);
  for (const documentId of page.documentIds) {
    if (stopAt !== undefined && Date.now() >= stopAt) {
      // Out of time: keep the old cursor; the documents done are no longer stale, so the
      // next run lists only what is left.
      report.complete = false;
      return report;
    }
    try {
      await deps.retagger.retag(tracker, documentId);
      report.retagged++;
    } catch (err) {
      report.failed.push({ ...asFailure(err), url: documentId });
    }
  }
  report.complete = page.cursor === undefined;
  // Past the end the next run starts over: documents tagged since may have gone stale,
  // and those that failed here are tried again.
  await deps.stale.putRetagCursor(tracker.id, page.cursor);
  return report;
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the results. */
async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** Reads every source of the tracker (or the given list), then re-tags stale documents. */
export async function runReingest(
  tracker: Tracker,
  deps: ReingestDependencies,
  options: ReingestOptions = {},
  sources: Source[] = tracker.sources,
): Promise<ReingestSummary> {
  const reports = await pooled(
    sources.map((source) => async () => {
      const report = await readSource(source, tracker, deps, options);
      options.onSource?.(report);
      return report;
    }),
    options.concurrency ?? RUN_DEFAULTS.concurrency,
  );
  const retag = await retagStale(tracker, deps, options.retagLimit ?? RUN_DEFAULTS.retagLimit, options.stopAt);
  const count = (status: SourceReport['status']) => reports.filter((r) => r.status === status).length;
  return {
    trackerId: tracker.id,
    sources: reports.length,
    new: reports.reduce((n, r) => n + r.ingested, 0),
    unchanged: count('unchanged'),
    failed: count('failed'),
    retagged: retag.retagged,
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    itemFailures: reports.reduce((n, r) => n + r.itemFailures.length, 0),
    reports,
    retag,
  };
}

/** One line per source for people and logs. */
export function describeSource(report: SourceReport): string {
  const label = report.name ? `${report.name} <${report.url}>` : report.url;
  if (report.status === 'failed') return `failed    ${label}: ${report.failure!.reason}: ${report.failure!.message}`;
  const parts = [`${report.items} item(s)`, `${report.fresh} unseen`, `${report.ingested} new`];
  if (report.duplicates) parts.push(`${report.duplicates} duplicate(s)`);
  if (report.itemFailures.length) parts.push(`${report.itemFailures.length} item(s) failed, retried next run (first: ${report.itemFailures[0]!.reason}: ${report.itemFailures[0]!.message})`);
  return `${report.status.padEnd(9)} ${label}: ${parts.join(', ')}`;
}

export function describeSummary(summary: ReingestSummary): string {
  return `reingest ${summary.trackerId}: ${summary.sources} source(s), ${summary.new} new, ${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.retagged} re-tagged` +
    (summary.retag.failed.length ? `, ${summary.retag.failed.length} re-tag failure(s)` : '');
}
