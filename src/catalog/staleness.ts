import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

async function newestModification(directory: string): Promise<number> {
  let newest = (await stat(directory)).mtimeMs;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** True when `output` is missing or older than any file under `inputs`. */
export async function isCatalogStale(output: string, inputs: readonly string[]): Promise<boolean> {
  const built = await stat(output).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
  if (built === undefined) return true;
  for (const input of inputs) {
    if ((await newestModification(input)) > built) return true;
  }
  return false;
}
