import { readFile } from 'node:fs/promises';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { BuildManifest, BuiltVariant, SearchPageParts } from '../model/manifest.js';
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
 * Loads what `npm run build` wrote: the manifest, then every file and its precompressed forms into memory (a few
 * megabytes), so that a request is a lookup. Fails with a message that says what to run when dist/ is not built.
 */
export async function loadBuiltSite(distDir: string): Promise<BuiltSite> {
  const manifestFile = path.join(distDir, 'manifest.json');
  const manifest = await readFile(manifestFile, 'utf8').then(
    (text) => JSON.parse(text) as BuildManifest,
    (error: Error) => {
      throw new Error(`${manifestFile} cannot be read (${error.message}); run npm run build first`);
    },
  );
  const read = (variant: BuiltVariant): Promise<PreparedVariant> =>
    readFile(path.join(distDir, variant.file)).then((body) => ({ body, etag: variant.etag }));
  const files = new Map<string, PreparedFile>();
  await Promise.all(
    Object.entries(manifest.files).map(async ([urlPath, file]) => {
      const identity = await read(file.identity);
      files.set(urlPath, {
        contentType: file.contentType,
        immutable: file.immutable,
        variants: {
          identity,
          br: file.br ? await read(file.br) : identity,
          gzip: file.gzip ? await read(file.gzip) : identity,
        },
      });
    }),
  );
  const parts = JSON.parse(await readFile(path.join(distDir, manifest.search), 'utf8')) as SearchPageParts;
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
