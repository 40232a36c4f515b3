import { readFile } from 'node:fs/promises';
import { type CompileResult, compileCatalog } from '../../src/catalog/compile-catalog.js';
import { CONTENT_DIR, PROJECT_ROOT } from '../../src/catalog/paths.js';

let compiled: Promise<CompileResult> | undefined;

/** The real content compiled in-process, once per test file. */
export function loadContent(): Promise<CompileResult> {
  compiled ??= compileCatalog(CONTENT_DIR, PROJECT_ROOT);
  return compiled;
}

export async function readJson<T>(relativePath: string): Promise<T> {
  return JSON.parse(await readFile(new URL(`../../${relativePath}`, import.meta.url), 'utf8')) as T;
}

/** The 34 pages the foundation issue asks for; later issues add the rest of the registry and unofficial codes. */
export const FIRST_PAGES = [
  100, 101, 103, 200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 409, 410, 413, 415, 418, 421, 422, 425,
  429, 451, 500, 501, 502, 503, 504,
] as const;

export interface IanaReference {
  rfc?: number;
  section?: string;
  draft?: string;
  document?: string;
}

export interface IanaSnapshot {
  lastUpdated: string;
  codes: Array<{ value: number; description: string; reference: IanaReference[] }>;
}
