import { buildAll } from '../../scripts/build.mjs';

/**
 * Before any test file: `npm run build`, exactly (compile src/ to dist/js/, then content to dist/), so that the
 * tests serve what `npm start` serves and nothing depends on a stale dist/. On an unchanged tree it costs a digest.
 */
export default async function setup(): Promise<void> {
  const code = await buildAll();
  if (code !== 0) throw new Error('npm run build failed (above); the tests need a built dist/');
}
