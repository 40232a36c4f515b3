import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, type Ranking, rankCodes, type SearchDocument } from '../site/assets/search-rank.js';

/** The site's search, over the index the build wrote. Loaded only by `httpstatus search`. */
export function searchIndex(indexJson: string, query: string): Ranking {
  return rankCodes(MiniSearch.loadJSON<SearchDocument>(indexJson, INDEX_OPTIONS), query);
}
