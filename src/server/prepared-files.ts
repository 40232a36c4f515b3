import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildManifest, BuiltVariant, SearchPageParts } from '../model/manifest.js';
import { type BuiltSite, type PreparedFile, type PreparedVariant, siteFrom } from './built-site.js';

export type { BuiltSite, PreparedFile, PreparedVariant } from './built-site.js';

/**
 * Loads what `npm run build` wrote: the manifest, then every file and its precompressed forms into memory (a few
 * megabytes), so that a request is a lookup. Fails with a message that says what to run when dist/ is not built.
 */
export async function loadBuiltSite(distDir: string): Promise<BuiltSite> {
  const manifestFile = path.join(distDir, 'manifest.json');
  const manifest = await readFile(manifestFile, 'utf8').then(
    (text) => JSON.parse(text) as BuildManifest,
    (error: Error) => {
      throw new Error(`${manifestFile} cannot be read (${error.message}); run npm run build first`);
    },
  );
  const read = (variant: BuiltVariant): Promise<PreparedVariant> =>
    readFile(path.join(distDir, variant.file)).then((body) => ({ body, etag: variant.etag }));
  const files = new Map<string, PreparedFile>();
  await Promise.all(
    Object.entries(manifest.files).map(async ([urlPath, file]) => {
      const identity = await read(file.identity);
      files.set(urlPath, {
        contentType: file.contentType,
        immutable: file.immutable,
        variants: {
          identity,
          br: file.br ? await read(file.br) : identity,
          gzip: file.gzip ? await read(file.gzip) : identity,
        },
      });
    }),
  );
  const parts = JSON.parse(await readFile(path.join(distDir, manifest.search), 'utf8')) as SearchPageParts;
  return siteFrom(files, manifest, parts);
}
