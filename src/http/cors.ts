import { isToken } from './field-syntax.js';

/** The API and the mock are public and read-only for credentials: any origin may call them from a browser. */
export const CORS_HEADERS: Array<[string, string]> = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', '*'],
];

export function isPreflight(method: string, headers: { get(name: string): string | null | undefined }): boolean {
  return method === 'OPTIONS' && Boolean(headers.get('origin')) && Boolean(headers.get('access-control-request-method'));
}

/**
 * Fetch's CORS preflight answer: every method, and the request headers asked for when they are a clean list of
 * field names (echoed, since `*` does not cover Authorization); anything else gets no header permission.
 */
export function preflightHeaders(requestedHeaders: string | null | undefined): Array<[string, string]> {
  const names = (requestedHeaders ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const clean = names.length <= 50 && names.every(isToken);
  return [
    ...CORS_HEADERS,
    ['Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'],
    ...(clean && names.length > 0 ? ([['Access-Control-Allow-Headers', names.join(', ')]] as Array<[string, string]>) : []),
    ['Access-Control-Max-Age', '86400'],
    ['Vary', 'Access-Control-Request-Headers'],
  ];
}
