import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { connect as connectHttp2, constants } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../src/server/certificate.js';
import { createH2cServer, createH2Server } from '../../src/server/http2-server.js';
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

  it('drops a slow-loris client over TLS (HTTP/1.1 by ALPN) with 408 too', async () => {
    const hosts = ['localhost'];
    const { server: listener } = createH2Server({
      ...server.product.handlers,
      hosts,
      ...(await generateCertificate(hosts)),
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
      connectionsCheckingIntervalMs: 100,
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    try {
      const started = Date.now();
      const reply = await new Promise<string>((resolve) => {
        let text = '';
        const socket = connectTls(
          { port, host: '127.0.0.1', servername: 'localhost', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] },
          () => socket.write('GET /status/200 HTTP/1.1\r\nHost: localhost\r\nX-Slow: '),
        );
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
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('cancels an HTTP/2 stream whose body trickles past the request time limit (RST_STREAM CANCEL)', async () => {
    const listener = createH2cServer({ ...server.product.handlers, hosts: ['localhost'], requestTimeoutMs: 500 });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as AddressInfo;
    const session = connectHttp2(`http://localhost:${port}`);
    session.on('error', () => undefined);
    try {
      const started = Date.now();
      const stream = session.request({ ':method': 'POST', ':path': '/status/201' }, { endStream: false });
      stream.on('error', () => undefined);
      const drip = setInterval(() => stream.writable && stream.write('a'), 50);
      await once(stream, 'close');
      clearInterval(drip);
      expect(stream.rstCode).toBe(constants.NGHTTP2_CANCEL);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      session.destroy();
      await new Promise((resolve) => listener.close(resolve));
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
