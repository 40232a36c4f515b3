import { watch } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSite } from '../build/build-site.js';
import { formatContentError } from '../catalog/content-error.js';
import { CONTENT_DIR, DIST_DIR, PROJECT_ROOT } from '../catalog/paths.js';
import { loadProduct, type Product } from '../server/assemble.js';
import { securityHeaders } from '../server/security-headers.js';

/**
 * `npm run dev`: the product on PORT (8421), rebuilt when a page under content/ changes, and every open browser
 * tab showing that page reloaded. tsx's watch mode restarts this process when code under src/ changes; tabs then
 * reconnect, see a new build and reload too. Pages get a small reload script only here, never in dist/.
 */
const EVENTS = '/__dev/events';
const SCRIPT = '/__dev/reload.js';
const RELOAD_JS = `const source = new EventSource(${JSON.stringify(EVENTS)});
let build;
source.addEventListener('build', (event) => {
  if (build !== undefined && event.data !== build) location.reload();
  build = event.data;
});
source.addEventListener('changed', (event) => {
  if (JSON.parse(event.data).includes(location.pathname)) location.reload();
});
`;

// A test points the watcher at copies; everyone else edits content/ and builds into dist/.
const contentDir = process.env.HTTPSTATUS_CONTENT_DIR ?? CONTENT_DIR;
const distDir = process.env.HTTPSTATUS_DIST_DIR ?? DIST_DIR;
await buildSite({ root: PROJECT_ROOT, contentDir, distDir });
let product: Product = await loadProduct(distDir);
let build = String(Date.now());
const listeners = new Set<ServerResponse>();

function send(event: string, data: string): void {
  for (const res of listeners) res.write(`event: ${event}\ndata: ${data}\n\n`);
}

/** Pages in identity coding with the reload script before </head>; the rest as `npm start` serves it. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === EVENTS) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(`event: build\ndata: ${build}\n\n`);
    listeners.add(res);
    res.on('close', () => listeners.delete(res));
    return;
  }
  if (path === SCRIPT) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(RELOAD_JS);
    return;
  }
  const file = product.site.files.get(path);
  if (req.method === 'GET' && file?.contentType.startsWith('text/html') && path === req.url) {
    const html = file.variants.identity.body.toString().replace('</head>', `<script type="module" src="${SCRIPT}"></script></head>`);
    res.writeHead(200, { ...securityHeaders(product.site.styleHash), 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
    res.end(html);
    return;
  }
  product.server.emit('request', req, res);
}

async function rebuild(): Promise<void> {
  const started = performance.now();
  const report = await buildSite({ root: PROJECT_ROOT, contentDir, distDir });
  if (report.errors.length > 0) {
    for (const error of report.errors) console.error(formatContentError(error));
    return;
  }
  if (report.upToDate) return;
  product = await loadProduct(distDir);
  build = String(Date.now());
  console.log(`rebuilt in ${Math.round(performance.now() - started)} ms: ${report.written.join(', ') || 'no file changed'}`);
  send('changed', JSON.stringify(report.written));
}

const server = createServer(handle);
server.listen(Number(process.env.PORT ?? 8421), () => {
  console.log(`httpstatus (dev) listening on http://localhost:${(server.address() as AddressInfo).port}; edit content/codes/*.md`);
});

// Edits often arrive as several events (write, rename); one rebuild after they settle.
let timer: NodeJS.Timeout | undefined;
let running = Promise.resolve();
watch(contentDir, { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    running = running.then(rebuild).catch((error: unknown) => console.error(error));
  }, 100);
});
