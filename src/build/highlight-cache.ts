import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogEntry, SectionKey } from '../model/catalog.js';
import { type CodeHighlighter, type ColourKey, createCodeHighlighter } from '../site/highlight.js';
import { highlightSections, SECTION_KEYS } from '../site/render-site.js';

interface CachedPage {
  key: string;
  html: Record<SectionKey, string>;
  colours: ColourKey[];
}

interface CacheFile {
  version: string;
  pages: Record<string, CachedPage>;
}

export interface HighlightResult {
  sections: Map<number, Record<SectionKey, string>>;
  colours: Set<ColourKey>;
  /** Codes whose examples were highlighted in this build (the others came from the cache). */
  highlighted: number[];
}

const sectionsKey = (entry: CatalogEntry) =>
  createHash('sha256')
    .update(JSON.stringify(SECTION_KEYS.map((key) => entry.sections[key].html)))
    .digest('base64url');

/**
 * Highlighting is the slow part of rendering (Shiki loads grammars and themes, then tokenises every example), so
 * each page's highlighted sections are kept in `cacheFile`, keyed by the sections' HTML; `version` names the
 * highlighting code and Shiki's version, and a new version empties the cache. Shiki is loaded only on a miss.
 */
export async function highlightWithCache(entries: readonly CatalogEntry[], cacheFile: string, version: string): Promise<HighlightResult> {
  const cache: CacheFile = await readFile(cacheFile, 'utf8')
    .then((text) => JSON.parse(text) as CacheFile)
    .catch(() => ({ version, pages: {} }));
  const pages = cache.version === version ? cache.pages : {};
  let highlighter: CodeHighlighter | undefined;
  const result: HighlightResult = { sections: new Map(), colours: new Set(), highlighted: [] };
  const next: Record<string, CachedPage> = {};
  for (const entry of entries) {
    const key = sectionsKey(entry);
    let page = pages[entry.code];
    if (page?.key !== key) {
      highlighter ??= await createCodeHighlighter();
      const highlighted = highlightSections(entry, highlighter);
      page = { key, html: highlighted.html, colours: highlighted.colours };
      result.highlighted.push(entry.code);
    }
    next[entry.code] = page;
    result.sections.set(entry.code, page.html);
    for (const colour of page.colours) result.colours.add(colour);
  }
  if (result.highlighted.length > 0 || cache.version !== version || Object.keys(pages).length !== entries.length) {
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await writeFile(cacheFile, JSON.stringify({ version, pages: next } satisfies CacheFile));
  }
  return result;
}
