// Article pages read in this process: fetched with the run's policy (./fetch.ts), extracted
// (./extract.ts). The CLI, the local stack and the tests use it; the article function
// (functions/article.ts) runs it on Lambda, so that only that bundle carries the HTML parser.
import { extractArticle } from './extract.js';
import { bodyText, safeFetch } from './fetch.js';
import type { PageRead, PageReader, PageRequest } from './run.js';

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export const localPages: PageReader = {
  async read(url: string, request: PageRequest): Promise<PageRead> {
    const { validators, fetch, extract } = request;
    const page = await safeFetch(url, { ...fetch, accept: PAGE_ACCEPT, etag: validators?.etag, lastModified: validators?.lastModified });
    if (page.kind === 'not-modified') return { kind: 'not-modified' };
    const article = extractArticle(bodyText(page.body, page.contentType), page.finalUrl, extract);
    return { kind: 'article', article, etag: page.etag, lastModified: page.lastModified };
  },
};
