import { Hono } from 'hono';
import type { RenderedSite } from '../site/render-site.js';
import { styleHash } from '../site/render-site.js';
import { matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';
import { type PreparedFile, prepareFiles } from './prepared-files.js';
import { securityHeaders } from './security-headers.js';

export interface AppOptions {
  site: RenderedSite;
}

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Cache lifetimes: pages and assets are not fingerprinted, so revalidation (ETag) does the heavy lifting. */
const cacheControl = (path: string) => (path.startsWith('/assets/') ? 'public, max-age=3600' : 'public, max-age=300');

/** The web site as a Web-standard fetch handler: every page precomputed, compressed and tagged at start-up. */
export function createApp({ site }: AppOptions): Hono {
  const files = prepareFiles(site.files);
  const security = securityHeaders(styleHash(site.css));
  const notFound = files.get('/404');
  const app = new Hono();

  app.use(async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(security)) c.res.headers.set(name, value);
  });

  const serveFile = (request: Request, path: string, file: PreparedFile, status = 200): Response => {
    const encoding = negotiateEncoding(request.headers.get('accept-encoding') ?? undefined);
    const variant = file.variants[encoding];
    const headers = new Headers({
      'Content-Type': file.contentType,
      ETag: variant.etag,
      'Cache-Control': status === 200 ? cacheControl(path) : 'no-store',
      Vary: 'Accept-Encoding',
    });
    if (variant !== file.variants.identity) headers.set('Content-Encoding', encoding);
    if (status === 200 && matchesIfNoneMatch(request.headers.get('if-none-match') ?? undefined, variant.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers.set('Content-Length', String(variant.body.length));
    return new Response(request.method === 'HEAD' ? null : variant.body, { status, headers });
  };

  const notFoundResponse = (request: Request): Response =>
    notFound ? serveFile(request, '/404', notFound, 404) : new Response('Not Found', { status: 404 });

  app.get('/search', (c) => {
    const query = c.req.query('q') ?? '';
    return c.html(site.renderSearch(query), 200, { 'Cache-Control': 'no-store' });
  });

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
    if (!READ_METHODS.has(c.req.method)) {
      return c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' });
    }
    return serveFile(c.req.raw, path, file);
  });

  return app;
}
