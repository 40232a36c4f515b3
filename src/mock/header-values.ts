import { createHash } from 'node:crypto';
import type { MockKnobs } from './parse-knobs.js';

export interface HeaderContext {
  code: number;
  knobs: MockKnobs;
  request: { method: string; headers: Record<string, string | undefined> };
  /** The representation a 206 or 416 is a part of. */
  representationLength: number;
  /** A single-part 206's Content-Range; a multipart one carries it in each part. */
  contentRange: string | undefined;
  /** The strong validator of what this response represents. */
  etag: string;
}

/** A fixed date keeps precomputed responses byte-stable; it is only metadata of the mock representation. */
export const LAST_MODIFIED = 'Thu, 01 Jan 2026 00:00:00 GMT';
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

type ValueOf = (context: HeaderContext) => string | undefined;

/**
 * A valid value for each header field the catalog asks for. The keys are lower-case field names; a catalog
 * header without an entry here fails the test that checks the mock against the catalog. `undefined` means the
 * field does not apply to this response (e.g. Sec-WebSocket-Accept outside a WebSocket upgrade).
 */
export const HEADER_VALUES: Record<string, ValueOf> = {
  location: ({ knobs }) => knobs.location ?? '/status/200',
  'www-authenticate': () => 'Basic realm="httpstatus mock", charset="UTF-8"',
  'proxy-authenticate': () => 'Basic realm="httpstatus mock proxy", charset="UTF-8"',
  allow: ({ request }) => allowedMethods(request.method),
  'retry-after': ({ knobs }) => knobs.retryAfter ?? '1',
  'content-range': ({ code, representationLength, contentRange }) => (code === 416 ? `bytes */${representationLength}` : contentRange),
  'content-type': () => undefined, // set with the body
  upgrade: ({ code }) => (code === 426 ? 'HTTP/2' : undefined),
  connection: ({ code }) => (code === 426 ? 'Upgrade' : code === 101 ? 'Upgrade' : 'close'),
  link: ({ code }) => (code === 451 ? '<https://example.org/legal-demands/1>; rel="blocked-by"' : undefined),
  'sec-websocket-accept': () => undefined, // computed by the upgrade handler from the client's key
  etag: ({ etag }) => etag,
  'last-modified': () => LAST_MODIFIED,
  'cache-control': () => 'no-cache',
  expires: () => LAST_MODIFIED,
  'content-location': () => '/status/200',
  vary: () => undefined, // set with the body: what the response varies on depends on what it carries
  date: () => undefined, // Node's server adds Date to every response
  'accept-encoding': () => 'identity',
  accept: () => 'application/json, text/plain',
  'accept-patch': () => 'application/merge-patch+json',
  'content-length': () => undefined, // framing belongs to the server
  'transfer-encoding': () => undefined,
  'delta-base': () => undefined, // only for a delta computed against one of several offered tags (RFC 3229)
};

/**
 * The methods a 405 says the resource supports. RFC 9110 §15.5.6: the refused method cannot be among them; and
 * since HEAD is GET without content (§9.3.2), refusing either refuses both.
 */
export function allowedMethods(refused: string): string {
  return refused === 'GET' || refused === 'HEAD' ? 'POST' : 'GET, HEAD';
}

/** RFC 6455 §4.2.2: the accept value is base64(SHA-1(key + GUID)). */
export function websocketAccept(key: string): string {
  return createHash('sha1')
    .update(key + WEBSOCKET_GUID)
    .digest('base64');
}
