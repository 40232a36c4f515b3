import type { CatalogEntry } from '../model/catalog.js';

export const JSON_TYPE = 'application/json';

/** The OpenAPI description, next to this file in the source tree (the build reads it from there). */
export const OPENAPI_SOURCE = 'src/api/openapi.json';

const summaryOf = (entry: CatalogEntry) => ({
  code: entry.code,
  phrase: entry.phrase,
  aliases: entry.aliases,
  class: entry.class,
  status: entry.status,
  summary: entry.summary,
  page: `/codes/${entry.code}`,
  api: `/api/codes/${entry.code}`,
});

/** Every API document, serialised once: the list, one document per code (everything its page shows), the OpenAPI description. */
export function buildApiDocuments(entries: readonly CatalogEntry[], openapi: Buffer): Map<string, Buffer> {
  const documents = new Map<string, Buffer>();
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
  documents.set('/api/codes', json({ codes: entries.map(summaryOf) }));
  for (const entry of entries) {
    const { source: _source, ...rest } = entry;
    documents.set(
      `/api/codes/${entry.code}`,
      json({ ...rest, page: `/codes/${entry.code}`, api: `/api/codes/${entry.code}`, mock: `/status/${entry.code}` }),
    );
  }
  documents.set('/api/openapi.json', openapi);
  return documents;
}
