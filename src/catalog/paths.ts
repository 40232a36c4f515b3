import { fileURLToPath } from 'node:url';

/** Project root, found from this file so that commands work from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CONTENT_DIR = fileURLToPath(new URL('../../content/codes/', import.meta.url));
export const CATALOG_FILE = fileURLToPath(new URL('../../dist/catalog.json', import.meta.url));
/** What the catalog is built from: when any of these is newer than the catalog, it is rebuilt. */
export const CATALOG_SOURCES = [CONTENT_DIR, fileURLToPath(new URL('./', import.meta.url))];
