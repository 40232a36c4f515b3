export type BodyKind = 'json' | 'problem' | 'html' | 'text';

const MEDIA: Array<[string, BodyKind]> = [
  ['application/problem+json', 'problem'],
  ['application/json', 'json'],
  ['text/plain', 'text'],
  ['text/html', 'html'],
];

/**
 * Chooses the diagnostic body from Accept (RFC 9110 §12.5.1): the highest q wins, the more specific range wins a tie,
 * plain text when nothing is said or only wildcards are. Problem details only describe errors (RFC 9457), so a
 * request for them on a non-error status gets JSON.
 */
export function negotiateBody(accept: string | undefined, status: number): BodyKind {
  if (!accept) return 'text';
  let best: BodyKind = 'text';
  let bestScore = -1;
  for (const part of accept.split(',').slice(0, 20)) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!(weight > 0)) continue;
    for (const [media, kind] of MEDIA) {
      const specificity = range === media ? 2 : range === `${media.split('/')[0]}/*` ? 1 : range === '*/*' ? 0 : -1;
      if (specificity < 1) continue; // wildcards alone keep the plain-text default
      const score = weight * 10 + specificity;
      if (score > bestScore) {
        best = kind;
        bestScore = score;
      }
    }
  }
  if (best === 'problem' && status < 400) return 'json';
  return best;
}

export const CONTENT_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  problem: 'application/problem+json',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};
