import { execFile } from 'node:child_process';
import { type ClientHttp2Session, connect, createServer, type IncomingHttpHeaders } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOn } from '../../src/server/misdirected-demo.js';
import { createStaticNodeAdapter } from '../../src/server/static-node-adapter.js';
import { startTestHttp2Servers, type TestHttp2Servers } from '../support/server.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);
let servers: TestHttp2Servers;
beforeAll(async () => {
  servers = await startTestHttp2Servers();
});
afterAll(async () => {
  await servers?.close();
});

const listeners = () =>
  [
    ['h2 (TLS)', servers.tlsUrl, ['--http2']],
    ['h2c', servers.h2cUrl, ['--http2-prior-knowledge']],
  ] as const;

interface Frame {
  type: string;
  flags: string;
  status?: number;
}

/** The frames nghttp (nghttp2's own client) received on the request's stream, in order. */
async function nghttpFrames(url: string, method = 'GET', headers: string[] = []): Promise<Frame[]> {
  const { stdout } = await run('nghttp', ['-nv', '-H', `:method: ${method}`, ...headers.flatMap((h) => ['-H', h]), url], {
    timeout: 10_000,
  });
  const frames: Frame[] = [];
  let pendingStatus: number | undefined;
  for (const line of stdout.split('\n')) {
    const status = /recv \(stream_id=13\) :status: (\d{3})/.exec(line);
    if (status) pendingStatus = Number(status[1]);
    const received = /recv (HEADERS|DATA) frame <length=\d+, flags=(0x[0-9a-f]+), stream_id=13>/.exec(line);
    if (received) {
      frames.push({
        type: received[1] ?? '',
        flags: received[2] ?? '',
        ...(received[1] === 'HEADERS' && pendingStatus ? { status: pendingStatus } : {}),
      });
      pendingStatus = undefined;
    }
  }
  return frames;
}

const endsStream = (frame: Frame | undefined) => Boolean(frame && Number(frame.flags) & 0x1);

describe('the whole product over HTTP/2', () => {
  it.each(['h2 (TLS)', 'h2c'])('%s serves the site, the API and the mock (curl)', async (name) => {
    requireTool('curl');
    const [, base, flags] = listeners().find(([label]) => label === name) ?? [];
    for (const [path, status, type] of [
      ['/', 200, 'text/html'],
      ['/codes/421', 200, 'text/html'],
      ['/api/codes/421', 200, 'application/json'],
      ['/search?q=teapot', 200, 'text/html'],
      ['/status/418', 418, 'text/plain'],
      ['/nowhere', 404, 'text/html'],
    ] as const) {
      const { stdout } = await run('curl', [
        '-sk',
        ...(flags ?? []),
        '-o',
        '/dev/null',
        '-w',
        '%{http_version} %{http_code} %{content_type}',
        `${base}${path}`,
      ]);
      expect(stdout, path).toMatch(new RegExp(`^2 ${status} ${type.replace('/', '\\/')}`));
    }
  });

  it.each(['h2 (TLS)', 'h2c'])('%s answers HEAD (curl -I), which used to crash the listener', async (name) => {
    requireTool('curl');
    const [, base, flags] = listeners().find(([label]) => label === name) ?? [];
    for (const path of ['/', '/codes/421', '/api/codes', '/status/200', '/status/418?sleep=10']) {
      const { stdout } = await run('curl', ['-skI', ...(flags ?? []), `${base}${path}`]);
      expect(stdout, path).toMatch(/^HTTP\/2 (200|418) /);
    }
  });

  it('offers http/1.1 on the TLS port too (ALPN), for clients without HTTP/2', async () => {
    requireTool('curl');
    const { stdout } = await run('curl', ['-sk', '--http1.1', '-i', `${servers.tlsUrl}/status/418`]);
    expect(stdout).toMatch(/^HTTP\/1\.1 418 I'm a teapot\r\n/);
  });

  it.each(['h2 (TLS)', 'h2c'])(
    '%s frames HEAD, 204, 205, 304 and 1xx correctly: no DATA where none is allowed (nghttp -v)',
    async (name) => {
      requireTool('nghttp');
      const [, base] = listeners().find(([label]) => label === name) ?? [];
      for (const [method, path] of [
        ['HEAD', '/'],
        ['HEAD', '/api/codes/421'],
        ['HEAD', '/status/200'],
        ['HEAD', '/status/200?header=X-A:1'],
        ['GET', '/status/204'],
        ['GET', '/status/205'],
        ['GET', '/status/304'],
      ] as const) {
        const frames = await nghttpFrames(`${base}${path}`, method);
        expect(
          frames.map((frame) => frame.type),
          `${method} ${path}`,
        ).toEqual(['HEADERS']);
        expect(endsStream(frames[0]), `${method} ${path}`).toBe(true);
      }
      // 1xx: a HEADERS frame that does not end the stream, then the final response (RFC 9113 §8.1).
      for (const code of [102, 103]) {
        const frames = await nghttpFrames(`${base}/status/${code}`);
        expect(frames[0]).toEqual({ type: 'HEADERS', flags: '0x04', status: code });
        expect(frames[1]).toMatchObject({ type: 'HEADERS', status: 200 });
        expect(endsStream(frames.at(-1))).toBe(true);
      }
      const revalidated = await nghttpFrames(`${base}/codes/421`, 'GET', ['if-none-match: *']);
      expect(revalidated).toEqual([{ type: 'HEADERS', flags: '0x05', status: 304 }]);
    },
  );

  it('sends 103 Early Hints with its Link before the final response (Node http2 client)', async () => {
    const session = connect(servers.tlsUrl, { ca: servers.cert, servername: 'localhost' });
    try {
      const stream = session.request({ ':path': '/status/103', ':authority': 'localhost' });
      const interim: Array<Record<string, unknown>> = [];
      stream.on('headers', (headers) => interim.push(headers));
      const [final] = await new Promise<[Record<string, unknown>]>((resolve) => stream.on('response', (headers) => resolve([headers])));
      stream.resume();
      const script = servers.product.site.assets['page.js'];
      expect(script).toMatch(/^\/assets\/page\.[0-9a-f]{10}\.js$/);
      expect(interim).toEqual([expect.objectContaining({ ':status': 103, link: `<${script}>; rel=preload; as=script` })]);
      expect(final[':status']).toBe(200);
      expect(final['x-interim-status']).toBe('103');
    } finally {
      session.close();
    }
  });

  it('drops connection-specific fields, which HTTP/2 forbids (RFC 9113 §8.2.2), and says 101 does not exist there', async () => {
    const session = connect(servers.h2cUrl);
    try {
      for (const code of [408, 413, 426]) {
        const response = await requestOn(session, 'localhost', `/status/${code}`);
        expect(response.status).toBe(code);
        expect(response.headers).not.toHaveProperty('connection');
        expect(response.headers).not.toHaveProperty('upgrade');
      }
      const switching = await requestOn(session, 'localhost', '/status/101');
      expect(switching.status).toBe(400);
      expect(switching.body).toContain('101 does not exist in HTTP/2 (RFC 9113 §8.6)');
    } finally {
      session.close();
    }
  });

  /** One request on an open session: status, header fields (pseudo-headers and Date left out) and the body's bytes. */
  function fetchRaw(session: ClientHttp2Session, method: string, path: string, fields: Record<string, string>) {
    return new Promise<{ status: number; fields: Array<[string, unknown]>; body: Buffer }>((resolve, reject) => {
      const stream = session.request({ ':method': method, ':path': path, ...fields });
      const chunks: Buffer[] = [];
      let head: IncomingHttpHeaders = {};
      stream.on('response', (headers) => {
        head = headers;
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () =>
        resolve({
          status: Number(head[':status']),
          fields: Object.entries(head)
            .filter(([name]) => !name.startsWith(':') && name !== 'date')
            .sort(([a], [b]) => (a < b ? -1 : 1)),
          body: Buffer.concat(chunks),
        }),
      );
    });
  }

  // Pages and API documents take the prepared-file fast path over HTTP/2 too; a query string sends the same file
  // through the Hono app, so each answer can be held against the other.
  it.each(['h2 (TLS)', 'h2c'])('%s: the fast path and the Hono app send the same fields and bytes', async (name) => {
    const session = name === 'h2c' ? connect(servers.h2cUrl) : connect(servers.tlsUrl, { ca: servers.cert, servername: 'localhost' });
    try {
      const cases: Array<[string, Record<string, string>]> = [
        ['/codes/421', {}],
        ['/codes/421', { 'accept-encoding': 'br' }],
        ['/', { 'accept-encoding': 'gzip, deflate' }],
        ['/api/codes/421', { 'accept-encoding': 'br;q=0.5, gzip' }],
        ['/api/codes', {}],
        ['/codes/421', { 'if-none-match': '*' }],
        [servers.product.site.assets['page.js'] ?? '/', { 'accept-encoding': 'br' }],
      ];
      for (const [path, fields] of cases) {
        for (const method of ['GET', 'HEAD']) {
          const label = `${method} ${path} ${JSON.stringify(fields)}`;
          const fast = await fetchRaw(session, method, path, fields);
          const app = await fetchRaw(session, method, `${path}?via=app`, fields);
          expect(fast.status, label).toBe(app.status);
          expect(fast.fields, label).toEqual(app.fields);
          expect(fast.body.equals(app.body), label).toBe(true);
          expect(fast.body.length > 0, label).toBe(method === 'GET' && fast.status === 200);
        }
      }
    } finally {
      session.close();
    }
  });

  it('answers from the prepared files on a bare HTTP/2 server, and leaves what it does not serve to the next handler', async () => {
    const files = createStaticNodeAdapter(servers.product.site);
    const bare = createServer((req, res) => {
      if (files.handle(req, res)) return;
      res.writeHead(599);
      res.end();
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const session = connect(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`);
    const product = connect(servers.h2cUrl);
    try {
      const page = await fetchRaw(session, 'GET', '/codes/421', { 'accept-encoding': 'br' });
      expect(page.status).toBe(200);
      expect(page.fields).toContainEqual(['content-encoding', 'br']);
      expect(page.body.equals((await fetchRaw(product, 'GET', '/codes/421', { 'accept-encoding': 'br' })).body)).toBe(true);
      const etag = page.fields.find(([name]) => name === 'etag')?.[1];
      expect((await fetchRaw(session, 'GET', '/codes/421', { 'accept-encoding': 'br', 'if-none-match': String(etag) })).status).toBe(304);
      for (const [method, path, fields] of [
        ['GET', '/codes/421?q=1', {}],
        ['POST', '/codes/421', {}],
        ['GET', '/api/codes/421', { origin: 'https://example.com' }],
        ['GET', '/404', {}],
      ] as Array<[string, string, Record<string, string>]>) {
        expect((await fetchRaw(session, method, path, fields)).status, `${method} ${path}`).toBe(599);
      }
    } finally {
      session.close();
      product.close();
      await new Promise((resolve) => bare.close(resolve));
    }
  });
});
