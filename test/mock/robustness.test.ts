import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockNodeAdapter } from '../../src/server/mock-node-adapter.js';
import { createNodeServer } from '../../src/server/node-server.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const ALLOWED_FIELDS = new Set([
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'accept-ranges',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'vary',
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'link',
  'location',
  'retry-after',
  'www-authenticate',
  'allow',
  'content-range',
  'etag',
  'last-modified',
  'cache-control',
  'expires',
  'content-location',
  'accept-encoding',
  'accept',
  'accept-patch',
  'upgrade',
  'x-interim-status',
  'content-encoding',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
  'transfer-encoding',
]);

describe('fuzzing the server', () => {
  it('survives thousands of random requests: no crash, no unasked 5xx, no injected header', async () => {
    const random = generator(20261126);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const fragments = [
      '200',
      '418',
      '503',
      '599',
      '100',
      '101',
      '103',
      '204',
      '304',
      '600',
      '099',
      'abc',
      ',',
      ':',
      ':0.5',
      ':0',
      '%00',
      '%0d%0a',
      '..',
      '/',
      '%2e%2e',
      'é',
      '%E0%A4',
      '\u202e',
      '9'.repeat(30),
      '%',
    ];
    const paths = ['/status/', '/status/', '/status/', '/api/codes/', '/codes/', '/', '/search?q=', '/assets/', '/api/'];
    const queryKeys = ['sleep', 'header', 'location', 'retry_after', 'seq', 'q', 'x'];
    const queryValues = [
      '1',
      '0',
      '-1',
      '10',
      'abc',
      'X-A:b',
      'X-A:b%0d%0aInjected:%20yes',
      'Injected%3A%20yes',
      '%0aInjected:1',
      '/next',
      'https://example.com/',
      'javascript:1',
      'k',
      '%00',
      '1e9',
    ];
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'BREW'];
    const accepts = ['application/json', 'application/problem+json', 'text/html', '*/*', 'text/*;q=0.5', 'garbage;;;', ''];

    const failures: string[] = [];
    let answered = 0;
    const total = 3000;
    const one = async (index: number) => {
      let path = random.pick(paths);
      const parts = Math.floor(random.next() * 4);
      for (let i = 0; i < parts; i++) path += random.pick(fragments);
      const queries = Math.floor(random.next() * 3);
      for (let i = 0; i < queries; i++) path += `${path.includes('?') ? '&' : '?'}${random.pick(queryKeys)}=${random.pick(queryValues)}`;
      const method = random.pick(methods);
      const headers: Record<string, string> = { Accept: random.pick(accepts) };
      if (random.next() < 0.2) headers.Range = random.pick(['bytes=0-9', 'bytes=-5', 'bytes=9-1', 'items=1-2', 'bytes=']);
      if (random.next() < 0.1) headers.Origin = 'https://fuzz.example';
      const safePath = path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char));
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: safePath, method, headers, agent }, (res) => {
          res.resume();
          res.on('end', () => {
            answered++;
            const status = res.statusCode ?? 0;
            const askedFor5xx = /\/status\/[^?]*5\d\d/.test(safePath);
            if (status >= 500 && !askedFor5xx) failures.push(`#${index} ${method} ${safePath} → ${status}`);
            // Fields a ?header= knob asked for, as the server decodes the query; anything else is an injection.
            const query = safePath.includes('?') ? safePath.slice(safePath.indexOf('?') + 1) : '';
            const asked = new Set(
              new URLSearchParams(query).getAll('header').map((value) => value.slice(0, value.indexOf(':')).toLowerCase()),
            );
            for (const name of Object.keys(res.headers)) {
              if (!ALLOWED_FIELDS.has(name) && !asked.has(name))
                failures.push(`#${index} ${method} ${safePath} → unexpected header ${name}`);
              if (/[\r\n]/.test(String(res.headers[name]))) failures.push(`#${index} ${safePath} → CR or LF inside ${name}`);
            }
            resolve();
          });
        });
        req.on('error', (error) => {
          failures.push(`#${index} ${method} ${safePath} → ${error.message}`);
          resolve();
        });
        req.setTimeout(5000, () => req.destroy(new Error('timed out')));
        req.end(method === 'POST' ? 'fuzz body' : undefined);
      });
    };
    const queue = Array.from({ length: total }, (_, index) => index);
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) await one(index);
      }),
    );
    agent.destroy();
    expect(failures.slice(0, 20)).toEqual([]);
    expect(answered).toBe(total);
    const health = await fetch(`${server.url}/status/200`);
    expect(health.status).toBe(200);
  }, 120_000);
});

describe('slow and oversized clients', () => {
  it('drops a client that never finishes its headers (slow loris) with 408', async () => {
    const slow = createNodeServer({
      app: server.product.app,
      mock: createMockNodeAdapter(server.product.mock),
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      connectionsCheckingIntervalMs: 100,
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const { port } = slow.address() as AddressInfo;
    try {
      const started = Date.now();
      const reply = await new Promise<string>((resolve) => {
        let text = '';
        const socket = connect(port, '127.0.0.1', () => socket.write('GET /status/200 HTTP/1.1\r\nHost: localhost\r\nX-Slow: '));
        const drip = setInterval(() => socket.writable && socket.write('a'), 50);
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        socket.on('close', () => {
          clearInterval(drip);
          resolve(text);
        });
        socket.on('error', () => undefined);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('answers oversized headers with 431', async () => {
    const response = await fetch(`${server.url}/status/200`, { headers: { 'X-Big': 'a'.repeat(20_000) } }).catch((error: Error) => error);
    if (response instanceof Response) expect(response.status).toBe(431);
    else expect(response.message).toMatch(/fetch failed|socket/);
  });

  it('caps ?sleep= at the configured limit', async () => {
    const response = await fetch(`${server.url}/status/200?sleep=2001`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/at most 2000/);
  });

  it('stops sleeping when the client goes away', async () => {
    const controller = new AbortController();
    const pending = fetch(`${server.url}/status/200?sleep=2000`, { signal: controller.signal }).catch(() => 'aborted');
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toBe('aborted');
    const after = await fetch(`${server.url}/status/200`);
    expect(after.status).toBe(200);
  });
});
