import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, extra = '', version = '1.1') =>
  `GET ${path} HTTP/${version}\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

describe('real interim responses, read off the socket', () => {
  it('103 sends Early Hints with a Link, then the final 200', async () => {
    const raw = (await exchange(server.port, get('/status/103'))).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 103 Early Hints\r\nLink: <[^>]+>; rel=preload; as=script\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  });

  it('102 sends Processing, then the final 200', async () => {
    const raw = (await exchange(server.port, get('/status/102'))).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 102 Processing\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
  });

  it.each([104, 150, 199])('%i goes out as an interim response before a final 200', async (code) => {
    const raw = (await exchange(server.port, get(`/status/${code}`))).toString('latin1');
    expect(raw).toMatch(new RegExp(`^HTTP/1\\.1 ${code} [^\\r]*\\r\\n\\r\\nHTTP/1\\.1 200 OK\\r\\n`));
  });

  it('sends no 1xx to an HTTP/1.0 client (RFC 9110 §15.2)', async () => {
    const raw = (await exchange(server.port, get('/status/103', '', '1.0'))).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('100 answers Expect: 100-continue before the body is sent, then the final response', async () => {
    const transcript = await new Promise<string>((resolve, reject) => {
      let seen = '';
      let bodySent = false;
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /status/100 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n',
        );
      });
      socket.on('data', (chunk: Buffer) => {
        seen += chunk.toString('latin1');
        if (!bodySent && seen.includes('HTTP/1.1 100 Continue\r\n\r\n')) {
          bodySent = true;
          seen += '[body sent]';
          socket.write('hello');
        }
      });
      socket.on('close', () => resolve(seen));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 3000);
    });
    expect(transcript).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n\[body sent\]HTTP\/1\.1 200 OK\r\n/);
  });

  it('any other code also honours Expect: 100-continue, through the same server', async () => {
    const raw = (
      await exchange(
        server.port,
        'PUT /status/201 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\nhi',
      )
    ).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 201 Created\r\n/);
  });
});

describe('101 switches protocols only when asked', () => {
  const key = Buffer.from('0123456789abcdef').toString('base64');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  const upgrade = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n`;

  it('switches to WebSocket with the right Sec-WebSocket-Accept, then speaks WebSocket', async () => {
    const raw = await exchange(server.port, `GET /status/101 HTTP/1.1\r\nHost: localhost\r\n${upgrade}\r\n`);
    const text = raw.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    expect(text).toContain(`Sec-WebSocket-Accept: ${accept}\r\n`);
    const frames = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
    expect(frames[0]).toBe(0x81); // FIN + text frame
    expect(frames.subarray(-4)).toEqual(Buffer.from([0x88, 0x02, 0x03, 0xe8])); // close, 1000
  });

  it.each([
    ['no upgrade at all', ''],
    ['an upgrade to another protocol', 'Connection: Upgrade\r\nUpgrade: h2c\r\n'],
    ['a WebSocket offer without a key', 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n'],
  ])('says why with a 400 for %s', async (_name, headers) => {
    const raw = (await exchange(server.port, get('/status/101', headers))).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toContain('101 switches protocols only for a WebSocket upgrade');
  });

  it('answers an Upgrade offer elsewhere as an ordinary request', async () => {
    const raw = (await exchange(server.port, `GET /status/418 HTTP/1.1\r\nHost: localhost\r\n${upgrade}\r\n`)).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 418 I'm a teapot\r\n/);
    const page = (await exchange(server.port, `GET /codes/421 HTTP/1.1\r\nHost: localhost\r\n${upgrade}\r\n`)).toString('latin1');
    expect(page).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});

describe('interim responses and delays', () => {
  it('sends 102 at once and the final response after ?sleep=', async () => {
    const arrivals = await new Promise<Array<[string, number]>>((resolve, reject) => {
      const seen: Array<[string, number]> = [];
      const started = Date.now();
      const socket = connect(server.port, '127.0.0.1', () => socket.write(get('/status/102?sleep=400')));
      socket.on('data', (chunk: Buffer) => {
        for (const match of chunk.toString('latin1').matchAll(/HTTP\/1\.1 (\d{3})/g)) seen.push([match[1] ?? '', Date.now() - started]);
      });
      socket.on('close', () => resolve(seen));
      socket.on('error', reject);
    });
    expect(arrivals.map(([status]) => status)).toEqual(['102', '200']);
    expect(arrivals[0]?.[1]).toBeLessThan(300);
    expect(arrivals[1]?.[1]).toBeGreaterThanOrEqual(390);
  });
});
