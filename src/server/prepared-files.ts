import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { SiteFile } from '../site/render-site.js';
import type { Encoding } from './content-negotiation.js';

export interface PreparedVariant {
  body: Buffer;
  etag: string;
}

export interface PreparedFile {
  contentType: string;
  variants: Record<Encoding, PreparedVariant>;
}

/**
 * Compresses each file and computes its ETags once, at start-up; requests only pick a variant.
 * Each coding has its own strong ETag, since the bytes differ (RFC 9110 §8.8.3).
 */
export function prepareFiles(files: ReadonlyMap<string, SiteFile>): Map<string, PreparedFile> {
  const prepared = new Map<string, PreparedFile>();
  for (const [path, file] of files) {
    const hash = createHash('sha256').update(file.body).digest('base64url').slice(0, 22);
    const textual = /^(text\/|application\/json)/.test(file.contentType);
    const identity = { body: file.body, etag: `"${hash}"` };
    prepared.set(path, {
      contentType: file.contentType,
      variants: {
        identity,
        br: textual
          ? {
              body: brotliCompressSync(file.body, {
                params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: file.body.length },
              }),
              etag: `"${hash}-br"`,
            }
          : identity,
        gzip: textual ? { body: gzipSync(file.body, { level: 9 }), etag: `"${hash}-gz"` } : identity,
      },
    });
  }
  return prepared;
}
