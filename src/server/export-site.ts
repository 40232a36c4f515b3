import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RenderedSite } from '../site/render-site.js';
import { loadSite } from './load-site.js';

export const EXPORT_DIR = fileURLToPath(new URL('../../dist/site/', import.meta.url));

/** Where a URL path lands in the export: pages become `.html` files, which static hosts serve at the bare path. */
export function exportPathFor(urlPath: string): string {
  if (urlPath === '/') return 'index.html';
  const relative = urlPath.slice(1);
  return urlPath.startsWith('/assets/') ? relative : `${relative}.html`;
}

/** Writes every file of the site, byte for byte what the server sends, into `directory`. */
export async function exportSite(site: RenderedSite, directory = EXPORT_DIR): Promise<number> {
  await rm(directory, { recursive: true, force: true });
  for (const [urlPath, file] of site.files) {
    const target = path.join(directory, exportPathFor(urlPath));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
  }
  return site.files.size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = await exportSite(await loadSite());
  console.log(`exported ${count} files to ${path.relative(process.cwd(), EXPORT_DIR) || EXPORT_DIR}`);
}
