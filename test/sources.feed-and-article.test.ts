import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../src/errors.js';
import { extractArticle, readableText } from '../src/sources/extract.js';
import { DocumentInputSchema } from '../src/pipeline/ingest.js';
import { parseFeed } from '../src/sources/feed.js';

const BASE = 'https://news.example';
const fixture = (name: string) => readFileSync(new URL(`fixtures/feeds/${name}`, import.meta.url), 'utf8').replaceAll('{{base}}', BASE);

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof SourceError) return err.reason;
    throw err;
  }
  return undefined;
}

describe('feed parsing', () => {
  it('reads the items of an RSS 2.0 feed, resolving relative links and dating them', () => {
    const feed = parseFeed(fixture('rss.xml'), `${BASE}/feeds/rss.xml`);
    expect(feed.title).toBe('The Example Gazette: World');
    expect(feed.items).toEqual([
      { url: `${BASE}/articles/kyiv-rejects-cession.html`, title: 'Kyiv rejects ceding territory under the draft plan', publishedAt: '2025-11-21T08:30:00.000Z' },
      { url: `${BASE}/articles/moscow-welcomes-plan.html`, title: 'Kremlin says the plan could be a "basis" for a settlement', publishedAt: '2025-11-21T12:00:00.000Z' },
    ]);
  });

  it('reads the entries of an Atom feed, preferring the alternate link and the published date', () => {
    const feed = parseFeed(fixture('atom.xml'), `${BASE}/feeds/atom.xml`);
    expect(feed.title).toBe('Example Wire & Partners');
    expect(feed.items).toEqual([
      { url: `${BASE}/articles/europe-counterproposal.html`, title: 'European allies draft a counter-proposal', publishedAt: '2025-11-23T09:15:00.000Z' },
      { url: `${BASE}/articles/geneva-talks.html`, title: 'Talks in Geneva end with an updated framework', publishedAt: '2025-11-24T18:45:00.000Z' },
    ]);
  });

  it('reads an RSS 1.0 (RDF) feed and uses a permalink guid when an item has no link', () => {
    const rdf = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>RDF wire</title></channel>
        <item><title>One</title><link>${BASE}/one</link><dc:date>2025-11-20T10:00:00Z</dc:date></item>
      </rdf:RDF>`;
    expect(parseFeed(rdf, BASE).items).toEqual([{ url: `${BASE}/one`, title: 'One', publishedAt: '2025-11-20T10:00:00.000Z' }]);
    const guidOnly = `<rss version="2.0"><channel><item><guid>${BASE}/two</guid></item><item><guid isPermaLink="false">x-3</guid></item></channel></rss>`;
    expect(parseFeed(guidOnly, BASE).items.map((i) => i.url)).toEqual([`${BASE}/two`]);
  });

  it('skips items whose link is not http(s) and lists a repeated link once', () => {
    const xml = `<rss version="2.0"><channel>
      <item><link>javascript:alert(1)</link></item>
      <item><link>${BASE}/a#comments</link></item>
      <item><link>${BASE}/a</link></item>
    </channel></rss>`;
    expect(parseFeed(xml, BASE).items.map((i) => i.url)).toEqual([`${BASE}/a`]);
  });

  it('fails on malformed XML with the line of the fault', () => {
    expect(reasonOf(() => parseFeed(fixture('malformed.xml'), BASE))).toBe('malformed-feed');
    expect(() => parseFeed(fixture('malformed.xml'), BASE)).toThrow(/line 8/);
  });

  it('fails on well-formed XML that is not a feed', () => {
    expect(reasonOf(() => parseFeed('<?xml version="1.0"?><sitemap><loc>x</loc></sitemap>', BASE))).toBe('not-a-feed');
  });

  it('refuses a feed whose entities expand past the limit', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'a'.repeat(5000)}">]>
      <rss version="2.0"><channel><title>${'&a;'.repeat(900)}</title></channel></rss>`;
    expect(reasonOf(() => parseFeed(bomb, BASE))).toBe('malformed-feed');
  });

  it('does not expand entities nested in entities', () => {
    const nested = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
      ${Array.from({ length: 40 }, (_, i) => `<!ENTITY e${i} "&a;&a;&a;&a;&a;">`).join('')}]>
      <rss version="2.0"><channel><title>${Array.from({ length: 40 }, (_, i) => `&e${i};`).join('')}</title></channel></rss>`;
    expect(parseFeed(nested, BASE).title!.length).toBeLessThan(1000);
  });
});

describe('article extraction', () => {
  it('keeps the article text in paragraphs without navigation, sidebar or footer', () => {
    const article = extractArticle(fixture('articles/kyiv-rejects-cession.html'), `${BASE}/a`);
    expect(article.title).toBe('Kyiv rejects ceding territory under the draft plan');
    expect(article.text.split('\n\n')).toHaveLength(3);
    expect(article.text).toMatch(/^Ukrainian President Volodymyr Zelensky said on Friday/);
    expect(article.text).not.toMatch(/Sign in|Most read|All rights reserved/);
  });

  it.each([
    ['kyiv-rejects-cession.html', 'an article:published_time meta tag', '2025-11-21T08:30:00.000Z'],
    ['moscow-welcomes-plan.html', 'JSON-LD datePublished inside @graph', '2025-11-21T12:00:00.000Z'],
    ['europe-counterproposal.html', 'a <time datetime> element', '2025-11-23T09:15:00.000Z'],
  ])('dates %s from %s', (file, _how, date) => {
    expect(extractArticle(fixture(`articles/${file}`), BASE).publishedAt).toBe(date);
  });

  it('fails on a page with no article', () => {
    expect(reasonOf(() => extractArticle(fixture('articles/no-article.html'), BASE))).toBe('no-article');
    expect(reasonOf(() => extractArticle('', BASE))).toBe('no-article');
  });

  it('cleans control characters and lone surrogates out of a scraped page, so the ingest schema takes it', () => {
    const body = `<p>Kyiv\u0008 rejected\u000b the plan &#xD800; on Monday, the ministry said in a long statement.</p>`.repeat(5);
    const article = extractArticle(`<html><head><title>Kyiv\u0001 rejects</title></head><body><article>${body}</article></body></html>`, BASE);
    expect(article.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(article.text).toContain('Kyiv rejected the plan \ufffd on Monday');
    expect(DocumentInputSchema.safeParse({ text: article.text, title: article.title }).success).toBe(true);
    expect(readableText('a\u0000b\tc\n\ud800')).toBe('a b\tc\n\ufffd');
  });
});
