import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect as connectHttp2 } from 'node:http2';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANGE_REPRESENTATION } from '../../src/mock/byte-ranges.js';
import { exchange, send } from '../support/http.js';
import { startTestHttp2Servers, startTestServer, type TestHttp2Servers, type TestServer } from '../support/server.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);
let server: TestServer;
let http2: TestHttp2Servers;
beforeAll(async () => {
  server = await startTestServer();
  http2 = await startTestHttp2Servers();
});
afterAll(async () => {
  await http2?.close();
  await server?.close();
});

const WHOLE = RANGE_REPRESENTATION.toString('latin1');

/** curl's view of one exchange: status line, header fields, body. */
async function curl(
  args: string[],
): Promise<{ status: number; headers: Record<string, string>; body: string; exit: number; stderr: string }> {
  requireTool('curl');
  const result = await run('curl', ['-s', '-S', '-i', '--max-time', '5', ...args], { encoding: 'latin1' }).then(
    ({ stdout, stderr }) => ({ stdout, stderr, exit: 0 }),
    (error: { stdout: string; stderr: string; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, exit: error.code }),
  );
  // The last response head (after any 1xx), then its body.
  const heads = [...result.stdout.matchAll(/^HTTP\/[\d.]+ (\d{3})[^\r\n]*\r\n((?:[^\r\n]+\r\n)*)\r\n/gm)];
  const last = heads.at(-1);
  const headers: Record<string, string> = {};
  for (const line of (last?.[2] ?? '').split('\r\n').filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
  }
  const body = last ? result.stdout.slice((last.index ?? 0) + last[0].length) : '';
  return { status: Number(last?.[1] ?? 0), headers, body, exit: result.exit, stderr: result.stderr };
}

describe('206 and Range (RFC 9110 §14), read by curl', () => {
  it.each([
    ['10-19', 'bytes 10-19/101', 'abcdefghij'],
    ['95-', 'bytes 95-100/101', WHOLE.slice(95)],
    ['-3', 'bytes 98-100/101', WHOLE.slice(98)],
    ['90-1000', 'bytes 90-100/101', WHOLE.slice(90)],
    ['0-4,3-9', 'bytes 0-9/101', WHOLE.slice(0, 10)], // overlapping ranges are coalesced into one
  ])('-r %s gets 206 with Content-Range %s and exactly those bytes', async (range, contentRange, bytes) => {
    const response = await curl(['-r', range, `${server.url}/status/206`]);
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(contentRange);
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.body).toBe(bytes);
  });

  it.each(['200-', '101-200', '-0'])('an unsatisfiable range (%s) gets 416 with Content-Range: bytes */101', async (range) => {
    const response = await curl(['-H', `Range: bytes=${range}`, `${server.url}/status/206`]);
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe('bytes */101');
  });

  it('several ranges get multipart/byteranges, each part with its own Content-Range (RFC 9110 §14.6)', async () => {
    const response = await curl(['-r', '0-0,-1', `${server.url}/status/206`]);
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBeUndefined();
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(response.headers['content-type'] ?? '')?.[1] ?? '';
    expect(boundary).not.toBe('');
    const parts = response.body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((part) =>
        /^\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Range: (bytes \S+)\r\n\r\n([\s\S]*)\r\n$/.exec(part)?.slice(1),
      );
    expect(parts).toEqual([
      ['bytes 0-0/101', WHOLE.slice(0, 1)],
      ['bytes 100-100/101', WHOLE.slice(100)],
    ]);
    expect(response.body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it.each([
    ['invalid syntax', 'bytes=abc'],
    ['a unit the server does not know', 'items=0-4'],
    ['more ranges than a client needs', `bytes=${Array.from({ length: 9 }, (_, i) => `${i * 10}-${i * 10}`).join(',')}`],
  ])('%s is ignored, as §14.2 allows: 200 with the whole representation, never a range nobody asked for', async (_why, range) => {
    const response = await curl(['-H', `Range: ${range}`, `${server.url}/status/206`]);
    expect(response.status).toBe(200);
    expect(response.headers['content-range']).toBeUndefined();
    expect(response.body).toBe(WHOLE);
  });

  it('honours If-Range: the range while the validator matches, the whole representation once it does not (§13.1.5)', async () => {
    const { headers } = await curl(['-r', '0-9', `${server.url}/status/206`]);
    const matching = await curl(['-r', '0-9', '-H', `If-Range: ${headers.etag}`, `${server.url}/status/206`]);
    expect(matching.status).toBe(206);
    const byDate = await curl(['-r', '0-9', '-H', `If-Range: ${headers['last-modified']}`, `${server.url}/status/206`]);
    expect(byDate.status).toBe(206);
    const stale = await curl(['-r', '0-9', '-H', 'If-Range: "an-older-version"', `${server.url}/status/206`]);
    expect(stale.status).toBe(200);
    expect(stale.body).toBe(WHOLE);
  });

  it('ignores Range on a method other than GET (§14.2) and still answers 206 as asked', async () => {
    const response = await send(server.url, '/status/206', { method: 'POST', headers: { Range: 'bytes=200-' } });
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe('bytes 0-49/101');
  });

  it('lets curl -C - resume a download, and finish one that is already complete', async () => {
    requireTool('curl');
    const directory = await mkdtemp(path.join(tmpdir(), 'httpstatus-resume-'));
    const file = path.join(directory, 'download.txt');
    try {
      await writeFile(file, RANGE_REPRESENTATION.subarray(0, 40));
      await run('curl', ['-sS', '--fail', '-C', '-', '-o', file, `${server.url}/status/206`]);
      expect(await readFile(file, 'latin1')).toBe(WHOLE);
      // Complete already: curl asks for bytes=101-, gets 416 with bytes */101, and knows it is done.
      const again = await run('curl', ['-sS', '-C', '-', '-o', file, '-w', '%{http_code}', `${server.url}/status/206`]);
      expect(again.stdout).toBe('416');
      expect(await readFile(file, 'latin1')).toBe(WHOLE);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('Expect: 100-continue (RFC 9110 §10.1.1)', () => {
  const put = (code: number) =>
    `PUT /status/${code} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`;

  it.each([401, 413, 417, 307, 500])('a final %i goes out instead of 100, before the body, and the connection closes', async (code) => {
    const raw = (await exchange(server.port, put(code))).toString('latin1');
    expect(raw).toMatch(new RegExp(`^HTTP/1\\.1 ${code} `));
    expect(raw).not.toContain('100 Continue');
    expect(raw).toMatch(/\r\nConnection: close\r\n/i);
  });

  it.each([200, 201, 204, 100, 103])('%i gets 100 Continue first, then the final response', async (code) => {
    const raw = (await exchange(server.port, `${put(code)}hello`)).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
  });

  it('curl, which waits for 100 before sending a large body, gets the 413 at once', async () => {
    requireTool('curl');
    const directory = await mkdtemp(path.join(tmpdir(), 'httpstatus-expect-'));
    try {
      const file = path.join(directory, 'upload.bin');
      await writeFile(file, Buffer.alloc(2 * 1024 * 1024));
      const response = await curl(['-H', 'Expect: 100-continue', '-T', file, `${server.url}/status/413`]);
      expect(response.status).toBe(413);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('over HTTP/2 too: no 100 before a final 417', async () => {
    const session = connectHttp2(http2.h2cUrl);
    try {
      const stream = session.request({ ':method': 'PUT', ':path': '/status/417', expect: '100-continue' }, { endStream: false });
      let continued = false;
      stream.on('continue', () => {
        continued = true;
      });
      const [headers] = (await once(stream, 'response')) as [Record<string, unknown>];
      stream.resume();
      stream.end();
      expect(headers[':status']).toBe(417);
      expect(continued).toBe(false);
    } finally {
      session.close();
    }
  });
});

describe('WebSocket offers (RFC 6455 §4.4)', () => {
  it('a version other than 13 gets 426 naming version 13', async () => {
    const key = Buffer.from('0123456789abcdef').toString('base64');
    const raw = (
      await exchange(
        server.port,
        `GET /status/101 HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 8\r\nSec-WebSocket-Key: ${key}\r\n\r\n`,
      )
    ).toString('latin1');
    expect(raw).toMatch(/^HTTP\/1\.1 426 Upgrade Required\r\n/);
    expect(raw).toContain('\r\nSec-WebSocket-Version: 13\r\n');
    expect(raw).toContain('\r\nUpgrade: websocket\r\n');
    expect(raw).toContain('version 13 only');
  });
});

describe('CONNECT gets an HTTP answer, never a silently closed socket', () => {
  it('curl through the server as a proxy is told it is not one (501)', async () => {
    const response = await curl(['-v', '-x', server.url, 'https://example.invalid/']);
    expect(response.stderr).toMatch(/< HTTP\/1\.1 501 Not Implemented/);
    expect(response.stderr).toMatch(/CONNECT tunnel failed, response 501/);
  });

  it('a CONNECT to 407.status.invalid answers 407 with Proxy-Authenticate, for testing proxy clients', async () => {
    const raw = (await exchange(server.port, 'CONNECT 407.status.invalid:443 HTTP/1.1\r\nHost: 407.status.invalid:443\r\n\r\n')).toString(
      'latin1',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 407 Proxy Authentication Required\r\n/);
    expect(raw).toMatch(/\r\nProxy-Authenticate: Basic realm="[^"]+"/);
  });

  it('over HTTP/2 as well (RFC 9113 §8.5)', async () => {
    const session = connectHttp2(http2.h2cUrl);
    try {
      const stream = session.request({ ':method': 'CONNECT', ':authority': 'example.invalid:443' }, { endStream: false });
      const [headers] = (await once(stream, 'response')) as [Record<string, unknown>];
      let body = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        body += chunk;
      });
      await once(stream, 'end');
      expect(headers[':status']).toBe(501);
      expect(body).toContain('is not a proxy');
    } finally {
      session.close();
    }
  });
});

describe('?header= and ?retry_after=', () => {
  it('applies a field the mock also sets (Content-Type, Vary, Access-Control-Allow-Origin) instead of ignoring it', async () => {
    const query = ['Content-Type:application/xml', 'Vary:*', 'Access-Control-Allow-Origin:https://only.example']
      .map((field) => `header=${encodeURIComponent(field)}`)
      .join('&');
    const response = await curl([`${server.url}/status/200?${query}`]);
    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.headers.vary).toBe('*');
    expect(response.headers['access-control-allow-origin']).toBe('https://only.example');
  });

  it('sends a repeated name as two field lines', async () => {
    const raw = (
      await exchange(server.port, 'GET /status/200?header=X-A:1&header=X-A:2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')
    ).toString('latin1');
    expect(raw).toContain('\r\nX-A: 1\r\nX-A: 2\r\n');
  });

  it('takes an HTTP-date for Retry-After (RFC 9110 §10.2.3) and sends it as IMF-fixdate', async () => {
    const when = new Date(Date.now() + 3600_000);
    when.setUTCMilliseconds(0);
    const response = await curl([`${server.url}/status/503?retry_after=${encodeURIComponent(when.toUTCString())}`]);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe(when.toUTCString());
  });
});

describe('CORS with credentials', () => {
  it('answers a request with an Origin with that origin and Allow-Credentials, exposing its fields by name', async () => {
    const response = await send(server.url, '/status/429', { headers: { Origin: 'https://app.example' } });
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(String(response.headers['access-control-expose-headers'])).toMatch(/\bRetry-After\b/);
    expect(String(response.headers.vary)).toMatch(/\bOrigin\b/);
  });

  it('answers a request without an Origin with *, and still says that it varies on Origin', async () => {
    const response = await send(server.url, '/status/429');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(response.headers.vary)).toMatch(/\bOrigin\b/);
  });

  it('does the same for the API', async () => {
    const response = await send(server.url, '/api/codes/421', { headers: { Origin: 'https://app.example' } });
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-expose-headers']).toBe('ETag');
  });
});

describe('validators', () => {
  it('gives each representation of /status/200 its own strong ETag (RFC 9110 §8.8.3)', async () => {
    const tags = new Map<string, string>();
    for (const accept of ['text/plain', 'application/json', 'text/html']) {
      const response = await send(server.url, '/status/200', { headers: { Accept: accept } });
      tags.set(accept, String(response.headers.etag));
      const again = await send(server.url, '/status/200', { headers: { Accept: accept } });
      expect(again.headers.etag, accept).toBe(response.headers.etag);
    }
    expect(new Set(tags.values()).size).toBe(3);
    for (const tag of tags.values()) expect(tag).toMatch(/^"[^"]+"$/);
  });

  it('gives every part of the 206 representation the same ETag, the whole representation\u2019s', async () => {
    const first = await send(server.url, '/status/206', { headers: { Range: 'bytes=0-9' } });
    const second = await send(server.url, '/status/206', { headers: { Range: 'bytes=50-' } });
    expect(first.headers.etag).toBe(second.headers.etag);
  });
});

describe('/api/openapi.json', () => {
  it('names its server relative to where it is served, not a fixed localhost:8421', async () => {
    const response = await send(server.url, '/api/openapi.json');
    expect(JSON.parse(response.body.toString()).servers).toEqual([{ url: '/' }]);
  });
});

describe('raw sockets see no fault', () => {
  it('a client that sends a CONNECT and reads nothing does not hold the server', async () => {
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    socket.write('CONNECT example.invalid:443 HTTP/1.1\r\nHost: example.invalid:443\r\n\r\n');
    const [chunk] = (await once(socket, 'data')) as [Buffer];
    expect(chunk.toString('latin1')).toMatch(/^HTTP\/1\.1 501 /);
    socket.destroy();
  });
});
