import { readFile } from 'node:fs/promises';
import type { CliCodeFile, CliIndexRow } from '../model/cli-data.js';
import type { CliData } from './run.js';

/** The CLI's data, read from the JSON files the build writes beside it (`data/` in the package). */
export function filesIn(dataDir: URL, version: string): CliData {
  const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(new URL(name, dataDir), 'utf8')) as T;
  let index: Promise<CliIndexRow[]> | undefined;
  return {
    version,
    index: () => {
      index ??= readJson<CliIndexRow[]>('index.json');
      return index;
    },
    // `code` is a number, so the name cannot leave the folder.
    code: (code) => readJson<CliCodeFile>(`codes/${code}.json`).catch(() => undefined),
    search: async (query) => {
      const { searchIndex } = await import('./search.js');
      const { hits, suggestion } = searchIndex(await readFile(new URL('search-index.json', dataDir), 'utf8'), query);
      return { codes: hits.map((hit) => hit.code), ...(suggestion ? { suggestion } : {}) };
    },
  };
}
