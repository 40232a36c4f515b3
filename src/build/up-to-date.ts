import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildManifest } from '../model/manifest.js';
import { digestInputs } from './input-digest.js';

export const MANIFEST_FILE = 'manifest.json';

export interface BuildState {
  /** Digest of the inputs as they are now. */
  inputs: string;
  /** The manifest of the last build, if there is one. */
  previous: BuildManifest | undefined;
  /** The last build was made from these very inputs, and everything it wrote is still in place. */
  upToDate: boolean;
}

/** Every file the manifest names is still there, with its size (someone may have deleted or edited dist/). */
async function allPresent(distDir: string, manifest: BuildManifest): Promise<boolean> {
  const variants = Object.values(manifest.files).flatMap((file) => [file.identity, file.br, file.gzip]);
  const sizes = await Promise.all(
    [...variants.map((variant) => variant?.file), manifest.search, 'catalog.json'].map((file) =>
      file === undefined
        ? -1
        : stat(path.join(distDir, file)).then(
            (info) => info.size,
            () => undefined,
          ),
    ),
  );
  return variants.every((variant, index) => variant === undefined || sizes[index] === variant.size) && !sizes.includes(undefined);
}

/**
 * Whether there is anything to build: cheap (a digest of the inputs and a stat per output), and free of the
 * build's heavy dependencies, so that `npm start` on a built tree pays only this.
 */
export async function readBuildState(root: string, contentDir: string, distDir: string, siteUrl: string): Promise<BuildState> {
  const files = await digestInputs([
    ['content', contentDir],
    // What the pages are checked against (RFC section lists) and, later, facts they share.
    ['content/sources', path.join(root, 'content/sources')],
    ['content/facts', path.join(root, 'content/facts')],
    ['src', path.join(root, 'src')],
    ['package-lock.json', path.join(root, 'package-lock.json')],
    ['packages/httpstatus/package.json', path.join(root, 'packages/httpstatus/package.json')],
  ]);
  // The site's origin is written into every page (canonical links, link previews) and the sitemap.
  const inputs = `${files} ${siteUrl}`;
  const previous = await readFile(path.join(distDir, MANIFEST_FILE), 'utf8').then(
    (text) => JSON.parse(text) as BuildManifest,
    () => undefined,
  );
  return { inputs, previous, upToDate: previous?.inputs === inputs && (await allPresent(distDir, previous)) };
}
