// RSS 2.0, RSS 1.0 (RDF) and Atom feeds into the list of items they link to.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError } from '../errors.js';

export interface FeedItem {
  /** Absolute http(s) URL of the item's page. */
  url: string;
  title?: string;
  /** ISO 8601, when the feed dates the item. */
  publishedAt?: string;
}

export interface Feed {
  title?: string;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  // Entity expansion stays on (feeds use &amp; and friends) under the parser's limits.
  processEntities: { enabled: true, maxEntityCount: 50, maxExpandedLength: 100_000 },
  isArray: (name) => ['item', 'entry', 'link', 'guid'].includes(name),
});

type Node = unknown;

function text(node: Node): string | undefined {
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'string' || typeof node === 'number') return String(node).trim() || undefined;
  if (node && typeof node === 'object' && '#text' in node) return text((node as Record<string, Node>)['#text']);
  return undefined;
}

function plainTitle(node: Node): string | undefined {
  const value = text(node);
  return value?.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || undefined;
}

function isoDate(...candidates: Node[]): string | undefined {
  for (const candidate of candidates) {
    const value = text(candidate);
    if (!value) continue;
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return undefined;
}

function absoluteHttpUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

function asArray(node: Node): Node[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

function rssItem(item: Record<string, Node>, base: string): FeedItem | undefined {
  const guid = asArray(item.guid)[0] as Record<string, Node> | string | undefined;
  const guidIsLink = typeof guid === 'string' || (guid !== undefined && guid['@_isPermaLink'] !== 'false');
  const url = absoluteHttpUrl(text(item.link) ?? (guidIsLink ? text(guid) : undefined), base);
  if (!url) return undefined;
  return { url, title: plainTitle(item.title), publishedAt: isoDate(item.pubDate, item['dc:date']) };
}

function atomEntry(entry: Record<string, Node>, base: string): FeedItem | undefined {
  const links = asArray(entry.link) as Array<Record<string, Node>>;
  const link = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  const url = absoluteHttpUrl(text(link?.['@_href']), base);
  if (!url) return undefined;
  return { url, title: plainTitle(entry.title), publishedAt: isoDate(entry.published, entry.updated) };
}

/** Parses a feed fetched from `feedUrl` (relative item links resolve against it). */
export function parseFeed(xml: string, feedUrl: string): Feed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SourceError('malformed-feed', `malformed XML at line ${valid.err.line}: ${valid.err.msg}`, feedUrl);
  }
  let doc: Record<string, Node>;
  try {
    doc = parser.parse(xml) as Record<string, Node>;
  } catch (err) {
    throw new SourceError('malformed-feed', `unreadable XML: ${(err as Error).message}`, feedUrl);
  }
  let title: string | undefined;
  let items: Array<FeedItem | undefined>;
  const rss = doc.rss as Record<string, Node> | undefined;
  const atom = doc.feed as Record<string, Node> | undefined;
  const rdf = doc['rdf:RDF'] as Record<string, Node> | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (asArray(rss.channel)[0] ?? {}) as Record<string, Node>;
    title = plainTitle(channel.title);
    items = asArray(channel.item).map((i) => rssItem(i as Record<string, Node>, feedUrl));
  } else if (atom && typeof atom === 'object') {
    title = plainTitle(atom.title);
    items = asArray(atom.entry).map((e) => atomEntry(e as Record<string, Node>, feedUrl));
  } else if (rdf && typeof rdf === 'object') {
    title = plainTitle((asArray(rdf.channel)[0] as Record<string, Node> | undefined)?.title);
    items = asArray(rdf.item).map((i) => rssItem(i as Record<string, Node>, feedUrl));
  } else {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new SourceError('not-a-feed', `not an RSS or Atom feed (the root element is <${root}>)`, feedUrl);
  }
  const seen = new Set<string>();
  const unique = items.filter((item): item is FeedItem => {
    if (!item || seen.has(item.url)) return false;
    seen.add(item.url);
    return true;
  });
  return { title, items: unique };
}
