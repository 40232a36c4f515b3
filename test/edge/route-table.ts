import { expect } from 'vitest';
import { websocketAccept } from '../../src/mock/header-values.js';
import { WEBSOCKET_GOODBYE, WEBSOCKET_ONLY } from '../../src/mock/websocket.js';
import { exchange, type LoopbackResponse, send } from '../support/http.js';

/** Which server a check runs against: the Node server (`npm start`) or the edge bundle on workerd (`npm run edge`). */
export type Runtime = 'node' | 'edge';

export interface RouteCheck {
  name: string;
  /** Throws (through expect) when the runtime answers otherwise. */
  run(base: string, runtime: Runtime): Promise<void>;
}

const header = (response: LoopbackResponse, name: string) => {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};
const json = (response: LoopbackResponse) => JSON.parse(response.body.toString()) as Record<string, unknown>;

/**
 * What both runtimes must answer alike: site pages, the API, the mock, redirects, validators, CORS, probes. A check
 * that branches on `runtime` is a difference, and says why next to it (EDGE_DIFFERENCES lists them all).
 */
export const ROUTE_TABLE: RouteCheck[] = [
  {
    name: 'the index page, in HTML',
    async run(base) {
      const response = await send(base, '/');
      expect(response.status).toBe(200);
      expect(header(response, 'content-type')).toBe('text/html; charset=utf-8');
      expect(response.body.toString()).toContain('href="/codes/421"');
    },
  },
  {
    name: 'a page in Brotli, then 304 for its ETag',
    async run(base) {
      const page = await send(base, '/codes/421', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(page.status).toBe(200);
      expect(header(page, 'content-encoding')).toBe('br');
      expect(header(page, 'vary')).toBe('Accept-Encoding');
      expect(header(page, 'content-length')).toBe(String(page.body.length));
      expect(header(page, 'content-security-policy')).toContain("default-src 'none'");
      const etag = header(page, 'etag') ?? '';
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await send(base, '/codes/421', { headers: { 'Accept-Encoding': 'gzip, deflate, br', 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    },
  },
  {
    name: 'HEAD of a page: the GET fields, Content-Length included, and no body',
    async run(base) {
      const get = await send(base, '/codes/421', { headers: { 'Accept-Encoding': 'br' } });
      const head = await send(base, '/codes/421', { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-length', 'content-encoding', 'etag', 'content-type', 'cache-control']) {
        expect(header(head, name), name).toBe(header(get, name));
      }
    },
  },
  {
    name: 'a page uncompressed for a client that takes no coding',
    async run(base) {
      const page = await send(base, '/codes/404');
      expect(page.status).toBe(200);
      expect(header(page, 'content-encoding')).toBeUndefined();
      expect(page.body.toString()).toContain('<h1');
    },
  },
  {
    name: 'assets under content-hashed names, cached for a year',
    async run(base) {
      const index = (await send(base, '/')).body.toString();
      const script = /src="(\/assets\/page\.[^"]+\.js)"/.exec(index)?.[1] ?? '';
      const asset = await send(base, script);
      expect(asset.status).toBe(200);
      expect(header(asset, 'cache-control')).toBe('public, max-age=31536000, immutable');
    },
  },
  {
    name: 'the 404 page for a path with no page',
    async run(base) {
      const response = await send(base, '/no/such/page');
      expect(response.status).toBe(404);
      expect(header(response, 'content-type')).toBe('text/html; charset=utf-8');
    },
  },
  {
    name: 'redirects: /421 (308), a trailing slash (308), an exact search (303)',
    async run(base) {
      const short = await send(base, '/421');
      expect([short.status, header(short, 'location')]).toEqual([308, '/codes/421']);
      const slash = await send(base, '/codes/421/?from=x');
      expect([slash.status, header(slash, 'location')]).toEqual([308, '/codes/421?from=x']);
      const search = await send(base, '/search?q=421');
      expect([search.status, header(search, 'location')]).toEqual([303, '/codes/421']);
    },
  },
  {
    name: 'search results rendered on the server',
    async run(base) {
      const response = await send(base, '/search?q=too+many+requests');
      expect(response.status).toBe(200);
      expect(response.body.toString()).toContain('/codes/429');
    },
  },
  {
    name: '/api/codes/421 as JSON, readable cross-origin, and its errors',
    async run(base) {
      const response = await send(base, '/api/codes/421', { headers: { Origin: 'https://app.example' } });
      expect(response.status).toBe(200);
      expect(json(response)).toMatchObject({ code: 421 });
      expect(header(response, 'access-control-allow-origin')).toBe('https://app.example');
      expect(header(response, 'vary')).toContain('Origin');
      expect((await send(base, '/api/codes/555')).status).toBe(404);
      expect((await send(base, '/api/codes/999')).status).toBe(400);
      const bad = await send(base, '/api/codes/abc');
      expect(bad.status).toBe(400);
      expect(json(bad)).toMatchObject({ status: 400, message: expect.stringContaining('three digits') });
    },
  },
  {
    name: 'a CORS preflight for the API',
    async run(base) {
      const response = await send(base, '/api/codes/421', {
        method: 'OPTIONS',
        headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-trace' },
      });
      expect(response.status).toBe(204);
      expect(header(response, 'access-control-allow-origin')).toBe('https://app.example');
      expect(header(response, 'access-control-allow-headers')?.toLowerCase()).toContain('x-trace');
    },
  },
  {
    name: '/status/418 with its reason phrase and page link',
    async run(base) {
      const response = await send(base, '/status/418');
      expect([response.status, response.reason]).toEqual([418, "I'm a teapot"]);
      expect(header(response, 'link')).toBe('</codes/418>; rel="describedby"');
    },
  },
  {
    name: '/status/503?retry_after=5',
    async run(base) {
      const response = await send(base, '/status/503?retry_after=5', { headers: { Accept: 'application/json' } });
      expect(response.status).toBe(503);
      expect(header(response, 'retry-after')).toBe('5');
      expect(json(response)).toMatchObject({ status: 503 });
    },
  },
  {
    name: '/status/301 with a Location, and a bad status list refused',
    async run(base) {
      const moved = await send(base, '/status/301?location=/codes/301');
      expect([moved.status, header(moved, 'location')]).toEqual([301, '/codes/301']);
      const bad = await send(base, '/status/700');
      expect(bad.status).toBe(400);
    },
  },
  {
    name: 'a ?seq= sequence, in order, then the last code for good',
    async run(base, runtime) {
      const key = `table-${runtime}-${Date.now()}`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await send(base, `/status/503,429,200?seq=${key}`)).status);
      expect(statuses).toEqual([503, 429, 200, 200]);
    },
  },
  {
    name: 'liveness and readiness probes',
    async run(base, runtime) {
      expect(json(await send(base, '/healthz'))).toEqual({ status: 'ok' });
      const ready = await send(base, '/readyz');
      expect(ready.status).toBe(200);
      // Where the state lives is the difference: the process's memory on Node here, Durable Objects on the edge.
      expect(json(ready)).toEqual({ status: 'ready', store: runtime === 'node' ? 'memory' : 'durable-object' });
    },
  },
  {
    name: 'an interim response (103): sent for real on Node, explained on the edge',
    async run(base, runtime) {
      const response = await send(base, '/status/103');
      if (runtime === 'node') {
        expect(response.interim.map((interim) => interim.status)).toEqual([103]);
        expect(response.status).toBe(200);
        return;
      }
      // A fetch handler returns one final response; it cannot send a 1xx before it.
      expect(response.interim).toEqual([]);
      expect(response.status).toBe(501);
      expect(header(response, 'link')).toBe('<http://localhost:8421/status/103>; rel="alternate"');
      expect(json(response)).toMatchObject({ message: expect.stringContaining('interim response') });
    },
  },
  {
    name: '101 with a WebSocket offer: a real switch, a text message, a normal close',
    async run(base) {
      const key = Buffer.from('0123456789abcdef').toString('base64');
      const offer = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n`;
      const raw = await exchange(Number(new URL(base).port), `GET /status/101 HTTP/1.1\r\nHost: localhost\r\n${offer}\r\n`);
      const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1');
      expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(head.toLowerCase()).toContain(`sec-websocket-accept: ${websocketAccept(key).toLowerCase()}`);
      const frames = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
      expect(frames[0]).toBe(0x81); // FIN + text
      expect(frames.subarray(2, 2 + (frames[1] ?? 0)).toString()).toBe(WEBSOCKET_GOODBYE);
      expect(frames.subarray(2 + (frames[1] ?? 0), 6 + (frames[1] ?? 0))).toEqual(Buffer.from([0x88, 0x02, 0x03, 0xe8])); // close, 1000
    },
  },
  {
    name: '101 without an offer (400) or in another WebSocket version (426)',
    async run(base) {
      const refused = await send(base, '/status/101');
      expect(refused.status).toBe(400);
      expect(json(refused)).toMatchObject({ message: WEBSOCKET_ONLY });
      const key = Buffer.from('0123456789abcdef').toString('base64');
      const old = await send(base, '/status/101', {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '8', 'Sec-WebSocket-Key': key },
      });
      expect(old.status).toBe(426);
      expect(header(old, 'sec-websocket-version')).toBe('13');
    },
  },
  {
    name: '/metrics: Prometheus on Node; none on the edge, where each isolate would count alone',
    async run(base, runtime) {
      const response = await send(base, '/metrics');
      if (runtime === 'node') {
        expect(response.status).toBe(200);
        expect(response.body.toString()).toContain('httpstatus_http_requests_total');
      } else {
        expect(response.status).toBe(404);
      }
    },
  },
  {
    name: 'the URL checker: on Node; 501 on the edge, which opens no sockets for others',
    async run(base, runtime) {
      const response = await send(base, '/api/check?url=http%3A%2F%2F127.0.0.1%2F');
      if (runtime === 'node') {
        // The SSRF guard refuses a loopback target before any request is made.
        expect(response.status).toBe(200);
        expect(json(response)).toMatchObject({ hops: [{ error: expect.stringContaining('loopback address') }] });
      } else {
        expect(response.status).toBe(501);
        expect(json(response)).toMatchObject({ message: expect.stringContaining('Node server') });
      }
    },
  },
];

/** Every difference the table allows, in one place for the README and the reader. */
export const EDGE_DIFFERENCES = [
  '1xx interim responses (100, 102, 103, …): 501 with an explanation and a Link to the Node server',
  'HTTP/2 421 between hosts on one connection: only on the Node HTTP/2 listeners (the platform terminates connections)',
  '/metrics: 404 (per-isolate counters mean nothing; the platform has its own analytics)',
  'the URL checker (/check, /api/check): 501',
  'RATE_LIMIT: not applied (use the platform rate limiting in front)',
  '?seq= sequences: one Durable Object per key instead of memory or Redis',
] as const;
