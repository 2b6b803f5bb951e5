// The article in a news page: its text (paragraphs kept apart, so that the tagger's
// sentences do not run across headings), its title and its publication date.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { SourceError } from '../errors.js';
import { readableText } from './readable-text.js';

export { readableText };

export interface Article {
  title?: string;
  text: string;
  /** ISO 8601, from the page's metadata, when it has one. */
  publishedAt?: string;
}

export interface ExtractOptions {
  /** Shorter texts are navigation, cookie walls or teasers, not articles. */
  minTextLength?: number;
}

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'FIGCAPTION', 'DT', 'DD']);

/** linkedom's document; the DOM lib is not in this project's types. */
type Page = ReturnType<typeof parseHTML>['document'];

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };

/** Text of the article element with one paragraph per block element. */
function paragraphs(root: DomNode): string {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const line = readableText(current).replace(/\s+/g, ' ').trim();
    if (line) out.push(line);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    if (node.nodeName === 'BR') current += ' ';
    const block = BLOCKS.has(node.nodeName);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return out.join('\n\n');
}

function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** datePublished from JSON-LD blocks, including @graph arrays. */
function jsonLdDate(document: Page): string | undefined {
  const visit = (value: unknown): string | undefined => {
    if (Array.isArray(value)) {
      for (const v of value) {
        const found = visit(v);
        if (found) return found;
      }
      return undefined;
    }
    if (!value || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.datePublished === 'string') return isoDate(record.datePublished);
    return visit(record['@graph']);
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')) as DomNode[]) {
    try {
      const found = visit(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A broken JSON-LD block says nothing about the article.
    }
  }
  return undefined;
}

function metaDate(document: Page): string | undefined {
  const selectors = [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date.issued"]',
  ];
  for (const selector of selectors) {
    const found = isoDate(document.querySelector(selector)?.getAttribute('content'));
    if (found) return found;
  }
  return undefined;
}

function timeDate(document: Page): string | undefined {
  const time = document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
  return isoDate(time?.getAttribute('datetime'));
}

/** Extracts the article from a page fetched from `url`; a page with none is a SourceError. */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const minTextLength = options.minTextLength ?? 200;
  // linkedom builds no document element for a fragment; Readability needs one.
  const { document } = parseHTML(/<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  // Dates first: Readability removes scripts and metadata as it works.
  const publishedAt = metaDate(document) ?? jsonLdDate(document) ?? timeDate(document);
  const article = new Readability<DomNode>(document as unknown as ConstructorParameters<typeof Readability>[0], {
    serializer: (node) => node as unknown as DomNode,
  }).parse();
  const text = article?.content ? paragraphs(article.content) : '';
  if (text.length < minTextLength) {
    throw new SourceError('no-article', `no article found in the page (${text.length} characters of text)`, url);
  }
  const title = (article?.title ? readableText(article.title) : '').replace(/\s+/g, ' ').trim() || undefined;
  return { title, text, publishedAt: publishedAt ?? isoDate(article?.publishedTime) };
}
