// `npm run build`: compiles the TypeScript in src/ to dist/js/ (esbuild, only when src/ changed), then runs the
// compiled build (src/commands/build.ts), which turns content into dist/. Plain JavaScript, because it is what
// makes the JavaScript: everything else is TypeScript, type-checked by `npm run typecheck`.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = path.join(ROOT, 'src');
const OUTPUT = path.join(ROOT, 'dist', 'js');
const STAMP = path.join(OUTPUT, '.source-digest');

/** The files esbuild compiles: code, not tests or type declarations. */
async function sourceFiles() {
  const entries = await readdir(SOURCE, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js)$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Compiles src/ when its files differ from those of the last compilation; returns whether it did. */
export async function compileSources() {
  const files = await sourceFiles();
  // Read at once, hashed in order (one read after another costs a thread-pool round trip each).
  const contents = await Promise.all(files.map((file) => readFile(file)));
  const hash = createHash('sha256');
  files.forEach((file, index) => {
    hash
      .update(`${path.relative(SOURCE, file)}\0`)
      .update(contents[index])
      .update('\0');
  });
  const digest = hash.digest('base64url');
  if ((await readFile(STAMP, 'utf8').catch(() => '')) === digest) return false;
  // Loaded only when there is something to compile: an up-to-date build should cost little more than Node's start.
  const { build } = await import('esbuild');
  await rm(OUTPUT, { recursive: true, force: true });
  await build({
    entryPoints: files,
    outdir: OUTPUT,
    outbase: SOURCE,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await mkdir(OUTPUT, { recursive: true });
  await writeFile(STAMP, digest);
  return true;
}

/** Compiles if needed, then builds dist/; returns the exit code. */
export async function buildAll(options = {}) {
  const started = performance.now();
  if (await compileSources()) console.log(`compiled src/ to dist/js/ in ${Math.round(performance.now() - started)} ms`);
  const { runBuild } = await import(pathToFileURL(path.join(OUTPUT, 'commands', 'build.js')).href);
  return runBuild(options);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await buildAll({ force: process.argv.includes('--force') });
}
