import Negotiator from 'negotiator';

export type BodyKind = 'json' | 'problem' | 'html' | 'text';

export const CONTENT_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  problem: 'application/problem+json',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** In the order wildcards pick them: `*\/*` and `text/*` mean plain text, `application/*` JSON. */
const OFFERED: Array<[string, BodyKind]> = [
  ['text/plain', 'text'],
  ['application/json', 'json'],
  ['application/problem+json', 'problem'],
  ['text/html', 'html'],
];
const BY_MEDIA = new Map(OFFERED);
const MEDIA = OFFERED.map(([media]) => media);

/**
 * Chooses the diagnostic body from Accept (RFC 9110 §12.5.1) with jshttp's negotiator, the reference Express uses:
 * highest q first, then the most specific range. Plain text when nothing acceptable is offered (a mock answers
 * rather than sending 406). Problem details only describe errors (RFC 9457), so asking for them on a non-error
 * status gets JSON.
 */
export function negotiateBody(accept: string | undefined, status: number): BodyKind {
  if (!accept) return 'text';
  const choice = new Negotiator({ headers: { accept } }).mediaTypes(MEDIA)[0];
  const kind = (choice === undefined ? undefined : BY_MEDIA.get(choice)) ?? 'text';
  return kind === 'problem' && status < 400 ? 'json' : kind;
}
