/**
 * httpstatus: every registered HTTP status code as a typed constant, and look-ups that never throw. No
 * dependencies and no `node:` imports, so it runs in browsers and edge runtimes; unofficial codes live in vendor
 * modules (`httpstatus/nginx`, `httpstatus/cloudflare`, …), full entries with every section in `httpstatus/catalog`.
 */
import {
  CACHEABLE_BY_DEFAULT,
  FORMER_PHRASES,
  NO_CONTENT,
  PHRASES,
  REQUIRED_HEADERS,
  RETRY_POLICIES,
  type StatusCode,
} from './generated/core.js';
import type { HeaderRequirement, RetryPolicy, StatusClass } from './types.js';

export {
  type ClientErrorStatus,
  type InformationalStatus,
  type RedirectionStatus,
  type ServerErrorStatus,
  Status,
  type StatusCode,
  type SuccessStatus,
} from './generated/core.js';
export type { HeaderRequirement, RetryPolicy, StatusClass } from './types.js';

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

// PHRASES has integer keys only, and no number names an inherited property: a number's own entry is the whole test.
const phraseTable = PHRASES as Readonly<Record<number, string | undefined>>;

/** True for a registered status code: `isStatusCode(421)` is true, `isStatusCode(299)` false. Narrows to `StatusCode`. */
export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'number' && phraseTable[value] !== undefined;
}

/** The phrase of a registered code, as a status line carries it: `phraseOf(413)` is `'Content Too Large'`; `undefined` otherwise. */
export function phraseOf(code: number): string | undefined {
  return typeof code === 'number' ? phraseTable[code] : undefined;
}

/**
 * The code of a phrase, current or former, in any case: `codeOf('payload too large')` is 413; `undefined` when no
 * registered code has that phrase.
 */
export function codeOf(phrase: string): StatusCode | undefined {
  if (typeof phrase !== 'string') return undefined;
  if (byPhrase === undefined) {
    byPhrase = new Map();
    for (const [code, text] of Object.entries(PHRASES)) {
      byPhrase.set(text, Number(code) as StatusCode);
      byPhrase.set(text.toLowerCase(), Number(code) as StatusCode);
    }
    for (const [text, code] of Object.entries(FORMER_PHRASES)) byPhrase.set(text, code);
  }
  // The phrase as written first (the usual case), then trimmed, spaces collapsed and lower-cased.
  return byPhrase.get(phrase) ?? byPhrase.get(phrase.trim().replace(/\s+/g, ' ').toLowerCase());
}

/** Phrase (as written, and lower-cased; former phrases lower-cased) → code; built on the first codeOf. */
let byPhrase: Map<string, StatusCode> | undefined;

/** The class of any code from 100 to 599, registered or not: `classOf(299)` is `'2xx'`; `undefined` outside that range. */
export function classOf(code: number): StatusClass | undefined {
  return isInteger(code) && code >= 100 && code <= 599 ? (`${Math.floor(code / 100)}xx` as StatusClass) : undefined;
}

/** 1xx: an interim response; the final one follows (RFC 9110 §15.2). */
export const isInformational = (code: number): boolean => classOf(code) === '1xx';
/** 2xx: the request succeeded (RFC 9110 §15.3). */
export const isSuccess = (code: number): boolean => classOf(code) === '2xx';
/** 3xx: the client must do more to complete the request (RFC 9110 §15.4). */
export const isRedirection = (code: number): boolean => classOf(code) === '3xx';
/** 4xx: the client seems to be at fault (RFC 9110 §15.5). */
export const isClientError = (code: number): boolean => classOf(code) === '4xx';
/** 5xx: the server failed (RFC 9110 §15.6). */
export const isServerError = (code: number): boolean => classOf(code) === '5xx';

/**
 * True when a response with this code has no content: every 1xx (RFC 9110 §15.2), 204 and 304 (§6.4.1), and 205
 * (§15.3.6). `forbidsContent(204)` is true.
 */
export function forbidsContent(code: number): boolean {
  return isInformational(code) || (NO_CONTENT as readonly number[]).includes(code);
}

/** True when a cache may reuse the response without explicit freshness (RFC 9110 §15.1): `isCacheableByDefault(404)` is true. */
export function isCacheableByDefault(code: number): boolean {
  return (CACHEABLE_BY_DEFAULT as readonly number[]).includes(code);
}

/** How a client may repeat a request that got a registered code: `retryPolicyOf(503)` is `'after-retry-after'`. */
export function retryPolicyOf(code: number): RetryPolicy | undefined {
  for (const [policy, codes] of Object.entries(RETRY_POLICIES)) {
    if ((codes as readonly number[]).includes(code)) return policy as RetryPolicy;
  }
  return undefined;
}

/**
 * The response fields the RFCs ask for with a code: `requiredHeadersOf(405)` lists Allow (MUST, RFC 9110 §15.5.6).
 * Empty for a code that asks for none, or is not registered. The conditions in words are in `httpstatus/catalog`.
 */
export function requiredHeadersOf(code: number): HeaderRequirement[] {
  const rows = isStatusCode(code) ? REQUIRED_HEADERS[code] : undefined;
  return (rows ?? []).map(([name, level, rfc, section]) => ({ name, level, rfc, section }));
}

/**
 * The codes clients follow to Location on their own: 301, 302, 303, 307 and 308, the Fetch standard's "redirect
 * status" set. 300 may carry a Location too (RFC 9110 §15.4.1), but only as a suggestion among choices.
 */
export function isRedirect(code: number): boolean {
  return code === 301 || code === 302 || code === 303 || code === 307 || code === 308;
}

/**
 * Whether following the redirect keeps the request's method: true for 307 and 308, which forbid changing it
 * (RFC 9110 §15.4.8, §15.4.9); false for 301 and 302, after which user agents turn POST into GET (§15.4.2,
 * §15.4.3), and for 303, which always means GET (§15.4.4); `undefined` for anything that is not a redirect.
 */
export function preservesMethod(code: number): boolean | undefined {
  if (!isRedirect(code)) return undefined;
  return code === 307 || code === 308;
}
