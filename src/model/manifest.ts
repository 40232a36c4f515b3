/** One stored form of a served file: its bytes on disk (relative to dist/) and their strong validator. */
export interface BuiltVariant {
  file: string;
  etag: string;
  size: number;
}

/** A URL path of the site or the API, as the build prepared it. */
export interface BuiltFile {
  contentType: string;
  /** Content-hashed assets never change under their name; everything else is revalidated by ETag. */
  immutable: boolean;
  identity: BuiltVariant;
  /** Precompressed forms, for textual files only. */
  br?: BuiltVariant;
  gzip?: BuiltVariant;
}

/** `dist/manifest.json`: what `npm run build` produced and what the server loads; keys sorted, no timestamps. */
export interface BuildManifest {
  /** Digest of every input the build read; a build that finds the same digest has nothing to do. */
  inputs: string;
  /** URL path (`/`, `/codes/421`, `/api/codes/421`, `/assets/page.3f9a1c.js`) → the prepared file. */
  files: Record<string, BuiltFile>;
  /** Logical asset name (`page.js`) → its content-hashed URL path. */
  assets: Record<string, string>;
  /** The CSP source expression (`'sha256-…'`) of the stylesheet every page inlines. */
  styleHash: string;
  /** Runtime data for `/search?q=` (relative to dist/): the page frame and one pre-rendered row per code. */
  search: string;
}

/** `dist/search.json`: what the server needs to answer `/search?q=`, `/check` and `/lint` without rendering JSX. */
export interface SearchPageParts {
  /** The search page with `${SEARCH_SLOTS.*}` where the query and the results go. */
  frame: string;
  /** The frame of the tool pages (/check, /lint): the same slots, an empty search box. */
  toolFrame: string;
  /** Code → its `<li>` row, as the index lists it. */
  rows: Record<string, string>;
  /** The minisearch index, as served to browsers. */
  index: string;
}

/** Placeholders in SearchPageParts.frame; characters no query can produce once HTML-escaped. */
export const SEARCH_SLOTS = {
  title: '\u0001TITLE\u0001',
  description: '\u0001DESCRIPTION\u0001',
  query: '\u0001QUERY\u0001',
  main: '\u0001MAIN\u0001',
} as const;
