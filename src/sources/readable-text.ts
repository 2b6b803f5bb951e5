// Scraped text cleaned for the ingest schema, apart from the HTML extraction (./extract.ts),
// so that the re-ingest function cleans what the article function sends without the parser.

/**
 * Scraped text as the ingest schema takes it: control characters (a CMS's stray \u0008, a
 * vertical tab) become spaces and lone surrogates (from &#xD800;) U+FFFD. A page is ours to
 * clean; a client's POST with them is refused instead.
 */
export function readableText(text: string): string {
  return text.replace(/[^\P{Cc}\t\n\r]/gu, ' ').replace(/\p{Cs}/gu, '\uFFFD');
}
