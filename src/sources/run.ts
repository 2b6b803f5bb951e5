// One scheduled re-ingestion run for one tracker: read every source (conditionally),
// fetch the pages of items not seen before, extract their articles, ingest them through
// the same path as POST /documents, then re-tag a bounded batch of stored documents that
// an older tagger or tracker version tagged. One failing source never stops the others.
//
// The run talks to storage only through the small interfaces below, so that it is tested
// with in-memory fakes and wired to DynamoDB in one adapter file (./adapters.ts).
import { SourceError, type SourceFailureReason } from '../errors.js';
import type { Source, Tracker } from '../core/tracker.js';
import type { Article, ExtractOptions } from './extract.js';
import { parseFeed, type FeedItem } from './feed.js';
import { bodyText, safeFetch, type FetchOptions } from './fetch.js';
import { readableText } from './readable-text.js';

/** A document found in a source, in the shape POST /documents takes. */
export interface SourcedDocument {
  url: string;
  title?: string;
  text: string;
  publishedAt?: string;
  /** The source's name, or its URL: a label for people. */
  source: string;
}

/** created: a new document; updated: a new text under a known URL; duplicate: nothing stored. */
export type IngestStatus = 'created' | 'updated' | 'duplicate';

/** The ingest path behind POST /documents: validation, dedup by URL and content, storage, queueing. */
export interface Ingestor {
  ingest(tracker: Tracker, document: SourcedDocument): Promise<IngestStatus>;
  /** Which of these URLs the tracker already holds a document for: their pages are not fetched again. */
  knownUrls(tracker: Tracker, urls: string[]): Promise<Set<string>>;
}

/** Validators remembered from a source's last complete read. */
export interface SourceValidators {
  etag?: string;
  lastModified?: string;
}

export interface SourceStateStore {
  getValidators(trackerId: string, sourceUrl: string): Promise<SourceValidators | undefined>;
  putValidators(trackerId: string, sourceUrl: string, validators: SourceValidators): Promise<void>;
}

export interface RetagBatch {
  retagged: number;
  failed: Array<{ documentId: string; error: string }>;
  /** Where the next batch starts; undefined once every stale document has been seen. */
  cursor?: string;
}

/** The tag path's re-tagging of documents tagged by an older tagger or tracker version. */
export interface Retagger {
  /** Tags at most `limit` stale documents from `cursor`, each through the exactly-once replacement. */
  retagStale(tracker: Tracker, limit: number, cursor: string | undefined): Promise<RetagBatch>;
  /** Where the last run stopped; undefined to start from the beginning. */
  getCursor(trackerId: string): Promise<string | undefined>;
  putCursor(trackerId: string, cursor: string | undefined): Promise<void>;
}

/** A news page read as an article: fetched (conditionally, with validators) and extracted. */
export type PageRead =
  | { kind: 'not-modified' }
  | { kind: 'article'; article: Article; etag?: string | undefined; lastModified?: string | undefined };

export interface PageRequest {
  validators?: SourceValidators | undefined;
  /** The run's fetch policy; only the in-process reader takes one (the article function has its own). */
  fetch?: FetchOptions | undefined;
  extract?: ExtractOptions | undefined;
}

/**
 * Fetches and extracts article pages: in this process (./pages.ts: the CLI, the local stack,
 * tests), or in the article function (./article-function.ts), the one Lambda whose bundle
 * carries the HTML parser. Failures are SourceErrors.
 */
export interface PageReader {
  read(url: string, request: PageRequest): Promise<PageRead>;
}

export interface ReingestDependencies {
  ingestor: Ingestor;
  state: SourceStateStore;
  retagger: Retagger;
  pages: PageReader;
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
  /** new: documents were ingested; unchanged: nothing new (304, every item already stored, or only duplicates); failed: see `failure`. */
  status: 'new' | 'unchanged' | 'failed';
  /** The source answered 304 to the remembered validators. */
  notModified: boolean;
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
  /** `url` holds the document id. */
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

function asFailure(err: unknown): Failure {
  if (err instanceof SourceError) return { reason: err.reason, message: err.message, url: err.url };
  return { reason: 'unexpected', message: err instanceof Error ? err.message : String(err) };
}

async function readArticle(url: string, deps: ReingestDependencies, options: ReingestOptions, fallback: Partial<FeedItem> = {}) {
  const page = await deps.pages.read(url, { fetch: options.fetch, extract: options.extract });
  if (page.kind !== 'article') throw new SourceError('http-status', `unexpected 304 from ${url}`, url);
  const { article } = page;
  return { ...article, title: article.title ?? fallback.title, publishedAt: article.publishedAt ?? fallback.publishedAt };
}

/** The label stored with a document: the ingest path keeps at most 200 characters. */
function sourceLabel(source: Source): string {
  return (source.name ?? source.url).slice(0, 200);
}

function sourcedDocument(url: string, source: Source, article: { title?: string; text: string; publishedAt?: string }): SourcedDocument {
  const title = article.title === undefined ? undefined : readableText(article.title).replace(/\s+/g, ' ').trim().slice(0, 1000) || undefined;
  return { url, title, text: readableText(article.text), publishedAt: article.publishedAt, source: readableText(sourceLabel(source)).slice(0, 200) };
}

async function ingestOne(deps: ReingestDependencies, tracker: Tracker, document: SourcedDocument, report: SourceReport): Promise<void> {
  let status: IngestStatus;
  try {
    status = await deps.ingestor.ingest(tracker, document);
  } catch (err) {
    // Validation or storage failed for this document: it is not stored, so it is read again next run.
    throw new SourceError('ingest', `ingesting ${document.url} failed: ${(err as Error).message}`, document.url);
  }
  if (status === 'duplicate') report.duplicates++;
  else report.ingested++;
}

async function readFeedSource(source: Source, tracker: Tracker, deps: ReingestDependencies, options: ReingestOptions, report: SourceReport): Promise<void> {
  const validators = await deps.state.getValidators(tracker.id, source.url);
  const response = await safeFetch(source.url, { ...options.fetch, accept: FEED_ACCEPT, ...validators });
  if (response.kind === 'not-modified') return void (report.notModified = true);
  const feed = parseFeed(bodyText(response.body, response.contentType), response.finalUrl);
  const items = feed.items.slice(0, options.maxItemsPerSource ?? RUN_DEFAULTS.maxItemsPerSource);
  report.items = items.length;
  const known = await deps.ingestor.knownUrls(tracker, items.map((i) => i.url));
  const fresh = items.filter((i) => !known.has(i.url));
  report.fresh = fresh.length;

  for (const item of fresh) {
    try {
      checkDeadline(options, item.url);
      const article = await readArticle(item.url, deps, options, item);
      await ingestOne(deps, tracker, sourcedDocument(item.url, source, article), report);
    } catch (err) {
      report.itemFailures.push({ ...asFailure(err), url: (err instanceof SourceError && err.url) || item.url });
    }
  }
  if (fresh.length > 0 && report.itemFailures.length === fresh.length) {
    const first = report.itemFailures[0]!;
    throw new SourceError(first.reason === 'unexpected' ? 'no-article' : first.reason, `none of ${fresh.length} new item(s) could be read; first: ${first.message}`, first.url);
  }
  // Remember the validators only once every item was read: otherwise the next run would
  // get a 304 and never retry the items that failed.
  if (report.itemFailures.length === 0) {
    await deps.state.putValidators(tracker.id, source.url, { etag: response.etag, lastModified: response.lastModified });
  }
}

async function readPageSource(source: Source, tracker: Tracker, deps: ReingestDependencies, options: ReingestOptions, report: SourceReport): Promise<void> {
  const validators = await deps.state.getValidators(tracker.id, source.url);
  const page = await deps.pages.read(source.url, { validators, fetch: options.fetch, extract: options.extract });
  report.items = 1;
  if (page.kind === 'not-modified') return void (report.notModified = true);
  report.fresh = 1;
  await ingestOne(deps, tracker, sourcedDocument(source.url, source, page.article), report);
  await deps.state.putValidators(tracker.id, source.url, { etag: page.etag, lastModified: page.lastModified });
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
    notModified: false,
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
  if (limit <= 0) return { retagged: 0, failed: [], complete: true };
  if (stopAt !== undefined && Date.now() >= stopAt) return { retagged: 0, failed: [], complete: false };
  let batch: RetagBatch;
  try {
    batch = await deps.retagger.retagStale(tracker, limit, await deps.retagger.getCursor(tracker.id));
    // Past the end the next run starts over: documents tagged since may have gone stale,
    // and those that failed here are tried again.
    await deps.retagger.putCursor(tracker.id, batch.cursor);
  } catch (err) {
    // The sources' work is done and reported; a re-tagging that cannot start waits for the next run.
    return { retagged: 0, failed: [{ ...asFailure(err), message: `re-tagging failed: ${asFailure(err).message}` }], complete: false };
  }
  return {
    retagged: batch.retagged,
    failed: batch.failed.map((f) => ({ reason: 'unexpected' as const, message: f.error, url: f.documentId })),
    complete: batch.cursor === undefined,
  };
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
  const line = (text: string) => `${report.status.padEnd(9)} ${label}: ${text}`;
  if (report.status === 'failed') return line(`${report.failure!.reason}: ${report.failure!.message}`);
  if (report.notModified) return line('not modified since the last read');
  const parts =
    report.kind === 'page'
      ? [report.ingested ? 'new text stored' : 'same text as stored']
      : [`${report.items} item(s)`, `${report.fresh} not stored yet`, `${report.ingested} new`];
  if (report.kind === 'feed' && report.duplicates) parts.push(`${report.duplicates} duplicate(s)`);
  if (report.itemFailures.length) {
    const first = report.itemFailures[0]!;
    parts.push(`${report.itemFailures.length} item(s) failed, retried next run (first: ${first.reason}: ${first.message})`);
  }
  return line(parts.join(', '));
}

export function describeSummary(summary: ReingestSummary): string {
  return `reingest ${summary.trackerId}: ${summary.sources} source(s), ${summary.new} new, ${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.retagged} re-tagged` +
    (summary.retag.failed.length ? `, ${summary.retag.failed.length} re-tag failure(s)` : '');
}
