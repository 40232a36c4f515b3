import MiniSearch from 'minisearch';
import { INDEX_OPTIONS } from '../site/assets/search-options.js';
import { type SearchDocument, searchCodes } from '../site/search-index.js';

/** The site's search, over the index the build wrote: codes, best first. Loaded only by `httpstatus search`. */
export function searchIndex(indexJson: string, query: string): number[] {
  return searchCodes(MiniSearch.loadJSON<SearchDocument>(indexJson, INDEX_OPTIONS), query).map((hit) => hit.code);
}
