import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Encoding, matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';
import { fileHeaders, isApiPath } from './file-headers.js';
import type { BuiltSite } from './prepared-files.js';
import { withResponseFields } from './response-fields.js';
import { securityHeaders } from './security-headers.js';

interface Prepared {
  /** The whole response head for a 200, Content-Length included, as Node's flat raw list. */
  ok: string[];
  /** The same without Content-Length, for a 304. */
  notModified: string[];
  body: Buffer;
  etag: string;
}

const ENCODINGS: Encoding[] = ['identity', 'br', 'gzip'];
/** Distinct Accept-Encoding values remembered with their answer; browsers send a handful, so a small table does. */
const MAX_REMEMBERED = 64;

/**
 * Built pages, assets and API documents on Node's HTTP/1.1 server, answered like the mock's fast path: one lookup by
 * request target, a response head prepared at start-up for each coding, and the request's fields read from
 * `rawHeaders`. Everything else (a query string, another method, a CORS request for an API document, the 404 page)
 * is left to the Hono app, which answers it with the same fields (file-headers.ts).
 */
export function createStaticNodeAdapter(site: BuiltSite) {
  const security = Object.entries(securityHeaders(site.styleHash)).flat();
  const table = new Map<string, { api: boolean; variants: Record<Encoding, Prepared> }>();
  for (const [urlPath, file] of site.files) {
    if (urlPath === '/404') continue; // the 404 page is only ever a 404
    const api = isApiPath(urlPath);
    const variants = Object.fromEntries(
      ENCODINGS.map((encoding) => {
        const notModified = [...fileHeaders(file, encoding, { cacheable: true, api }).flat(), ...security];
        const { body, etag } = file.variants[encoding];
        return [encoding, { ok: [...notModified, 'Content-Length', String(body.length)], notModified, body, etag }];
      }),
    ) as Record<Encoding, Prepared>;
    table.set(urlPath, { api, variants });
  }

  const remembered = new Map<string, Encoding>();
  const encodingFor = (acceptEncoding: string | undefined): Encoding => {
    if (acceptEncoding === undefined) return 'identity';
    let encoding = remembered.get(acceptEncoding);
    if (encoding === undefined) {
      encoding = negotiateEncoding(acceptEncoding);
      if (remembered.size < MAX_REMEMBERED) remembered.set(acceptEncoding, encoding);
    }
    return encoding;
  };

  return {
    /** True when it answered; false leaves the request to the app. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const method = req.method;
      if (method !== 'GET' && method !== 'HEAD') return false;
      const entry = table.get(req.url ?? '');
      if (entry === undefined) return false;
      let acceptEncoding: string | undefined;
      let ifNoneMatch: string | undefined;
      const raw = req.rawHeaders;
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i] ?? '';
        // Only names of the right length are lower-cased: most fields are skipped on their length alone.
        if (name.length === 15 && name.toLowerCase() === 'accept-encoding') acceptEncoding = raw[i + 1];
        else if (name.length === 13 && name.toLowerCase() === 'if-none-match') ifNoneMatch = raw[i + 1];
        else if (entry.api && name.length === 6 && name.toLowerCase() === 'origin') return false; // CORS answers per origin
      }
      const variant = entry.variants[encodingFor(acceptEncoding)];
      if (ifNoneMatch !== undefined && matchesIfNoneMatch(ifNoneMatch, variant.etag)) {
        res.writeHead(304, withResponseFields(res, variant.notModified));
        res.end();
        return true;
      }
      res.writeHead(200, withResponseFields(res, variant.ok));
      res.end(method === 'HEAD' ? undefined : variant.body);
      return true;
    },
  };
}

export type StaticNodeAdapter = ReturnType<typeof createStaticNodeAdapter>;
