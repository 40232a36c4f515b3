import { readFile } from 'node:fs/promises';
import type { CatalogEntry, SectionKey } from '../model/catalog.js';
import { CodePage } from './code-page.js';
import { createCodeHighlighter } from './highlight.js';
import { IndexPage } from './index-page.js';
import { NotFoundPage } from './not-found-page.js';
import { buildSearchIndex, searchCodes } from './search-index.js';
import { SearchPage } from './search-page.js';
import { BASE_CSS } from './styles.js';

/** A file of the site, exactly as it is served and exported. */
export interface SiteFile {
  body: Buffer;
  contentType: string;
}

export interface RenderedSite {
  /** URL path → file: `/`, `/codes/421`, `/404`, `/assets/search.js`, … */
  files: Map<string, SiteFile>;
  /** The inline stylesheet, whose hash the Content-Security-Policy allows. */
  css: string;
  /** Renders `/search?q=` (the only page that depends on the request). */
  renderSearch(query: string): Promise<string>;
}

const HTML = 'text/html; charset=utf-8';
const ASSETS = new URL('./assets/', import.meta.url);

const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const SECTION_KEYS: SectionKey[] = ['meaning', 'responseExample', 'causes', 'fixes', 'mistakes', 'clients', 'insight', 'clientExample'];

const document = (html: string) => `<!doctype html>${html}`;

/** Renders every page of the site once: highlighting, CSS, search index. The server and the export share the result. */
export async function renderSite(entries: readonly CatalogEntry[]): Promise<RenderedSite> {
  const highlighter = await createCodeHighlighter();

  // Highlight first: the colour classes handed out decide the stylesheet, which every page inlines.
  const sectionsByCode = new Map<number, Record<SectionKey, string>>();
  for (const entry of entries) {
    const html = Object.fromEntries(
      SECTION_KEYS.map((key) => [
        key,
        entry.sections[key].html.replace(
          /<pre><code class="language-([\w-]+)">([\s\S]*?)<\/code><\/pre>/g,
          (_match, lang: string, code: string) =>
            `<div class="example">${highlighter.highlight(unescapeHtml(code).replace(/\n$/, ''), lang)}<button class="copy" type="button" hidden aria-label="Copy ${lang} example">Copy</button></div>`,
        ),
      ]),
    ) as Record<SectionKey, string>;
    sectionsByCode.set(entry.code, html);
  }
  const css = `${BASE_CSS}${highlighter.css()}`;

  const files = new Map<string, SiteFile>();
  const page = (path: string, html: string) => files.set(path, { body: Buffer.from(document(html)), contentType: HTML });
  const phraseOf = (code: number) => entries.find((entry) => entry.code === code)?.phrase;

  page('/', String(IndexPage({ entries, css })));
  entries.forEach((entry, index) => {
    const sectionHtml = sectionsByCode.get(entry.code);
    if (!sectionHtml) return;
    page(
      `/codes/${entry.code}`,
      String(CodePage({ entry, sectionHtml, previous: entries[index - 1], next: entries[index + 1], phraseOf, css })),
    );
  });
  page('/404', String(NotFoundPage({ css })));
  page('/search', String(SearchPage({ query: '', results: [], css })));

  const searchIndex = buildSearchIndex(entries);
  files.set('/assets/search-index.json', { body: Buffer.from(JSON.stringify(searchIndex)), contentType: 'application/json' });
  for (const name of ['page.js', 'search.js', 'search-options.js']) {
    files.set(`/assets/${name}`, { body: await readFile(new URL(name, ASSETS)), contentType: 'text/javascript; charset=utf-8' });
  }
  files.set('/assets/minisearch.js', {
    body: await readFile(new URL(import.meta.resolve('minisearch'))),
    contentType: 'text/javascript; charset=utf-8',
  });

  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  return {
    files,
    css,
    async renderSearch(query) {
      const results = searchCodes(searchIndex, query).flatMap((hit) => byCode.get(hit.code) ?? []);
      return document(String(SearchPage({ query, results, css })));
    },
  };
}
