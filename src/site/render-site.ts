import type { CatalogEntry, SectionKey } from '../model/catalog.js';
import type { SearchPageParts } from '../model/manifest.js';
import { CodeRow } from './code-list.js';
import { CodePage } from './code-page.js';
import type { CodeHighlighter, ColourKey } from './highlight.js';
import { IndexPage } from './index-page.js';
import { displayPhrase } from './labels.js';
import type { SiteMeta } from './layout.js';
import { NotFoundPage } from './not-found-page.js';
import { SearchFrame, ToolFrame } from './search-page.js';

/** Undoes the escaping marked applies to code and text, for the characters it escapes. */
export const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export const SECTION_KEYS: SectionKey[] = [
  'meaning',
  'responseExample',
  'causes',
  'fixes',
  'mistakes',
  'clients',
  'insight',
  'clientExample',
  'serverExample',
];

export interface HighlightedSections {
  html: Record<SectionKey, string>;
  colours: ColourKey[];
}

/** A page's sections with every fenced example highlighted and given a copy button. */
export function highlightSections(entry: CatalogEntry, highlighter: CodeHighlighter): HighlightedSections {
  const colours = new Set<ColourKey>();
  const html = Object.fromEntries(
    SECTION_KEYS.map((key) => [
      key,
      entry.sections[key].html.replace(
        /<pre><code class="language-([\w-]+)">([\s\S]*?)<\/code><\/pre>/g,
        (_match, lang: string, code: string) => {
          // Server-side programs stay uncoloured: three of them would take a code page past one round trip (14 KB).
          const highlighted = highlighter.highlight(unescapeHtml(code).replace(/\n$/, ''), lang, key !== 'serverExample' || lang === 'sh');
          for (const colour of highlighted.colours) colours.add(colour);
          return `<div class="example">${highlighted.html}<button class="copy" type="button" hidden aria-label="Copy ${lang} example">Copy</button></div>`;
        },
      ),
    ]),
  ) as Record<SectionKey, string>;
  return { html, colours: [...colours].sort() };
}

export interface PageInputs {
  entries: readonly CatalogEntry[];
  /** Code → its highlighted sections. */
  sections: ReadonlyMap<number, Record<SectionKey, string>>;
  css: string;
  meta: SiteMeta;
}

const document = (html: string) => `<!doctype html>${html}`;

/** Every HTML page of the site (URL path → HTML), and the parts `/search?q=` is assembled from while serving. */
export function renderPages({ entries, sections, css, meta }: PageInputs): {
  pages: Map<string, string>;
  search: Omit<SearchPageParts, 'index'>;
} {
  const pages = new Map<string, string>();
  const phrases = new Map(entries.map((entry) => [entry.code, displayPhrase(entry)]));
  pages.set('/', document(String(IndexPage({ entries, css, meta }))));
  entries.forEach((entry, index) => {
    const sectionHtml = sections.get(entry.code);
    if (!sectionHtml) throw new Error(`no highlighted sections for ${entry.code}`);
    const page = CodePage({
      entry,
      sectionHtml,
      previous: entries[index - 1],
      next: entries[index + 1],
      phraseOf: (code) => phrases.get(code),
      css,
      meta,
    });
    pages.set(`/codes/${entry.code}`, document(String(page)));
  });
  pages.set('/404', document(String(NotFoundPage({ css, meta }))));
  const frame = document(String(SearchFrame({ css, meta })));
  const toolFrame = document(String(ToolFrame({ css, meta })));
  const rows = Object.fromEntries(entries.map((entry) => [String(entry.code), String(CodeRow({ entry }))]));
  return { pages, search: { frame, toolFrame, rows } };
}
