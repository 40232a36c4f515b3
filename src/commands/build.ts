import { readBuildState } from '../build/up-to-date.js';
import { formatContentError } from '../catalog/content-error.js';
import { CONTENT_DIR, DIST_DIR, PROJECT_ROOT } from '../catalog/paths.js';

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
  if (!force && (await readBuildState(PROJECT_ROOT, CONTENT_DIR, DIST_DIR)).upToDate) {
    log(`dist/ is up to date (${elapsed()})`);
    return 0;
  }
  const { buildSite } = await import('../build/build-site.js');
  const report = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: DIST_DIR, force: true });
  if (report.errors.length > 0) {
    for (const error of report.errors) logError(formatContentError(error));
    logError(`build failed: ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} in content; nothing was written`);
    return 1;
  }
  log(
    `built ${report.codes} codes in ${elapsed()}: ${report.highlighted.length} highlighted, ${report.written.length} files written and compressed` +
      `${report.removed.length > 0 ? `, ${report.removed.length} removed` : ''}`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runBuild({ force: process.argv.includes('--force') });
}
