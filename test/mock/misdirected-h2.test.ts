import { connect } from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestOn, runMisdirectedDemo } from '../../src/server/misdirected-demo.js';
import { startTestHttp2Servers, startTestServer, type TestHttp2Servers, type TestServer } from '../support/server.js';

let plain: TestServer;
let servers: TestHttp2Servers;
beforeAll(async () => {
  plain = await startTestServer();
  servers = await startTestHttp2Servers(['a.example', 'b.example']);
});
afterAll(async () => {
  await servers?.close();
  await plain?.close();
});

describe('421 for real over HTTP/2', () => {
  it('TLS: a request for another served name on a coalesced connection gets 421, and succeeds on a new connection', async () => {
    const shared = connect(servers.tlsUrl, { ca: servers.cert, servername: 'a.example' });
    try {
      expect((await requestOn(shared, 'a.example')).status).toBe(200);
      const misdirected = await requestOn(shared, 'b.example');
      expect(misdirected.status).toBe(421);
      expect(misdirected.body).toContain('This connection serves a.example; b.example needs a connection of its own.');
      expect(misdirected.headers.link).toBe('</codes/421>; rel="describedby"');
    } finally {
      shared.close();
    }
    const fresh = connect(servers.tlsUrl, { ca: servers.cert, servername: 'b.example' });
    try {
      expect((await requestOn(fresh, 'b.example')).status).toBe(200);
    } finally {
      fresh.close();
    }
  });

  it('a host the listener does not serve at all is told so, not sent to another connection', async () => {
    const session = connect(servers.tlsUrl, { ca: servers.cert, servername: 'a.example' });
    try {
      const unknown = await requestOn(session, 'unknown.example');
      expect(unknown.status).toBe(421);
      expect(unknown.body).toContain('This server does not serve unknown.example; it serves a.example, b.example.');
    } finally {
      session.close();
    }
  });

  it('h2c: the first authority binds the connection; another name on it gets 421, a new connection works', async () => {
    const shared = connect(servers.h2cUrl);
    try {
      expect((await requestOn(shared, 'a.example:80')).status).toBe(200);
      expect((await requestOn(shared, 'b.example')).status).toBe(421);
    } finally {
      shared.close();
    }
    const fresh = connect(servers.h2cUrl);
    try {
      expect((await requestOn(fresh, 'b.example')).status).toBe(200);
      expect((await requestOn(fresh, 'B.EXAMPLE:8080')).status).toBe(200);
    } finally {
      fresh.close();
    }
  });

  it('the documented demo prints 200, 421, 200', async () => {
    const lines: string[] = [];
    expect(await runMisdirectedDemo(plain.product.handlers, (line) => lines.push(line))).toEqual([200, 421, 200]);
    expect(lines.join('\n')).toMatch(/:authority b\.localhost: 421 This connection serves a\.localhost/);
  });
});
