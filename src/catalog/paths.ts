import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above `start` holding both package.json and content/: the project root, found the same way
 * from src/ (tsx, tests) and from dist/js/ (compiled), so that commands work from any working directory.
 */
function findProjectRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'content'))) return directory;
    if (path.dirname(directory) === directory) throw new Error(`no project root (package.json and content/) above ${start}`);
  }
}

export const PROJECT_ROOT = `${findProjectRoot(path.dirname(fileURLToPath(import.meta.url)))}${path.sep}`;
export const CONTENT_DIR = path.join(PROJECT_ROOT, 'content', 'codes', path.sep);
/** Everything the build writes; nothing in it is hand-written. */
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist', path.sep);
export const CATALOG_FILE = path.join(DIST_DIR, 'catalog.json');
