import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockNodeAdapter } from '../../src/server/mock-node-adapter.js';
import { createNodeServer } from '../../src/server/node-server.js';
import { checkFuzzResponse, fuzzRequests, runConcurrently } from '../support/fuzz.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('fuzzing the server over HTTP/1.1', () => {
  it('survives thousands of random requests: no crash, no unasked 5xx, no injected header', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const failures: string[] = [];
    let answered = 0;
    await runConcurrently(
      fuzzRequests(20261126, 3000),
      16,
      (fuzz) =>
        new Promise<void>((resolve) => {
          const req = request(
            { host: '127.0.0.1', port: server.port, path: fuzz.path, method: fuzz.method, headers: fuzz.headers, agent },
            (res) => {
              res.resume();
              res.on('end', () => {
                answered++;
                failures.push(...checkFuzzResponse(fuzz, res.statusCode ?? 0, res.headers));
                resolve();
              });
            },
          );
          req.on('error', (error) => {
            failures.push(`#${fuzz.index} ${fuzz.method} ${fuzz.path} → ${error.message}`);
            resolve();
          });
          req.setTimeout(5000, () => req.destroy(new Error('timed out')));
          req.end(fuzz.body);
        }),
    );
    agent.destroy();
    expect(failures.slice(0, 20)).toEqual([]);
    expect(answered).toBe(3000);
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
