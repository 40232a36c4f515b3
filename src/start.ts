import { stat } from 'node:fs/promises';
import { buildCatalog } from './catalog/build.js';
import { loadCatalog } from './catalog/load-catalog.js';
import { CATALOG_FILE, CONTENT_DIR } from './catalog/paths.js';
import { isCatalogStale } from './catalog/staleness.js';

/** `npm start`: builds the catalog when it is missing or older than the content, then summarises it. */
async function start(): Promise<number> {
  if (await isCatalogStale(CATALOG_FILE, [CONTENT_DIR, new URL('./catalog/', import.meta.url).pathname])) {
    const code = await buildCatalog();
    if (code !== 0) return code;
  }
  const catalog = await loadCatalog(CATALOG_FILE);
  const byClass = new Map<string, number>();
  for (const entry of catalog.codes) byClass.set(entry.class, (byClass.get(entry.class) ?? 0) + 1);
  const built = (await stat(CATALOG_FILE)).mtime.toISOString();
  console.log(
    `httpstatus catalog: ${catalog.codes.length} codes (${[...byClass].map(([cls, n]) => `${cls} ${n}`).join(', ')}), built ${built}`,
  );
  return 0;
}

process.exitCode = await start();
