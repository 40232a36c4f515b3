import type { Options, SearchOptions } from 'minisearch';

export declare const SEARCH_OPTIONS: SearchOptions;
export declare const INDEX_OPTIONS: Options<{ id: number; code: string; phrase: string; aliases: string; summary: string }>;
