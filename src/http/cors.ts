import { isToken } from './field-syntax.js';

type Fields = Array<[string, string]>;

/** An origin as browsers serialise it (`https://app.example:8080`), or the opaque `null`. */
const ORIGIN = /^(?:null|[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.:[\]-]+)$/;

/** Response fields every CORS request may read without being told (the CORS-safelisted response-header names). */
const SAFELISTED = new Set(['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma']);

/**
 * CORS fields for a response to `origin` that exposes the fields named in `exposed`. The API and the mock are public
 * and set no cookies, so any origin may read them, with credentials too: a request with an Origin gets that origin
 * back with `Access-Control-Allow-Credentials: true`, since browsers refuse `*` for `credentials: 'include'`, and
 * the exposed fields by name, since `*` exposes nothing to a credentialed request. Without an Origin, `*`.
 * The answer depends on Origin, so every response carries `Vary: Origin` (set by the caller with its other Vary).
 */
export function corsHeaders(origin: string | null | undefined, exposed: Iterable<string> = []): Fields {
  if (!origin || !ORIGIN.test(origin)) {
    return [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', '*'],
    ];
  }
  const names = [...new Set([...exposed].filter((name) => !SAFELISTED.has(name.toLowerCase())))];
  return [
    ['Access-Control-Allow-Origin', origin],
    ['Access-Control-Allow-Credentials', 'true'],
    ...(names.length > 0 ? ([['Access-Control-Expose-Headers', names.join(', ')]] as Fields) : []),
  ];
}

export function isPreflight(method: string, headers: { get(name: string): string | null | undefined }): boolean {
  return method === 'OPTIONS' && Boolean(headers.get('origin')) && Boolean(headers.get('access-control-request-method'));
}

/**
 * Fetch's CORS preflight answer: every method, and the request headers asked for when they are a clean list of
 * field names (echoed, since `*` does not cover Authorization nor any credentialed request); anything else gets
 * no header permission.
 */
export function preflightHeaders(origin: string | null | undefined, requestedHeaders: string | null | undefined): Fields {
  const names = (requestedHeaders ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const clean = names.length <= 50 && names.every(isToken);
  return [
    ...corsHeaders(origin).filter(([name]) => name !== 'Access-Control-Expose-Headers'),
    ['Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
    ...(clean && names.length > 0 ? ([['Access-Control-Allow-Headers', names.join(', ')]] as Fields) : []),
    ['Access-Control-Max-Age', '86400'],
    ['Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
  ];
}
