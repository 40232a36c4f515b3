import { isFieldValue, isToken } from '../http/field-syntax.js';
import { formatHttpDate, parseHttpDate } from '../lib/http-date.js';
import type { ParseResult } from './parse-status-spec.js';
import { REFUSED_FIELDS } from './refused-fields.js';

export interface MockLimits {
  /** Longest `?sleep=` accepted, in milliseconds. */
  maxSleepMs: number;
}

export const DEFAULT_LIMITS: MockLimits = { maxSleepMs: 10_000 };
const MAX_EXTRA_HEADERS = 20;
const MAX_HEADER_LENGTH = 1024;
const MAX_LOCATION_LENGTH = 2048;
const MAX_RETRY_AFTER = 86_400;

export interface MockKnobs {
  sleepMs: number;
  headers: Array<[string, string]>;
  location: string | undefined;
  /** Delay-seconds or an IMF-fixdate, as it goes on the wire. */
  retryAfter: string | undefined;
  sequenceKey: string | undefined;
}

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

function parseInteger(name: string, value: string, max: number, unit: string): ParseResult<number> {
  if (!/^\d{1,9}$/.test(value)) return fail(`${name} must be a whole number of ${unit}, received "${value}"`);
  const number = Number(value);
  if (number > max) return fail(`${name} is at most ${max} ${unit}, received ${number}`);
  return { ok: true, value: number };
}

const codePoint = (char: string) => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `?header=Name:Value`: the name a token, the value field-value syntax (RFC 9110 §5.5) limited to visible ASCII,
 * space and tab, and none of the fields in REFUSED_FIELDS.
 */
export function parseExtraHeader(raw: string): ParseResult<[string, string]> {
  if (raw.length > MAX_HEADER_LENGTH) return fail(`a header parameter is at most ${MAX_HEADER_LENGTH} characters`);
  const colon = raw.indexOf(':');
  if (colon <= 0) return fail(`header must look like Name:Value, received "${raw.slice(0, 80)}"`);
  const name = raw.slice(0, colon);
  const value = raw.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  if (!isToken(name)) return fail(`"${name.slice(0, 80)}" is not a valid header field name (RFC 9110 §5.1)`);
  const refusal = REFUSED_FIELDS.get(name.toLowerCase());
  if (refusal) return fail(`the ${name} field cannot be set: ${refusal}`);
  // Field values are bytes, and anything beyond ASCII is read differently by each client (RFC 9110 §5.5 keeps
  // obs-text only for old senders), so the mock sends only what every client reads the same way.
  const foreign = /[^\x20-\x7e\t]/.exec(value)?.[0];
  if (foreign !== undefined) {
    const point = foreign.codePointAt(0) ?? 0;
    const control = point < 0x20 || point === 0x7f;
    return fail(
      control
        ? `the value of ${name} contains the control character ${codePoint(foreign)}, which a field value cannot carry (RFC 9110 §5.5)`
        : `the value of ${name} contains "${foreign}" (${codePoint(foreign)}): header values here are visible ASCII, space and tab only (RFC 9110 §5.5); percent-encode other text`,
    );
  }
  if (!isFieldValue(value)) return fail(`the value of ${name} is not a valid field value (RFC 9110 §5.5)`);
  return { ok: true, value: [name, value] };
}

/** `?retry_after=`: delay-seconds, or an HTTP-date no further ahead than the longest delay (RFC 9110 §10.2.3). */
export function parseRetryAfter(raw: string, now: number = Date.now()): ParseResult<string> {
  if (/^\d+$/.test(raw)) {
    const seconds = parseInteger('retry_after', raw, MAX_RETRY_AFTER, 'seconds');
    return seconds.ok ? { ok: true, value: String(seconds.value) } : seconds;
  }
  const date = parseHttpDate(raw);
  if (!date) {
    return fail(
      `retry_after must be a whole number of seconds or an HTTP-date such as "Wed, 21 Oct 2026 07:28:00 GMT", received "${raw.slice(0, 80)}"`,
    );
  }
  if (date.getTime() - now > MAX_RETRY_AFTER * 1000)
    return fail(`retry_after is at most ${MAX_RETRY_AFTER} seconds ahead, received ${raw}`);
  return { ok: true, value: formatHttpDate(date) };
}

/** `?location=`: a path on this server or an absolute http(s) URL, with nothing that could break the field. */
export function parseLocation(raw: string): ParseResult<string> {
  if (raw.length > MAX_LOCATION_LENGTH) return fail(`location is at most ${MAX_LOCATION_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(raw)) return fail('location must be a URI reference without spaces or control characters');
  if (raw.startsWith('/') && !raw.startsWith('//')) {
    return URL.canParse(raw, 'http://localhost') ? { ok: true, value: raw } : fail(`location "${raw.slice(0, 80)}" is not a valid path`);
  }
  if (!URL.canParse(raw)) return fail(`location "${raw.slice(0, 80)}" is neither a path starting with "/" nor an absolute URL`);
  const { protocol } = new URL(raw);
  if (protocol !== 'http:' && protocol !== 'https:') return fail(`location must use http or https, received ${protocol}`);
  return { ok: true, value: raw };
}

/** Reads and bounds every knob of the mock from the query string; the first problem wins. */
export function parseKnobs(query: URLSearchParams, limits: MockLimits = DEFAULT_LIMITS, now: number = Date.now()): ParseResult<MockKnobs> {
  const knobs: MockKnobs = { sleepMs: 0, headers: [], location: undefined, retryAfter: undefined, sequenceKey: undefined };
  const sleep = query.get('sleep');
  if (sleep !== null) {
    const parsed = parseInteger('sleep', sleep, limits.maxSleepMs, 'milliseconds');
    if (!parsed.ok) return parsed;
    knobs.sleepMs = parsed.value;
  }
  const headers = query.getAll('header');
  if (headers.length > MAX_EXTRA_HEADERS) return fail(`at most ${MAX_EXTRA_HEADERS} header parameters are allowed`);
  for (const raw of headers) {
    const parsed = parseExtraHeader(raw);
    if (!parsed.ok) return parsed;
    knobs.headers.push(parsed.value);
  }
  const location = query.get('location');
  if (location !== null) {
    const parsed = parseLocation(location);
    if (!parsed.ok) return parsed;
    knobs.location = parsed.value;
  }
  const retryAfter = query.get('retry_after');
  if (retryAfter !== null) {
    const parsed = parseRetryAfter(retryAfter, now);
    if (!parsed.ok) return parsed;
    knobs.retryAfter = parsed.value;
  }
  const seq = query.get('seq');
  if (seq !== null) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(seq)) return fail('seq must be 1–64 letters, digits, "_", "." or "-"');
    knobs.sequenceKey = seq;
  }
  return { ok: true, value: knobs };
}
