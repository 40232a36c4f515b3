import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildApiDocuments, JSON_TYPE, OPENAPI_SOURCE } from '../api/api-documents.js';
import { compileCatalog } from '../catalog/compile-catalog.js';
import type { ContentError } from '../catalog/content-error.js';
import type { BuildManifest, SearchPageParts } from '../model/manifest.js';
import { highlightCss } from '../site/highlight.js';
import { renderPages } from '../site/render-site.js';
import { buildSearchIndex } from '../site/search-index.js';
import { renderSearchPage } from '../site/search-results.js';
import { BASE_CSS, styleHash } from '../site/styles.js';
import { buildClientAssets, minifyCss } from './client-assets.js';
import { renderRobots, renderSitemap } from './crawler-files.js';
import { highlightWithCache } from './highlight-cache.js';
import { DEFAULT_SITE_URL } from './site-url.js';
import { MANIFEST_FILE, readBuildState } from './up-to-date.js';
import { type Output, sortKeys, writeOutputs } from './write-outputs.js';

export interface BuildOptions {
  /** The project root: src/ (code, client assets, the OpenAPI description) and package-lock.json. */
  root: string;
  /** The pages, `content/codes/` unless a test builds its own. */
  contentDir: string;
  /** Where everything goes, `dist/`. */
  distDir: string;
  /** The origin the site is published at (site-url.ts); `http://localhost:8421` by default. */
  siteUrl?: string;
  /** Build even when the inputs' digest says nothing changed. */
  force?: boolean;
}

export interface BuildReport {
  /** Nothing had changed since the last build: nothing was read beyond the digest, nothing written. */
  upToDate: boolean;
  /** Content problems; when there are any, nothing is written. */
  errors: ContentError[];
  /** Codes whose examples were highlighted again (the others came from the cache). */
  highlighted: number[];
  /** URL paths whose bytes changed: written, and compressed when textual. */
  written: string[];
  removed: string[];
  codes: number;
}

export const SEARCH_FILE = 'search.json';
const HTML = 'text/html; charset=utf-8';

/** Where a URL path lives under dist/: pages as `.html` (what static hosts serve at the bare path), API documents as `.json`. */
export function fileFor(urlPath: string): string {
  if (urlPath === '/') return 'site/index.html';
  if (urlPath.startsWith('/assets/')) return `site${urlPath}`;
  if (urlPath.startsWith('/api/')) return `api/${urlPath.slice('/api/'.length).replace(/\.json$/, '')}.json`;
  if (/^\/[\w-]+\.(txt|xml)$/.test(urlPath)) return `site${urlPath}`; // robots.txt, sitemap.xml
  return `site${urlPath}.html`;
}

async function writeIfChanged(file: string, text: string): Promise<void> {
  if ((await readFile(file, 'utf8').catch(() => undefined)) === text) return;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const sha256 = (...parts: Array<string | Buffer>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('base64url');
};

/**
 * `npm run build` without the JavaScript: content → catalog → highlighted, rendered and precompressed site and API
 * documents, with a manifest the server loads as is. Incremental (a digest of the inputs decides whether there is
 * anything to do; highlighting is cached per page; only files whose bytes changed are written and compressed) and
 * deterministic (the same inputs give byte-identical files).
 */
export async function buildSite({
  root,
  contentDir,
  distDir,
  siteUrl = DEFAULT_SITE_URL,
  force = false,
}: BuildOptions): Promise<BuildReport> {
  const report: BuildReport = { upToDate: false, errors: [], highlighted: [], written: [], removed: [], codes: 0 };
  const { inputs, previous, upToDate } = await readBuildState(root, contentDir, distDir, siteUrl);
  if (!force && upToDate) {
    return { ...report, upToDate, codes: Object.keys(previous?.files ?? {}).filter((urlPath) => urlPath.startsWith('/codes/')).length };
  }

  const { catalog, errors } = await compileCatalog(contentDir, root);
  if (errors.length > 0) return { ...report, errors };
  const entries = catalog.codes;
  report.codes = entries.length;
  await writeIfChanged(path.join(distDir, 'catalog.json'), `${JSON.stringify(catalog)}\n`);

  const highlightVersion = sha256(
    await readFile(path.join(root, 'src/site/highlight.ts')),
    await readFile(path.join(root, 'src/site/render-site.ts')),
    await readFile(path.join(root, 'package-lock.json')),
  );
  const highlighted = await highlightWithCache(entries, path.join(distDir, '.cache', 'highlight.json'), highlightVersion);
  report.highlighted = highlighted.highlighted;
  const css = await minifyCss(`${BASE_CSS}${highlightCss(highlighted.colours)}`);

  const searchIndex = buildSearchIndex(entries);
  const searchIndexJson = JSON.stringify(searchIndex);
  const assets = await buildClientAssets(path.join(root, 'src/site/assets'), searchIndexJson);
  const assetPath = (name: string) => assets.find((asset) => asset.name === name)?.urlPath ?? '';
  const { pages, search } = renderPages({
    entries,
    sections: highlighted.sections,
    css,
    meta: {
      origin: siteUrl,
      assets: {
        page: assetPath('page.js'),
        search: assetPath('search.js'),
        favicon: assetPath('favicon.svg'),
        ogImage: assetPath('og-card.png'),
      },
    },
  });
  const crawlerFiles: Output[] = [
    { urlPath: '/robots.txt', contentType: 'text/plain; charset=utf-8', text: renderRobots(siteUrl) },
    { urlPath: '/sitemap.xml', contentType: 'application/xml; charset=utf-8', text: renderSitemap(siteUrl, [...pages.keys()]) },
  ].map(({ urlPath, contentType, text }) => ({ urlPath, file: fileFor(urlPath), contentType, immutable: false, body: Buffer.from(text) }));
  const searchParts: SearchPageParts = { ...search, index: searchIndexJson };
  pages.set('/search', renderSearchPage(searchParts, { hits: [] }, ''));

  const outputs: Output[] = [
    ...[...pages].map(([urlPath, html]) => ({
      urlPath,
      file: fileFor(urlPath),
      contentType: HTML,
      immutable: false,
      body: Buffer.from(html),
    })),
    ...assets.map((asset) => ({
      urlPath: asset.urlPath,
      file: fileFor(asset.urlPath),
      contentType: asset.contentType,
      immutable: true,
      body: asset.body,
    })),
    ...crawlerFiles,
    ...[...buildApiDocuments(entries, await readFile(path.join(root, OPENAPI_SOURCE)))].map(([urlPath, body]) => ({
      urlPath,
      file: fileFor(urlPath),
      contentType: JSON_TYPE,
      immutable: false,
      body,
    })),
  ];
  const written = await writeOutputs(distDir, outputs, previous?.files ?? {}, ['site', 'api']);
  report.written = written.written;
  report.removed = written.removed;

  await writeIfChanged(path.join(distDir, SEARCH_FILE), `${JSON.stringify(searchParts)}\n`);
  const manifest: BuildManifest = {
    inputs,
    files: written.files,
    assets: sortKeys(Object.fromEntries(assets.map((asset) => [asset.name, asset.urlPath]))),
    styleHash: styleHash(css),
    search: SEARCH_FILE,
  };
  await writeIfChanged(path.join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`);
  return report;
}
