import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createH2cServer } from '../../src/server/http2-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);

/**
 * The per-address limit in one process (memory store), through every path a request can take: the static and mock
 * fast paths, the app's adapter, 100-continue, HTTP/2. Each response must carry the draft's fields once and count
 * once; the replicas test covers the same limit shared through Redis.
 */
describe('per-address rate limit', () => {
  let server: TestServer;
  let h2cPort: number;
  let closeH2c: () => Promise<void>;

  beforeAll(async () => {
    requireTool('curl');
    server = await startTestServer({ rateLimit: { policy: { limit: 20, windowMs: 60_000 } } });
    const h2c = createH2cServer({ ...server.product.handlers, hosts: ['127.0.0.1'], requestTimeoutMs: server.product.requestTimeoutMs });
    await new Promise<void>((resolve) => h2c.listen(0, '127.0.0.1', resolve));
    h2cPort = (h2c.address() as AddressInfo).port;
    closeH2c = () => new Promise((resolve) => h2c.close(() => resolve()));
  });
  afterAll(async () => {
    await closeH2c?.();
    await server?.close();
  });

  /** curl's view of one exchange: status line and fields of the final response, names lower-cased. */
  async function curl(args: string[]): Promise<{ status: number; fields: Array<[string, string]> }> {
    const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-D', '-', ...args]);
    const head =
      stdout
        .split(/\r\n\r\n/)
        .filter(Boolean)
        .at(-1) ?? '';
    const [statusLine = '', ...lines] = head.split('\r\n');
    return {
      status: Number(statusLine.split(' ')[1]),
      fields: lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as [string, string];
      }),
    };
  }
  const remainingOf = (fields: Array<[string, string]>) => {
    const values = fields.filter(([name]) => name === 'ratelimit').map(([, value]) => value);
    expect(values).toHaveLength(1);
    expect(fields.filter(([name]) => name === 'ratelimit-policy').map(([, value]) => value)).toEqual(['"per-address";q=20;w=60']);
    return Number(/^"per-address";r=(\d+);t=(\d+)$/.exec(values[0] ?? '')?.[1]);
  };

  it('counts each request once on every path, and keeps the fields the handler repeats', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const requests: string[][] = [
      [`${base}/codes/421`, '-H', 'Accept-Encoding: br'], // static fast path
      [`${base}/status/418`], // mock fast path
      [`${base}/status/200?header=Link:%3C/a%3E;rel=preload&header=Link:%3C/b%3E;rel=preload`], // mock, computed
      [`${base}/api/codes/421`, '-H', 'Origin: https://app.example'], // the app's adapter (CORS per origin)
      [`${base}/search?q=teapot`, '-I'], // the app, HEAD
      [`${base}/status/200`, '-H', 'Expect: 100-continue', '--data-binary', 'body'], // 100-continue
      [`http://127.0.0.1:${h2cPort}/status/418`, '--http2-prior-knowledge'], // HTTP/2
      [`${base}/no-such-page`], // the 404 page
    ];
    const remaining: number[] = [];
    for (const args of requests) {
      const { fields } = await curl(args);
      remaining.push(remainingOf(fields));
      if (args[0]?.includes('header=Link')) {
        expect(fields.filter(([name]) => name === 'link').map(([, value]) => value)).toEqual(['</a>;rel=preload', '</b>;rel=preload']);
      }
    }
    expect(remaining).toEqual([19, 18, 17, 16, 15, 14, 13, 12]);
  });

  it('answers 429 past the limit, readable cross-origin, and leaves the probes alone', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    // X-Forwarded-For is not believed from an untrusted peer: these all count against 127.0.0.1.
    for (let i = 0; i < 12; i++) await curl([`${base}/status/204`, '-H', `X-Forwarded-For: 203.0.113.${i}`]);
    const refused = await fetch(`${base}/api/codes/421`, { headers: { Origin: 'https://app.example' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(refused.headers.get('access-control-expose-headers')).toBe('Retry-After, RateLimit, RateLimit-Policy');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ status: 429, error: 'Too Many Requests' });
    const head = await curl([`${base}/codes/421`, '-I']);
    expect(head.status).toBe(429);
    expect(remainingOf(head.fields)).toBe(0);
    for (const probe of ['/healthz', '/readyz', '/metrics']) {
      const { status, fields } = await curl([`${base}${probe}`]);
      expect(status).toBe(200);
      expect(fields.some(([name]) => name === 'ratelimit')).toBe(false);
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^httpstatus_rate_limited_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^httpstatus_http_requests_total\{route="api",status="429"\} 1$/m);
  });
});
