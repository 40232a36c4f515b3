import MiniSearch from 'minisearch';
import type { BuildManifest, SearchPageParts } from '../model/manifest.js';
import { INDEX_OPTIONS, type Ranking, rankCodes, type SearchDocument } from '../site/assets/search-rank.js';
import { renderCodeGapPage } from '../site/code-gap-page.js';
import { renderSearchPage } from '../site/search-results.js';
import type { Encoding } from './content-negotiation.js';

export interface PreparedVariant {
  body: Buffer;
  etag: string;
}

/** A file as the build prepared it: its bytes in each coding, each with its strong ETag (RFC 9110 §8.8.3). */
export interface PreparedFile {
  contentType: string;
  immutable: boolean;
  variants: Record<Encoding, PreparedVariant>;
}

/** What the server serves from dist/: every page, asset and API document, and what `/search?q=` is made of. */
export interface BuiltSite {
  /** URL path → file: `/`, `/codes/421`, `/404`, `/search`, `/assets/page.3f9a1c2e41.js`, `/api/codes/421`, … */
  files: Map<string, PreparedFile>;
  /** Logical asset name (`page.js`) → content-hashed URL path. */
  assets: Record<string, string>;
  /** The CSP source of the inline stylesheet. */
  styleHash: string;
  /** The site's ranking for a query (the one the live search, the API and the CLI use). */
  search(query: string): Ranking;
  /** `/search?q=` as HTML, from a ranking. */
  renderSearch(query: string, ranking: Ranking): string;
  /** The frame of /check and /lint, to fill with site/tool-pages.ts. */
  toolFrame: string;
  /** `/codes/NNN` for a three-digit code without a page: what the number is (site/code-gap-page.ts). */
  renderCodeGap(code: string): string;
}

/**
 * The site from files already in memory, the manifest and the search parts, without the file system: what the Node
 * server loads from dist/ and what the edge bundle carries inside itself.
 */
export function siteFrom(
  files: Map<string, PreparedFile>,
  manifest: Pick<BuildManifest, 'assets' | 'styleHash'>,
  parts: SearchPageParts,
): BuiltSite {
  const index = MiniSearch.loadJSON<SearchDocument>(parts.index, INDEX_OPTIONS);
  return {
    files,
    assets: manifest.assets,
    styleHash: manifest.styleHash,
    search: (query) => rankCodes(index, query),
    renderSearch: (query, ranking) => renderSearchPage(parts, ranking, query),
    toolFrame: parts.toolFrame,
    renderCodeGap: (code) => renderCodeGapPage(parts.toolFrame, code, parts.rows),
  };
}
