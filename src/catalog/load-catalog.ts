import { readFile } from 'node:fs/promises';
import type { Catalog } from '../model/catalog.js';

/** Reads a compiled catalog; the compiler has already validated it, so this only checks its outer shape. */
export async function loadCatalog(file: string): Promise<Catalog> {
  const data: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { codes?: unknown }).codes)) {
    throw new Error(`${file} is not a compiled catalog (expected { "codes": [ … ] }); run npm run build`);
  }
  return data as Catalog;
}
