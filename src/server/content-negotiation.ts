import Negotiator from 'negotiator';

export type Encoding = 'br' | 'gzip' | 'identity';

const CODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/**
 * Picks the best coding we hold for an Accept-Encoding field (RFC 9110 §12.5.3) with jshttp's negotiator: highest q
 * first, br before gzip on ties; `q=0` refuses a coding, `*` stands for any coding not named. When every coding we
 * hold is refused, identity is sent anyway (the RFC allows it rather than a 415).
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const [best] = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }).encodings(CODINGS, { preferred: CODINGS });
  return (best as Encoding | undefined) ?? 'identity';
}

/** True when an If-None-Match field matches the ETag, by the weak comparison RFC 9110 §13.1.2 requires. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
