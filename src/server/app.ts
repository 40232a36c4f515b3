import { type Context, Hono } from 'hono';
import type { CheckResult } from '../check/check-url.js';
import { corsHeaders, isPreflight, preflightHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import { lintText } from '../lib/lint/index.js';
import { mockError } from '../mock/build-mock-response.js';
import type { MockService } from '../mock/mock-service.js';
import { WEBSOCKET_ONLY } from '../mock/websocket.js';
import { renderCheckPage, renderLintPage } from '../site/tool-pages.js';
import type { RateDecision } from '../state/state-store.js';
import type { BuiltSite, PreparedFile } from './built-site.js';
import { matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';
import { fileHeaders } from './file-headers.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  /** Pages, assets and `/api/…` documents, as the build prepared them. */
  site: BuiltSite;
  /** The mock; on Node its adapter answers `/status/…` before the app, which serves it on other runtimes. */
  mock: MockService;
  /** The URL checker behind /check and /api/check, with its SSRF guard; absent where no socket can be opened. */
  checker?: {
    check(url: string, method: string): Promise<CheckResult>;
    /** Counts a check against the asking client's allowance (a few a minute: each one makes outgoing requests). */
    allow(context: Context): RateDecision | Promise<RateDecision>;
  };
  /** Whether this instance can serve everything, state included (/readyz); absent, it always can. */
  readiness?: () => Promise<Readiness>;
  /**
   * Where the Node server runs, named when this app (on an edge runtime, where Node does not answer /status/ first)
   * is asked for what only Node can send: interim responses and the switch of 101.
   */
  nodeServer?: string;
}

export interface Readiness {
  ready: boolean;
  /** Where the state lives: `memory`, `redis`, or `durable-object` on the edge. */
  store: string;
  /** Why not, when not ready. */
  reason?: string;
}

/** Raw responses pasted into /lint or posted to /api/lint are read up to this size. */
const MAX_LINT_INPUT = 256 * 1024;
const CHECK_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** The request's content, or undefined when it is longer than `max` bytes (read no further than that). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > max) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.length;
    if (size > max) {
      await reader?.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** An http(s) URL of sensible length, or why not. */
function checkableUrl(text: string | undefined): { url: string } | { error: string } {
  if (!text) return { error: 'give the URL to check: ?url=https://example.com/' };
  if (text.length > 2048) return { error: 'the URL is longer than 2048 characters' };
  if (!URL.canParse(text)) return { error: `"${text.slice(0, 100)}" is not an absolute URL` };
  const { protocol } = new URL(text);
  if (protocol !== 'http:' && protocol !== 'https:') return { error: `only http and https URLs can be checked, not ${protocol}` };
  return { url: text };
}

const READ_METHODS = new Set(['GET', 'HEAD']);
/** Pages rendered per request rather than built, which `/check/` and the like redirect to. */
const PAGE_ROUTES = new Set(['/check', '/lint', '/search']);

function serveFile(request: Request, file: PreparedFile, status = 200, api = false): Response {
  const encoding = negotiateEncoding(request.headers.get('accept-encoding') ?? undefined);
  const variant = file.variants[encoding];
  const headers = new Headers(fileHeaders(file, encoding, { cacheable: status === 200, api, origin: request.headers.get('origin') }));
  if (status === 200 && matchesIfNoneMatch(request.headers.get('if-none-match') ?? undefined, variant.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set('Content-Length', String(variant.body.length));
  return new Response(request.method === 'HEAD' ? null : variant.body, { status, headers });
}

/** Percent-decodes for display; malformed escapes are shown as received rather than thrown. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function apiJson(request: Request, value: unknown): Response {
  return new Response(`${JSON.stringify(value)}\n`, {
    headers: [
      ['Content-Type', 'application/json'],
      ['Cache-Control', 'no-store'],
      ['Vary', 'Origin'],
      ...corsHeaders(request.headers.get('origin')),
    ],
  });
}

function apiError(request: Request, status: number, message: string, input?: string): Response {
  return new Response(`${JSON.stringify(jsonError(status, message, input))}\n`, {
    status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Cache-Control', 'no-store'],
      ['Vary', 'Origin'],
      ...corsHeaders(request.headers.get('origin')),
    ],
  });
}

/**
 * A fetch handler returns one final response (status 200–599): it cannot send a 1xx before it. Rather than fake one
 * in a 200, say so with 501 and point to the Node server, which sends them for real. (101 is the runtime's to switch
 * before the app sees the request, as Node's adapter and the edge worker do; what reaches the app offered nothing to
 * switch to.)
 */
function onlyOnNode(request: Request, code: number, nodeServer: string): Response {
  const there = `${nodeServer}/status/${code}`;
  const message = `${code} is an interim response, sent before the final one in the same exchange (RFC 9110 §15.2), and a fetch handler can only return the final one; the Node server (npm start) sends it for real: curl -i ${there}`;
  return new Response(`${JSON.stringify({ ...jsonError(501, message, String(code)), node: there })}\n`, {
    status: 501,
    headers: [
      ['Content-Type', 'application/json'],
      ['Cache-Control', 'no-store'],
      ['Link', `<${there}>; rel="alternate"`],
      ['Vary', 'Origin'],
      ...corsHeaders(request.headers.get('origin'), ['Link']),
    ],
  });
}

/** The whole product as one Web-standard fetch handler: site, JSON API and (off Node) the mock. */
export function createApp({ site, mock, checker, readiness, nodeServer = 'http://localhost:8421' }: AppOptions): Hono {
  const files = site.files;
  const security = securityHeaders(site.styleHash);
  const notFound = files.get('/404');
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(security)) c.res.headers.set(name, value);
  });

  // CORS preflight for the API and the mock; a plain OPTIONS to /status/… is the mock's to answer.
  app.options(
    '/api/*',
    (c) =>
      new Response(null, {
        status: 204,
        headers: preflightHeaders(c.req.header('origin'), c.req.header('access-control-request-headers')),
      }),
  );
  app.on('OPTIONS', '/status/*', (c, next) =>
    isPreflight('OPTIONS', c.req.raw.headers)
      ? new Response(null, {
          status: 204,
          headers: preflightHeaders(c.req.header('origin'), c.req.header('access-control-request-headers')),
        })
      : next(),
  );

  // Liveness and readiness for load balancers and orchestrators: /healthz says the process answers, /readyz that its
  // state store does too (a replica whose Redis is down still serves everything but ?seq=, so it stays live).
  const probe = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  app.on(['GET', 'HEAD'], '/healthz', (c) => c.body(`${JSON.stringify({ status: 'ok' })}\n`, 200, probe));
  app.on(['GET', 'HEAD'], '/readyz', async (c) => {
    const state = readiness ? await readiness() : { ready: true, store: 'memory' };
    const { ready, ...details } = state;
    const body = `${JSON.stringify({ status: ready ? 'ready' : 'unavailable', ...details })}\n`;
    return ready ? c.body(body, 200, probe) : c.body(body, 503, { ...probe, 'Retry-After': '5' });
  });

  /** Seconds to wait when the client used up its checks; undefined when it may go on. A store that is down lets it. */
  const rateLimited = async (c: Context): Promise<number | undefined> => {
    if (!checker) return undefined;
    try {
      const decision = await checker.allow(c);
      return decision.allowed ? undefined : decision.resetSeconds;
    } catch {
      return undefined;
    }
  };

  app.get('/api/check', async (c) => {
    if (!checker) return apiError(c.req.raw, 501, 'the URL checker needs the Node server (npm start)');
    const target = checkableUrl(c.req.query('url'));
    if ('error' in target) return apiError(c.req.raw, 400, target.error, c.req.query('url'));
    const method = (c.req.query('method') ?? 'GET').toUpperCase();
    if (!CHECK_METHODS.has(method)) return apiError(c.req.raw, 400, 'method is GET, HEAD or POST', method);
    const wait = await rateLimited(c);
    if (wait !== undefined) {
      const response = apiError(c.req.raw, 429, `too many checks from your address; try again in ${wait} s`);
      response.headers.set('Retry-After', String(wait));
      return response;
    }
    return apiJson(c.req.raw, await checker.check(target.url, method));
  });

  app.post('/api/lint', async (c) => {
    const bytes = await readCapped(c.req.raw, MAX_LINT_INPUT);
    if (!bytes) return apiError(c.req.raw, 413, `a response to lint is at most ${MAX_LINT_INPUT} bytes`);
    const method = c.req.query('method')?.toUpperCase();
    const result = lintText(bytes, method ? { method } : undefined);
    if ('error' in result) return apiError(c.req.raw, 400, result.error);
    return apiJson(c.req.raw, result);
  });

  app.get('/check', async (c) => {
    const frame = site.toolFrame;
    const given = c.req.query('url');
    const method = (c.req.query('method') ?? 'GET').toUpperCase();
    const headers = { 'Cache-Control': 'no-store' };
    if (given === undefined || given === '') return c.html(renderCheckPage(frame, '', 'GET', undefined), 200, headers);
    if (!checker)
      return c.html(renderCheckPage(frame, given, method, { error: 'the URL checker needs the Node server (npm start)' }), 501, headers);
    const target = checkableUrl(given);
    if ('error' in target || !CHECK_METHODS.has(method)) {
      return c.html(
        renderCheckPage(frame, given, method, { error: 'error' in target ? target.error : 'method is GET, HEAD or POST' }),
        400,
        headers,
      );
    }
    const wait = await rateLimited(c);
    if (wait !== undefined) {
      return c.html(renderCheckPage(frame, given, method, { error: `Too many checks from your address; try again in ${wait} s.` }), 429, {
        ...headers,
        'Retry-After': String(wait),
      });
    }
    return c.html(renderCheckPage(frame, given, method, await checker.check(target.url, method)), 200, headers);
  });

  app.get('/lint', (c) => c.html(renderLintPage(site.toolFrame, '', 'GET', undefined), 200, { 'Cache-Control': 'no-store' }));

  app.post('/lint', async (c) => {
    const bytes = await readCapped(c.req.raw, MAX_LINT_INPUT * 2);
    const form = new URLSearchParams(bytes ? new TextDecoder().decode(bytes) : '');
    const text = form.get('response') ?? '';
    const method = (form.get('method') ?? 'GET').toUpperCase();
    if (!bytes)
      return c.html(renderLintPage(site.toolFrame, '', method, { error: `a response to lint is at most ${MAX_LINT_INPUT} bytes` }), 413);
    // A textarea submits CRLF line ends, pasted text may have LF only: the parser takes both.
    const result = lintText(text, { method });
    return c.html(
      renderLintPage(site.toolFrame, text, method, 'error' in result ? { error: result.error } : result),
      'error' in result ? 400 : 200,
      {
        'Cache-Control': 'no-store',
      },
    );
  });

  app.get('/api/search', (c) => {
    const query = c.req.query('q');
    if (query === undefined || query.trim() === '') return apiError(c.req.raw, 400, 'give words or a code to search for: ?q=rate+limit');
    const { hits, redirect, suggestion } = site.search(query);
    const withPage = <T extends { code: number }>(hit: T) => ({ ...hit, page: `/codes/${hit.code}` });
    return apiJson(c.req.raw, {
      query,
      results: hits.map(withPage),
      ...(redirect === undefined ? {} : { exact: `/codes/${redirect}` }),
      ...(suggestion === undefined ? {} : { suggestion: withPage(suggestion) }),
    });
  });

  app.all('/api/*', (c) => {
    const path = c.req.path;
    const file = files.get(path);
    if (file) {
      if (!READ_METHODS.has(c.req.method)) return apiError(c.req.raw, 405, `${path} answers GET and HEAD only`, c.req.method);
      return serveFile(c.req.raw, file, 200, true);
    }
    const code = /^\/api\/codes\/(.*)$/.exec(path)?.[1];
    if (code !== undefined) {
      if (!/^[1-5]\d\d$/.test(code)) return apiError(c.req.raw, 400, 'a status code is three digits from 100 to 599', safeDecode(code));
      return apiError(c.req.raw, 404, `no page for status code ${code}`, code);
    }
    return apiError(c.req.raw, 404, 'no such API route; see /api/openapi.json', path);
  });

  app.all('/status/*', async (c) => {
    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = await mock.respond(url.pathname.slice('/status/'.length), {
      method: c.req.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
    });
    if (response.status === 101) {
      const { status, headers, body } = mockError(WEBSOCKET_ONLY, url.pathname);
      return new Response(body ?? null, { status, headers });
    }
    if (response.status < 200) return onlyOnNode(c.req.raw, response.status, nodeServer);
    const body = response.body && response.body.length > 0 ? response.body : null;
    return new Response(body, { status: response.status, statusText: response.reason, headers: response.headers });
  });

  // An exact code goes to its page; anything else gets the ranked list (or a suggestion).
  app.get('/search', (c) => {
    const query = c.req.query('q') ?? '';
    const ranking = site.search(query);
    if (ranking.redirect !== undefined) return c.redirect(`/codes/${ranking.redirect}`, 303);
    return c.html(site.renderSearch(query, ranking), 200, { 'Cache-Control': 'no-store' });
  });

  const notFoundResponse = (request: Request): Response =>
    notFound ? serveFile(request, notFound, 404) : new Response('Not Found', { status: 404 });

  // A number without a page still gets one that says what it is (unassigned, or not a status code at all), as a 404.
  const codeGap = (code: string) => c404(site.renderCodeGap(code));
  const c404 = (html: string) =>
    new Response(html, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });

  // `/421` is a shortcut people type; the page lives at `/codes/421`.
  app.on(['GET', 'HEAD'], '/:code{[0-9]{3}}', (c) => {
    const code = c.req.param('code');
    if (!files.has(`/codes/${code}`)) return codeGap(code);
    return c.redirect(`/codes/${code}`, 308);
  });
  app.on(['GET', 'HEAD'], '/codes/:code{[0-9]{3}}', (c, next) => {
    const code = c.req.param('code');
    return files.has(`/codes/${code}`) ? next() : codeGap(code);
  });

  app.all('*', (c) => {
    const path = c.req.path;
    const file = path === '/404' ? undefined : files.get(path);
    // `/codes/421/`: the same page without the slash (query kept), as static hosts do.
    const trimmed = path.replace(/\/+$/, '');
    if (!file && trimmed !== path && (files.has(trimmed) || PAGE_ROUTES.has(trimmed)) && READ_METHODS.has(c.req.method)) {
      const query = new URL(c.req.url).search;
      return c.redirect(`${trimmed}${query}`, 308);
    }
    if (!file) return notFoundResponse(c.req.raw);
    if (!READ_METHODS.has(c.req.method)) return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
    return serveFile(c.req.raw, file);
  });

  return app;
}
