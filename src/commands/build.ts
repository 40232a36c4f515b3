import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { siteUrlFrom } from '../build/site-url.js';
import { readBuildState } from '../build/up-to-date.js';
import { formatContentError } from '../catalog/content-error.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { CONTENT_DIR, DIST_DIR, PROJECT_ROOT } from '../catalog/paths.js';
import type { SearchPageParts } from '../model/manifest.js';

const SEARCH_FILE = 'search.json';

/** `npm run build` (after scripts/build.mjs has compiled the code): content → dist/. Returns the exit code. */
export async function runBuild({
  force = false,
  log = console.log,
  logError = console.error,
}: {
  force?: boolean;
  log?: (line: string) => void;
  logError?: (line: string) => void;
} = {}): Promise<number> {
  const started = performance.now();
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  // The build's dependencies (Shiki, esbuild, the compiler) load only when there is something to build.
  let siteUrl: string;
  try {
    siteUrl = siteUrlFrom(process.env.SITE_URL);
  } catch (error) {
    logError(`build failed: ${(error as Error).message}`);
    return 1;
  }
  const state = await readBuildState(PROJECT_ROOT, CONTENT_DIR, DIST_DIR, siteUrl);
  // packages/httpstatus/dist/.built-from names the inputs the package was last built from, to the end (build/package.ts).
  const packageBuilt = await readFile(path.join(PROJECT_ROOT, 'packages/httpstatus/dist/.built-from'), 'utf8').then(
    (text) => text === state.inputs,
    () => false,
  );
  if (!force && state.upToDate && packageBuilt) {
    log(`dist/ and packages/httpstatus/dist/ are up to date (${elapsed()})`);
    return 0;
  }
  const { buildSite } = await import('../build/build-site.js');
  const report = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: DIST_DIR, siteUrl, force });
  if (report.errors.length > 0) {
    for (const error of report.errors) logError(formatContentError(error));
    logError(`build failed: ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} in content; nothing was written`);
    return 1;
  }
  const { buildPackage } = await import('../build/package.js');
  const catalog = await loadCatalog(path.join(DIST_DIR, 'catalog.json'));
  const search = JSON.parse(await readFile(path.join(DIST_DIR, SEARCH_FILE), 'utf8')) as SearchPageParts;
  const pack = await buildPackage(PROJECT_ROOT, catalog.codes, search.index, state.inputs);
  if (pack.tables.length > 0) log(`regenerated ${pack.tables.join(', ')}: commit them with the content change`);
  const done = [
    `${report.highlighted.length} highlighted`,
    `${report.written.length} files written and compressed`,
    ...(report.removed.length > 0 ? [`${report.removed.length} removed`] : []),
    ...(pack.compiled ? ['library compiled'] : []),
  ];
  log(`built ${report.codes} codes in ${elapsed()}: ${done.join(', ')}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runBuild({ force: process.argv.includes('--force') });
}
