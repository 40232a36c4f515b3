import { corsHeaders } from '../http/cors.js';
import type { PreparedFile } from './built-site.js';
import type { Encoding } from './content-negotiation.js';

type Fields = Array<[string, string]>;

/** Content-hashed assets never change under their name; pages and documents are revalidated by ETag. */
export const cacheControl = (file: PreparedFile) => (file.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=300');

/** API documents are read cross-origin; pages and assets are not. */
export const isApiPath = (urlPath: string) => urlPath.startsWith('/api/');

/**
 * The header fields of a built file in one coding, for a 200 (or the 404 page, `cacheable` false), without
 * Content-Length: the same list whether the Hono app or the Node fast path sends it. For API documents, the CORS
 * fields for `origin` (RFC 9110 §12.5.5: the answer depends on Origin and Accept-Encoding, and says so in Vary).
 */
export function fileHeaders(
  file: PreparedFile,
  encoding: Encoding,
  options: { cacheable: boolean; api: boolean; origin?: string | null },
): Fields {
  const fields: Fields = [
    ['Content-Type', file.contentType],
    ['ETag', file.variants[encoding].etag],
    ['Cache-Control', options.cacheable ? cacheControl(file) : 'no-store'],
    ['Vary', options.api ? 'Accept-Encoding, Origin' : 'Accept-Encoding'],
  ];
  if (options.api) fields.push(...corsHeaders(options.origin, ['ETag']));
  if (file.variants[encoding] !== file.variants.identity) fields.push(['Content-Encoding', encoding]);
  return fields;
}
