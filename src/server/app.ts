import { Hono } from 'hono';
import { corsHeaders, isPreflight, preflightHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import type { MockService } from '../mock/mock-service.js';
import { matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';
import { fileHeaders } from './file-headers.js';
import type { BuiltSite, PreparedFile } from './prepared-files.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  /** Pages, assets and `/api/…` documents, as the build prepared them. */
  site: BuiltSite;
  /** The mock; on Node its adapter answers `/status/…` before the app, which serves it on other runtimes. */
  mock: MockService;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

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

/** The whole product as one Web-standard fetch handler: site, JSON API and (off Node) the mock. */
export function createApp({ site, mock }: AppOptions): Hono {
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

  app.all('/status/*', (c) => {
    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const response = mock.respond(url.pathname.slice('/status/'.length), {
      method: c.req.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
    });
    // Fetch handlers cannot send interim responses: a 1xx is reported in a 200, as the Node adapter does after sending it.
    const status = Math.max(response.status, 200);
    const body = response.body && response.body.length > 0 ? response.body : null;
    return new Response(body, { status, statusText: response.reason, headers: response.headers });
  });

  app.get('/search', (c) => c.html(site.renderSearch(c.req.query('q') ?? ''), 200, { 'Cache-Control': 'no-store' }));

  const notFoundResponse = (request: Request): Response =>
    notFound ? serveFile(request, notFound, 404) : new Response('Not Found', { status: 404 });

  // `/421` is a shortcut people type; the page lives at `/codes/421`.
  app.on(['GET', 'HEAD'], '/:code{[0-9]{3}}', (c) => {
    const code = c.req.param('code');
    if (!files.has(`/codes/${code}`)) return notFoundResponse(c.req.raw);
    return c.redirect(`/codes/${code}`, 308);
  });

  app.all('*', (c) => {
    const path = c.req.path;
    const file = path === '/404' ? undefined : files.get(path);
    if (!file) return notFoundResponse(c.req.raw);
    if (!READ_METHODS.has(c.req.method)) return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
    return serveFile(c.req.raw, file);
  });

  return app;
}
