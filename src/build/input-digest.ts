import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The files under `absolute` (itself, when it is a file), as [name under `label`, absolute path]. */
async function filesUnder(label: string, absolute: string): Promise<Array<[string, string]>> {
  const entries = await readdir(absolute, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return null;
    if (error.code === 'ENOENT') return []; // an optional input that this tree does not have
    throw error;
  });
  if (entries === null) return [[label, absolute]];
  return (
    entries
      // Tests do not change what is built, and src/lib/generated/ is built from the content (an output, not an input).
      .filter(
        (entry) => entry.isFile() && !entry.name.endsWith('.test.ts') && !entry.parentPath.includes(`${path.sep}lib${path.sep}generated`),
      )
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [`${label}/${path.relative(absolute, file).split(path.sep).join('/')}`, file];
      })
  );
}

/**
 * A digest of every input file's name and bytes, for inputs given as [label, absolute path]. Reading them all
 * costs a few milliseconds; timestamps would be cheaper but wrong after a checkout, a copy or a clock change.
 */
export async function digestInputs(inputs: ReadonlyArray<readonly [string, string]>): Promise<string> {
  const files = (await Promise.all(inputs.map(([label, absolute]) => filesUnder(label, absolute))))
    .flat()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Read all at once, hash in order: one file after another cost a round trip to the thread pool each (about 250 ms
  // for this repository's ~300 files, where all at once take a fifth of that).
  const contents = await Promise.all(files.map(([, file]) => readFile(file)));
  const hash = createHash('sha256');
  files.forEach(([name], index) => {
    hash.update(`${name}\0`);
    hash.update(contents[index] ?? Buffer.alloc(0));
    hash.update('\0');
  });
  return hash.digest('base64url');
}
