import { createHash } from 'node:crypto';
import { corsHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import { partialContent, RANGE_REPRESENTATION, type RangeSelection } from './byte-ranges.js';
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

type Fields = Array<[string, string]>;

/** A strong validator that changes whenever the bytes do, so it never names two representations (RFC 9110 §8.8.3). */
export function entityTag(bytes: Buffer): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}"`;
}

/** The validator of RANGE_REPRESENTATION, which every part of it shares. */
export const REPRESENTATION_TAG = entityTag(RANGE_REPRESENTATION);

/** Later fields of the same name replace earlier ones (a knob's Location over the default), except Link, which adds up. */
function dedupe(headers: Fields): Fields {
  const seen = new Map<string, number>();
  const result: Fields = [];
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

/**
 * Builds the mock's answer for one chosen status: catalog headers with valid values, knobs applied, body by Accept.
 * `ranges` is set when the client asked for /status/206: the response then serves RANGE_REPRESENTATION, as 206, as
 * 416, or whole as 200, according to its Range field.
 */
export function buildMockResponse(info: MockCode, request: MockRequest, knobs: MockKnobs, ranges?: RangeSelection): MockResponse {
  let body: Buffer | undefined;
  let contentType: string | undefined;
  let contentRange: string | undefined;
  let varyAccept = false;
  if (!info.noContent) {
    if (ranges?.status === 206) {
      ({ body, contentType, contentRange } = partialContent(ranges.parts, CONTENT_TYPES.text));
    } else if (ranges?.status === 200) {
      body = RANGE_REPRESENTATION;
      contentType = CONTENT_TYPES.text;
    } else {
      const kind = negotiateBody(request.headers.accept, info.code);
      body = diagnosticBody(info, request, kind);
      contentType = CONTENT_TYPES[kind];
      varyAccept = true;
    }
  }
  if (info.code === 205) body = Buffer.alloc(0); // RFC 9110 §15.3.6: no content; Content-Length: 0 frames it on HTTP/1.1
  const etag = ranges ? REPRESENTATION_TAG : body?.length ? entityTag(body) : `"httpstatus-mock-${info.code}"`;

  const context: HeaderContext = {
    code: info.code,
    knobs,
    request,
    representationLength: RANGE_REPRESENTATION.length,
    contentRange,
    etag,
  };
  const headers: Fields = [];
  for (const header of info.headers) {
    const value = HEADER_VALUES[header.name.toLowerCase()]?.(context);
    if (value !== undefined) headers.push([header.name, value]);
  }
  // Knob-driven fields the catalog may not list: a redirect target for any 3xx, a delay hint on 503 and 429.
  if (knobs.location !== undefined) headers.push(['Location', knobs.location]);
  if (knobs.retryAfter !== undefined) headers.push(['Retry-After', knobs.retryAfter]);
  if (ranges) headers.push(['Accept-Ranges', 'bytes']);
  if (info.page) headers.push(['Link', `<${info.page}>; rel="describedby"`]);
  if (contentType) headers.push(['Content-Type', contentType]);
  // CORS answers depend on Origin, so every response varies on it, whatever else it varies on.
  headers.push(['Vary', varyAccept ? 'Accept, Origin' : 'Origin']);

  // ?header= fields are applied as asked: each replaces every field of its name the mock would send, CORS ones
  // included, and a name given twice is sent twice.
  const own = dedupe(headers);
  const names = [...own, ...knobs.headers].map(([name]) => name);
  const overridden = new Set(knobs.headers.map(([name]) => name.toLowerCase()));
  const result = [...own, ...corsHeaders(request.headers.origin, names)].filter(([name]) => !overridden.has(name.toLowerCase()));
  result.push(...knobs.headers);

  return {
    status: info.code,
    reason: info.reason,
    headers: result,
    body: request.method === 'HEAD' ? undefined : body,
    sleepMs: knobs.sleepMs,
  };
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
  return {
    status: 400,
    reason: 'Bad Request',
    headers: [...corsHeaders(undefined), ['Content-Type', 'application/json']],
    body,
    sleepMs: 0,
  };
}
