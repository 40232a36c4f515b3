import { CORS_HEADERS } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import { HEADER_VALUES, type HeaderContext } from './header-values.js';
import type { MockCode } from './mock-codes.js';
import { CONTENT_TYPES, negotiateBody } from './negotiate-body.js';
import type { MockKnobs } from './parse-knobs.js';

export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
}

/** Everything an adapter needs to write the response; 1xx codes are final here and the adapter sends them as interim. */
export interface MockResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  /** `undefined` when the response has no content at all (no Content-Length either). */
  body: Buffer | undefined;
  sleepMs: number;
}

/** The representation that 206 slices and 416 measures. */
export const RANGE_REPRESENTATION = Buffer.from(
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&*+-.^_|~0123456789abcdefghijklmnop',
);

/** RFC 9110 §14.1.2: one satisfiable `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else gets the default half. */
export function pickRange(rangeHeader: string | undefined, length: number): { start: number; end: number } {
  const fallback = { start: 0, end: Math.floor(length / 2) - 1 };
  const match = rangeHeader ? /^bytes=(\d{0,9})-(\d{0,9})$/.exec(rangeHeader.trim()) : null;
  if (!match) return fallback;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return fallback;
  if (first === '') {
    const suffix = Math.min(Number(last), length);
    return suffix === 0 ? fallback : { start: length - suffix, end: length - 1 };
  }
  const start = Number(first);
  const end = last === '' ? length - 1 : Math.min(Number(last), length - 1);
  return start > end || start >= length ? fallback : { start, end };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The diagnostic body in the form the client asked for. */
function diagnosticBody(info: MockCode, request: MockRequest, kind: ReturnType<typeof negotiateBody>): Buffer {
  switch (kind) {
    case 'json':
      return Buffer.from(
        `${JSON.stringify({
          status: info.code,
          phrase: info.phrase,
          summary: info.summary ?? null,
          page: info.page ?? null,
          request: {
            method: request.method,
            path: request.path,
            query: Object.fromEntries([...new Set(request.query.keys())].map((key) => [key, request.query.getAll(key)])),
            headers: request.headers,
          },
        })}\n`,
      );
    case 'problem':
      return Buffer.from(
        `${JSON.stringify({
          type: info.page ?? 'about:blank',
          title: info.phrase,
          status: info.code,
          detail: info.summary ?? `The mock answered ${info.code} because ${request.path} asked for it.`,
          instance: request.path,
        })}\n`,
      );
    case 'html': {
      const title = escapeHtml(`${info.code} ${info.phrase}`);
      const link = info.page ? `<p><a href="${info.page}">What ${info.code} means</a></p>` : '';
      return Buffer.from(
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(info.summary ?? 'A status answered on request by the httpstatus mock.')}</p>${link}</html>\n`,
      );
    }
    case 'text':
      return Buffer.from(`${info.code} ${info.phrase}\n${info.summary ? `${info.summary}\n` : ''}`);
  }
}

/** Builds the mock's answer for one chosen status: catalog headers with valid values, knobs applied, body by Accept. */
export function buildMockResponse(info: MockCode, request: MockRequest, knobs: MockKnobs): MockResponse {
  const isHead = request.method === 'HEAD';
  const range = info.code === 206 ? pickRange(request.headers.range, RANGE_REPRESENTATION.length) : undefined;
  const context: HeaderContext = { code: info.code, knobs, request, representationLength: RANGE_REPRESENTATION.length, range };
  const headers: Array<[string, string]> = [];
  for (const header of info.headers) {
    const value = HEADER_VALUES[header.name.toLowerCase()]?.(context);
    if (value !== undefined) headers.push([header.name, value]);
  }
  // Knob-driven fields the catalog may not list: a redirect target for any 3xx, a delay hint on 503 and 429.
  if (knobs.location !== undefined && !headers.some(([name]) => name.toLowerCase() === 'location'))
    headers.push(['Location', knobs.location]);
  if (knobs.retryAfter !== undefined && !headers.some(([name]) => name.toLowerCase() === 'retry-after'))
    headers.push(['Retry-After', String(knobs.retryAfter)]);
  headers.push(...knobs.headers);
  if (info.page) headers.push(['Link', `<${info.page}>; rel="describedby"`]);
  headers.push(...CORS_HEADERS);

  let body: Buffer | undefined;
  if (!info.noContent) {
    if (info.code === 206 && range) {
      body = RANGE_REPRESENTATION.subarray(range.start, range.end + 1);
      headers.push(['Content-Type', 'text/plain; charset=utf-8']);
    } else {
      const kind = negotiateBody(request.headers.accept, info.code);
      body = diagnosticBody(info, request, kind);
      headers.push(['Content-Type', CONTENT_TYPES[kind]]);
    }
    if (info.code !== 205) headers.push(['Vary', 'Accept']);
  }
  if (info.code === 205) body = Buffer.alloc(0); // RFC 9110 §15.3.6: no content; Content-Length: 0 frames it on HTTP/1.1
  if (isHead && body !== undefined) body = undefined;
  return { status: info.code, reason: info.reason, headers: dedupe(headers), body, sleepMs: knobs.sleepMs };
}

/** A catalog header and an identical knob header must not be sent twice; a knob overrides the default value. */
function dedupe(headers: Array<[string, string]>): Array<[string, string]> {
  const seen = new Map<string, number>();
  const result: Array<[string, string]> = [];
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const index = seen.get(key);
    if (index !== undefined && key !== 'link') {
      result[index] = [name, value];
      continue;
    }
    seen.set(key, result.length);
    result.push([name, value]);
  }
  return result;
}

/** A 400 for a malformed request to the mock, in the API's JSON error shape. */
export function mockError(message: string, input: string): MockResponse {
  const body = Buffer.from(
    `${JSON.stringify({
      ...jsonError(400, message, input),
      usage:
        '/status/{codes}: one code (418), a random pick (200,500), weights (200:0.9,500:0.1), or a sequence with ?seq=key (503,503,200); codes 100–599',
    })}\n`,
  );
  return { status: 400, reason: 'Bad Request', headers: [...CORS_HEADERS, ['Content-Type', 'application/json']], body, sleepMs: 0 };
}
