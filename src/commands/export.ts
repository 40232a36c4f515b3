import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { DIST_DIR, PROJECT_ROOT } from '../catalog/paths.js';

/**
 * `npm run export [folder]`: the built site, byte for byte what the server sends (`/codes/421` is
 * `codes/421.html`, with `.br` and `.gz` beside each text file for hosts that serve precompressed files), copied
 * to `folder` (default `export/`) for any static host. `npm run build` has already done the work; this copies.
 */
export async function exportSite(target: string, distDir: string = DIST_DIR): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await cp(path.join(distDir, 'site'), target, { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, 'export'));
  const started = performance.now();
  await exportSite(target);
  console.log(`exported the site to ${path.relative(process.cwd(), target) || target} in ${Math.round(performance.now() - started)} ms`);
}
