import { buildCatalog } from '../catalog/build.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { CATALOG_FILE, CATALOG_SOURCES } from '../catalog/paths.js';
import { isCatalogStale } from '../catalog/staleness.js';
import type { Catalog } from '../model/catalog.js';
import { type RenderedSite, renderSite } from '../site/render-site.js';

/** Builds the catalog when it is missing or older than its sources, then loads it. */
export async function loadFreshCatalog(): Promise<Catalog> {
  if (await isCatalogStale(CATALOG_FILE, CATALOG_SOURCES)) {
    const code = await buildCatalog();
    if (code !== 0) throw new Error('the content has errors (listed above); fix them and start again');
  }
  return loadCatalog(CATALOG_FILE);
}

/** The rendered site alone, for the static export. */
export async function loadSite(): Promise<RenderedSite> {
  const catalog = await loadFreshCatalog();
  return renderSite(catalog.codes);
}
