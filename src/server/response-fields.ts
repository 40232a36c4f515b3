import type { OutgoingHttpHeaders } from 'node:http';

/**
 * Fields decided before a request reaches its handler (the rate limit's `RateLimit`), for the handler to send with
 * its own. The fast paths write prepared flat lists, which Node would merge with `setHeader` fields only by
 * collapsing repeated names, so they add these themselves; the app's adapter gets them as ordinary set headers.
 */
const pending = new WeakMap<object, readonly string[]>();
/** False until the first field is added (rate limiting off: never), so the fast paths skip the lookup. */
let used = false;

/** Flat name/value list, as Node's raw headers. */
export function addResponseFields(res: object, fields: readonly string[]): void {
  used = true;
  pending.set(res, fields);
}

/** `fields` plus what was added for this response (the same list when nothing was). */
export function withResponseFields(res: object, fields: string[]): string[] {
  if (!used) return fields;
  const extra = pending.get(res);
  return extra ? [...fields, ...extra] : fields;
}

/** The same for HTTP/2's object form. */
export function withResponseFieldsObject(res: object, fields: OutgoingHttpHeaders): OutgoingHttpHeaders {
  if (!used) return fields;
  const extra = pending.get(res);
  if (!extra) return fields;
  const merged = { ...fields };
  for (let i = 0; i + 1 < extra.length; i += 2) merged[(extra[i] ?? '').toLowerCase()] = extra[i + 1];
  return merged;
}

/** Sets what was added as headers, for handlers that write through `setHeader`/`writeHead(status, object)`. */
export function applyResponseFields(res: { setHeader(name: string, value: string): unknown }): void {
  if (!used) return;
  const extra = pending.get(res);
  if (!extra) return;
  for (let i = 0; i + 1 < extra.length; i += 2) res.setHeader(extra[i] ?? '', extra[i + 1] ?? '');
}
