export type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Picks the best coding we hold for an Accept-Encoding field (RFC 9110 §12.5.3): highest q first, br before gzip
 * on ties; `q=0` refuses a coding, `*` stands for any coding not named. Identity is always acceptable unless refused.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 1) : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? (coding === 'identity' ? 0.001 : 0);
  const candidates: Encoding[] = ['br', 'gzip', 'identity'];
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const coding of candidates) {
    const weight = weightOf(coding);
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** True when an If-None-Match field matches the ETag, by the weak comparison RFC 9110 §13.1.2 requires. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
