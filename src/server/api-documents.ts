import { readFileSync } from 'node:fs';
import type { CatalogEntry } from '../model/catalog.js';
import type { SiteFile } from '../site/render-site.js';

const JSON_TYPE = 'application/json';
const OPENAPI = readFileSync(new URL('./openapi.json', import.meta.url));

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
export function buildApiDocuments(entries: readonly CatalogEntry[]): Map<string, SiteFile> {
  const documents = new Map<string, SiteFile>();
  const json = (value: unknown) => ({ body: Buffer.from(`${JSON.stringify(value)}\n`), contentType: JSON_TYPE });
  documents.set('/api/codes', json({ codes: entries.map(summaryOf) }));
  for (const entry of entries) {
    const { source: _source, ...rest } = entry;
    documents.set(
      `/api/codes/${entry.code}`,
      json({ ...rest, page: `/codes/${entry.code}`, api: `/api/codes/${entry.code}`, mock: `/status/${entry.code}` }),
    );
  }
  documents.set('/api/openapi.json', { body: OPENAPI, contentType: JSON_TYPE });
  return documents;
}
