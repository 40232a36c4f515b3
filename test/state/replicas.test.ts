import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../support/process.js';
import { mustRunRedisTests, redisAvailable, startRedis, type TestRedis } from '../support/redis.js';

/**
 * Two replicas of `npm start` (the compiled entry point, as separate processes) sharing one real redis-server, as
 * they would behind a load balancer: state moves between them, and Redis failing (killed, frozen) takes away only
 * what needs it, until it comes back.
 */
describe.runIf(redisAvailable || mustRunRedisTests)('replicas sharing state through Redis', () => {
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  // Every test speaks for its own client address (X-Forwarded-For from a trusted proxy, 127.0.0.1), so each one has
  // its own rate-limit allowance.
  let nextClient = 1;
  const newClient = () => ({ 'X-Forwarded-For': `198.51.100.${nextClient++}` });

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '300', RATE_LIMIT: '8/min', TRUSTED_PROXIES: '127.0.0.1, ::1' };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 30_000);

  afterAll(async () => {
    for (const replica of [a, b]) {
      if (replica?.alive()) {
        const exited = new Promise((resolve) => replica.process.once('exit', resolve));
        replica.process.kill('SIGTERM');
        await exited;
      }
    }
    await redis?.close();
  });

  const get = (replica: ServerProcess, target: string, headers: Record<string, string>) =>
    fetch(`${replica.url}${target}`, { headers, signal: AbortSignal.timeout(5_000) });
  const statusOf = async (replica: ServerProcess, target: string, headers: Record<string, string>) =>
    (await get(replica, target, headers)).status;

  /** Polls until `replica` reports its store reachable again. */
  async function ready(replica: ServerProcess): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await fetch(`${replica.url}/readyz`)).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${replica.url} did not become ready: ${replica.output()}`);
  }

  it('continues a sequence on one replica where the other left it', async () => {
    const client = newClient();
    const target = '/status/500,502,504,200?seq=across';
    expect(await statusOf(a, target, client)).toBe(500);
    expect(await statusOf(b, target, client)).toBe(502);
    expect(await statusOf(a, target, client)).toBe(504);
    expect(await statusOf(b, target, client)).toBe(200);
    expect(await statusOf(a, target, client)).toBe(200);
  });

  it('shares one rate limit between replicas, with the draft RateLimit fields and a 429 past it', async () => {
    const client = newClient();
    const remaining: string[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await get(i % 2 === 0 ? a : b, '/api/codes/421', client);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toBe('"per-address";q=8;w=60');
      remaining.push(response.headers.get('ratelimit') ?? '');
    }
    expect(remaining.map((field) => /;r=(\d+);/.exec(field)?.[1])).toEqual(['7', '6', '5', '4', '3', '2', '1', '0']);
    const refused = await get(b, '/codes/421', client);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The draft (§6): Retry-After no earlier than the end of the effective window the RateLimit field gives.
    expect(refused.headers.get('ratelimit')).toBe(`"per-address";r=0;t=${retryAfter}`);
    expect(await refused.json()).toMatchObject({ status: 429, message: expect.stringContaining('8 requests a minute') });
    // Another address, and the probes, are not affected.
    expect(await statusOf(a, '/codes/421', newClient())).toBe(200);
    expect(await statusOf(a, '/healthz', client)).toBe(200);
  });

  it('keeps serving while Redis is down, answers 503 for sequences, and loses no acknowledged step', async () => {
    const client = newClient();
    const target = '/status/500,502,504,200?seq=outage';
    expect(await statusOf(a, target, client)).toBe(500);
    expect(await statusOf(b, target, client)).toBe(502);

    await redis.kill();
    // Everything that needs no state still works, rate limit or not (the limiter lets requests through uncounted).
    expect(await statusOf(a, '/status/418', client)).toBe(418);
    expect(await statusOf(b, '/codes/421', client)).toBe(200);
    expect(await statusOf(a, '/api/codes/421', client)).toBe(200);
    const refused = await get(b, target, client);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(await refused.json()).toMatchObject({ status: 503, message: expect.stringContaining('shared store') });
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${a.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', store: 'redis', reason: expect.stringContaining('Redis') });

    await redis.start();
    await Promise.all([ready(a), ready(b)]);
    // The third step, on the replica that did not take the second: the two acknowledged steps survived the crash.
    expect(await statusOf(a, target, client)).toBe(504);
    expect(await statusOf(b, target, client)).toBe(200);
  }, 30_000);

  it('answers 503 at its deadline when Redis stops answering, and recovers when it answers again', async () => {
    const client = newClient();
    redis.freeze();
    try {
      const stalled = await get(a, '/status/503,200?seq=frozen', client);
      expect(stalled.status).toBe(503);
      expect(await stalled.json()).toMatchObject({ message: expect.stringContaining('no answer within 300 ms') });
      expect(await statusOf(b, '/status/418', client)).toBe(418);
    } finally {
      redis.thaw();
    }
    await ready(a);
    // The step the client was refused was already on its way to Redis, which ran it on waking: a call past its
    // deadline is not undone, so the client (told 503, not the first code) goes on to the second code.
    expect(await statusOf(b, '/status/503,200?seq=frozen', client)).toBe(200);
    expect(await statusOf(a, '/status/503,500,200?seq=thawed', client)).toBe(503);
    expect(await statusOf(b, '/status/503,500,200?seq=thawed', client)).toBe(500);
  }, 30_000);

  it('survives clients that leave while their request waits for a frozen Redis', async () => {
    const client = newClient();
    redis.freeze();
    try {
      // Reset and half-closed connections on each path that waits for the store: the rate limit and a sequence.
      await Promise.all(
        ['/codes/421', '/api/codes/421', '/status/418', '/status/503,200?seq=gone'].map(
          (target) =>
            new Promise<void>((resolve) => {
              const socket = connect(Number(new URL(a.url).port), '127.0.0.1', () => {
                socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: ${client['X-Forwarded-For']}\r\n\r\n`);
                setTimeout(() => {
                  if (target.includes('api')) socket.end();
                  else socket.resetAndDestroy();
                  resolve();
                }, 50);
              });
              socket.on('error', () => resolve());
            }),
        ),
      );
      // Past the deadline, each waiting request goes on (uncounted, or 503) towards a client that is gone.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      redis.thaw();
    }
    await ready(a);
    expect(a.alive()).toBe(true);
    expect(a.output()).not.toMatch(/TypeError|RangeError|ERR_[A-Z_]+|Unhandled|Uncaught/);
    expect(await statusOf(a, '/status/418', client)).toBe(418);
  });

  it('reports requests, store failures and the store being up in Prometheus text format', async () => {
    const response = await fetch(`${a.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^httpstatus_http_requests_total\{route="mock",status="500"\} \d+$/m);
    expect(text).toMatch(/^httpstatus_http_request_duration_seconds_bucket\{le="0\.005",route="api"\} \d+$/m);
    expect(text).toMatch(/^httpstatus_state_store_errors_total\{operation="sequence"\} [1-9]\d*$/m);
    expect(text).toMatch(/^httpstatus_state_store_up\{store="redis"\} 1$/m);
    expect(text).toMatch(/^httpstatus_sequences_in_flight 0$/m);
    expect(text).toMatch(/^httpstatus_process_resident_memory_bytes \d+$/m);
  });
});
