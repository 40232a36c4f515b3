import type MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';

/** What the index holds for one code. */
export interface SearchDocument {
  id: number;
  code: string;
  phrase: string;
  aliases: string;
  keywords: string;
  summary: string;
  /** The page's prose (meaning, causes, fixes, mistakes), indexed but not stored. */
  text: string;
  status: string;
  /** The tag the index shows beside the phrase (unofficial and who sends it, unused, temporary), or ''. */
  tag: string;
}

export interface SearchHit {
  code: number;
  phrase: string;
  summary: string;
  status: string;
  tag: string;
}

export interface Ranking {
  hits: SearchHit[];
  /** The query was exactly this code: go to its page. */
  redirect?: number;
  /** Nothing matched; this is the likeliest thing meant. */
  suggestion?: SearchHit;
}

export declare const SEARCH_OPTIONS: SearchOptions;
export declare const INDEX_OPTIONS: Options<SearchDocument>;
export declare function rankCodes(index: MiniSearch<SearchDocument>, query: string, limit?: number): Ranking;
