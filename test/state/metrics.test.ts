import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Sample lines of the Prometheus text format: name{labels} value, as a map from `name{labels}` to the value. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match?.[1] && match[2]) found.set(match[1], Number(match[2]));
  }
  return found;
}

describe('/metrics', () => {
  let server: TestServer;
  // A product of its own: the counts start from nothing.
  beforeAll(async () => {
    server = await startTestServer({ checker: {} });
  });
  afterAll(async () => {
    await server?.close();
  });
  const scrape = async () => samples((await send(server.url, '/metrics')).body.toString());

  it('counts requests by route class and status, an aborted one as such, with a consistent histogram', async () => {
    await send(server.url, '/status/418');
    await send(server.url, '/status/418?sleep=10');
    await send(server.url, '/codes/421');
    await send(server.url, '/api/codes/555');
    await send(server.url, '/nowhere');
    // A client that gives up during a sleep: the connection closes before the response.
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/status/200?sleep=1500`);
      req.on('error', () => resolve());
      req.end();
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    // The server sees the close when the sleep is cut short; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const metrics = await scrape();
    expect(metrics.get('httpstatus_http_requests_total{route="mock",status="418"}')).toBe(2);
    expect(metrics.get('httpstatus_http_requests_total{route="page",status="200"}')).toBe(1);
    expect(metrics.get('httpstatus_http_requests_total{route="api",status="404"}')).toBe(1);
    expect(metrics.get('httpstatus_http_requests_total{route="other",status="404"}')).toBe(1);
    expect(metrics.get('httpstatus_http_requests_total{route="mock",status="aborted"}')).toBe(1);
    // Cumulative buckets never decrease and end at the count; the sleeping request lands past 10 ms.
    const buckets = [...metrics].filter(
      ([name]) => name.startsWith('httpstatus_http_request_duration_seconds_bucket{') && name.endsWith('route="mock"}'),
    );
    const values = buckets.map(([, value]) => value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(metrics.get('httpstatus_http_request_duration_seconds_bucket{le="+Inf",route="mock"}')).toBe(3);
    expect(metrics.get('httpstatus_http_request_duration_seconds_count{route="mock"}')).toBe(3);
    expect(metrics.get('httpstatus_http_request_duration_seconds_bucket{le="0.01",route="mock"}')).toBeLessThanOrEqual(1);
    expect(metrics.get('httpstatus_http_request_duration_seconds_sum{route="mock"}')).toBeGreaterThan(0.15);
    expect(metrics.get('httpstatus_state_store_up{store="memory"}')).toBe(1);
  });

  it('adds only what happened since the last scrape', async () => {
    const before = (await scrape()).get('httpstatus_http_requests_total{route="mock",status="418"}') ?? 0;
    await send(server.url, '/status/418');
    expect((await scrape()).get('httpstatus_http_requests_total{route="mock",status="418"}')).toBe(before + 1);
  });
});
