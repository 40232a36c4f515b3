import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { type Encoding, matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';
import { fileHeaders, isApiPath } from './file-headers.js';
import { endResponse, type NodeRequest, type NodeResponse } from './mock-node-adapter.js';
import type { BuiltSite } from './prepared-files.js';
import { withResponseFields, withResponseFieldsObject } from './response-fields.js';
import { securityHeaders } from './security-headers.js';

interface Prepared {
  /** The whole response head for a 200, Content-Length included, as Node's flat raw list (HTTP/1.1). */
  ok: string[];
  /** The same without Content-Length, for a 304. */
  notModified: string[];
  /** The same two as HTTP/2 header objects: lower-case names, which Node's HTTP/2 layer checks and would fold. */
  okHttp2: OutgoingHttpHeaders;
  notModifiedHttp2: OutgoingHttpHeaders;
  body: Buffer;
  etag: string;
}

/** A flat name/value list as an HTTP/2 header object; file fields never repeat a name nor name a connection field. */
function toHttp2Object(flat: readonly string[]): OutgoingHttpHeaders {
  const fields: OutgoingHttpHeaders = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[(flat[i] ?? '').toLowerCase()] = flat[i + 1];
  return fields;
}

const ENCODINGS: Encoding[] = ['identity', 'br', 'gzip'];
/** Distinct Accept-Encoding values remembered with their answer; browsers send a handful, so a small table does. */
const MAX_REMEMBERED = 64;

/**
 * Built pages, assets and API documents on Node's HTTP/1.1 and HTTP/2 servers, answered like the mock's fast path:
 * one lookup by request target, a response head prepared at start-up for each coding and HTTP version, and the
 * request's fields read from `rawHeaders` (whose names arrive in any case over HTTP/1.1, lower-case over HTTP/2).
 * Everything else (a query string, another method, a CORS request for an API document, the 404 page) is left to the
 * Hono app, which answers it with the same fields (file-headers.ts).
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
        const ok = [...notModified, 'Content-Length', String(body.length)];
        return [encoding, { ok, notModified, okHttp2: toHttp2Object(ok), notModifiedHttp2: toHttp2Object(notModified), body, etag }];
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
    handle(req: NodeRequest, res: NodeResponse): boolean {
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
      const notModified = ifNoneMatch !== undefined && matchesIfNoneMatch(ifNoneMatch, variant.etag);
      const body = notModified || method === 'HEAD' ? undefined : variant.body;
      if (req.httpVersionMajor === 2) {
        const http2 = res as Http2ServerResponse;
        http2.writeHead(notModified ? 304 : 200, withResponseFieldsObject(res, notModified ? variant.notModifiedHttp2 : variant.okHttp2));
        endResponse(res, body);
      } else {
        const http1 = res as ServerResponse;
        http1.writeHead(notModified ? 304 : 200, withResponseFields(res, notModified ? variant.notModified : variant.ok));
        http1.end(body);
      }
      return true;
    },
  };
}

export type StaticNodeAdapter = ReturnType<typeof createStaticNodeAdapter>;
