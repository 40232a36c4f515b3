import { STATUS_CODES } from 'node:http';
import type { CatalogEntry, RequirementLevel } from '../model/catalog.js';

/** What the mock needs to know about one status code, read from the catalog once. */
export interface MockCode {
  code: number;
  /** Reason phrase for the status line. */
  reason: string;
  phrase: string;
  summary: string | undefined;
  page: string | undefined;
  /**
   * Header fields to send: the catalog's MUST and SHOULD fields, plus two MAY fields that clients under test act on:
   * Retry-After (how long to wait) and Location (where to go; 303 defines it with no requirement level).
   */
  headers: Array<{ name: string; level: RequirementLevel }>;
  /** 1xx, 204, 205 and 304 carry no content (RFC 9110 §6.4.1). */
  noContent: boolean;
}

const MAY_FIELDS_SENT = new Set(['retry-after', 'location']);

function reasonFor(entry: CatalogEntry | undefined, code: number): string {
  // "(Unused)" is a registry note, not a phrase anyone sends: 418 goes out as "I'm a teapot".
  if (entry && !entry.phrase.startsWith('(')) return entry.phrase;
  return entry?.aliases[0] ?? STATUS_CODES[code] ?? 'Unknown';
}

/** Builds the mock's table for every code 100–599 from the catalog; codes without a page still answer. */
export function buildMockCodes(entries: readonly CatalogEntry[]): Map<number, MockCode> {
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  const table = new Map<number, MockCode>();
  for (let code = 100; code <= 599; code++) {
    const entry = byCode.get(code);
    const headers = (entry?.headers ?? [])
      .filter((header) => header.level !== 'MAY' || MAY_FIELDS_SENT.has(header.name.toLowerCase()))
      .map((header) => ({ name: header.name, level: header.level }));
    table.set(code, {
      code,
      reason: reasonFor(entry, code),
      phrase: entry?.phrase ?? STATUS_CODES[code] ?? 'Unknown status',
      summary: entry?.summary,
      page: entry ? `/codes/${code}` : undefined,
      headers,
      noContent: entry ? entry.content === 'forbidden' || code === 205 : code < 200 || code === 204 || code === 205 || code === 304,
    });
  }
  return table;
}
