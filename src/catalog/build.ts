import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compileCatalog } from './compile-catalog.js';
import { formatContentError } from './content-error.js';
import { CATALOG_FILE, CONTENT_DIR, PROJECT_ROOT } from './paths.js';

/** Compiles content/codes into dist/catalog.json; returns the process exit code. */
export async function buildCatalog(
  log: (line: string) => void = console.log,
  logError: (line: string) => void = console.error,
): Promise<number> {
  const { catalog, errors } = await compileCatalog(CONTENT_DIR, PROJECT_ROOT);
  if (errors.length > 0) {
    for (const error of errors) logError(formatContentError(error));
    logError(`build failed: ${errors.length} problem${errors.length === 1 ? '' : 's'} in content; nothing was written`);
    return 1;
  }
  await mkdir(path.dirname(CATALOG_FILE), { recursive: true });
  await writeFile(CATALOG_FILE, `${JSON.stringify(catalog)}\n`);
  log(`wrote ${path.relative(PROJECT_ROOT, CATALOG_FILE)}: ${catalog.codes.length} codes`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await buildCatalog();
}
