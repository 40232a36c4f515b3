import MiniSearch from 'minisearch';
import type { CatalogEntry } from '../model/catalog.js';
import { INDEX_OPTIONS } from './assets/search-options.js';

/** What a search result carries: enough to render a row without the catalog. */
export interface SearchDocument {
  id: number;
  code: string;
  phrase: string;
  aliases: string;
  summary: string;
}

export function toSearchDocument(entry: CatalogEntry): SearchDocument {
  return { id: entry.code, code: String(entry.code), phrase: entry.phrase, aliases: entry.aliases.join(' · '), summary: entry.summary };
}

export function buildSearchIndex(entries: readonly CatalogEntry[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(entries.map(toSearchDocument));
  return index;
}

export interface SearchHit {
  code: number;
  phrase: string;
  summary: string;
}

/** All words must match; when that finds nothing, any word may (a long query with one stray word still answers). */
export function searchCodes(index: MiniSearch<SearchDocument>, query: string, limit = 20): SearchHit[] {
  const trimmed = query.trim().slice(0, 200);
  if (!trimmed) return [];
  let results = index.search(trimmed);
  if (results.length === 0) results = index.search(trimmed, { combineWith: 'OR' });
  return results
    .slice(0, limit)
    .map((result) => ({ code: Number(result.id), phrase: String(result.phrase), summary: String(result.summary) }));
}
