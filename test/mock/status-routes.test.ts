import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

describe('/status route table, for every method', () => {
  const accepted: Array<[string, number | number[]]> = [
    ['/status/418', 418],
    ['/status/200', 200],
    ['/status/599', 599],
    ['/status/200,500', [200, 500]],
    ['/status/200:0.9,500:0.1', [200, 500]],
    ['/status/200:1,500:0', 200],
    ['/status/500:0,200:1,503:0', 200],
    ['/status/201?location=/elsewhere', 201],
    ['/status/429?retry_after=3', 429],
    ['/status/200?header=X-Trace:abc', 200],
    ['/status/200?sleep=1', 200],
    ['/status/204?unknown=ignored', 204],
  ];
  const rejected: Array<[string, RegExp]> = [
    ['/status/600', /outside the range 100–599/],
    ['/status/99', /not a status code/],
    ['/status/abc', /not a status code/],
    ['/status/', /no status code/],
    ['/status/200:0', /at least one weight must be positive/],
    ['/status/200?sleep=999999', /sleep is at most 2000 milliseconds/],
    ['/status/200?header=Bad%20Name:x', /not a valid header field name/],
    ['/status/200?header=X:a%0d%0aInjected:%20yes', /the value of X contains the control character U\+000D/],
    ['/status/200?header=X:caf%C3%A9', /visible ASCII, space and tab only/],
    ['/status/200?header=Set-Cookie:a=b', /Set-Cookie field cannot be set: a cookie set by a public mock/],
    ['/status/503?retry_after=tomorrow', /whole number of seconds or an HTTP-date/],
    ['/status/302?location=javascript:alert(1)', /http or https/],
    ['/status/200?retry_after=-5', /whole number/],
    ['/status/%E0%A4%A', /percent-encoding/],
  ];

  for (const method of METHODS) {
    it.each(accepted)(`${method} %s answers as asked`, async (path, expected) => {
      const response = await send(server.url, path, { method });
      expect(Array.isArray(expected) ? expected : [expected]).toContain(response.status);
      if (method === 'HEAD') expect(response.body.length).toBe(0);
    });

    it.each(rejected)(`${method} %s is a 400 that explains`, async (path, message) => {
      const response = await send(server.url, path, { method });
      expect(response.status).toBe(400);
      if (method === 'HEAD') return;
      expect(response.headers['content-type']).toBe('application/json');
      const error = JSON.parse(response.body.toString());
      expect(error).toMatchObject({ status: 400, error: 'Bad Request' });
      expect(error.message).toMatch(message);
      expect(error.usage).toMatch(/200:0\.9,500:0\.1/);
    });
  }
});

describe('mock knobs and bodies', () => {
  it('sends Location to /status/200 by default and to ?location= when given', async () => {
    expect((await send(server.url, '/status/301')).headers.location).toBe('/status/200');
    expect((await send(server.url, '/status/307?location=https://example.com/next')).headers.location).toBe('https://example.com/next');
  });

  it('sends Retry-After on 503 and 429, from ?retry_after= when given', async () => {
    expect((await send(server.url, '/status/503')).headers['retry-after']).toBe('1');
    expect((await send(server.url, '/status/429?retry_after=42')).headers['retry-after']).toBe('42');
  });

  it('sends WWW-Authenticate on 401, Allow on 405, Link rel="blocked-by" on 451', async () => {
    expect((await send(server.url, '/status/401')).headers['www-authenticate']).toMatch(/^Basic realm="/);
    expect((await send(server.url, '/status/405')).headers.allow).toBe('POST');
    expect(String((await send(server.url, '/status/451')).headers.link)).toContain('rel="blocked-by"');
  });

  it.each([
    ['GET', 'POST'],
    ['HEAD', 'POST'],
    ['POST', 'GET, HEAD'],
    ['DELETE', 'GET, HEAD'],
    ['OPTIONS', 'GET, HEAD'],
  ])('never lists the refused method in a 405 Allow (RFC 9110 §15.5.6): %s gets Allow: %s', async (method, allow) => {
    const response = await send(server.url, '/status/405', { method });
    expect(response.headers.allow).toBe(allow);
    expect(response.headers.allow?.toString().split(', ')).not.toContain(method);
  });

  it('answers 206 with a Content-Range that matches the partial body, honouring Range', async () => {
    const whole = await send(server.url, '/status/206');
    const [, start, end, total] = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(whole.headers['content-range'])) ?? [];
    expect(whole.body.length).toBe(Number(end) - Number(start) + 1);
    const ranged = await send(server.url, '/status/206', { headers: { Range: 'bytes=10-19' } });
    expect(ranged.headers['content-range']).toBe(`bytes 10-19/${total}`);
    expect(ranged.body.toString()).toBe('abcdefghij');
    const suffix = await send(server.url, '/status/206', { headers: { Range: 'bytes=-5' } });
    expect(suffix.headers['content-range']).toBe(`bytes ${Number(total) - 5}-${Number(total) - 1}/${total}`);
  });

  it('repeats ?header= values exactly, and never lets them inject a field', async () => {
    const response = await send(server.url, `/status/200?header=${encodeURIComponent('X-One: a b ')}&header=X-Two:2`);
    expect(response.headers['x-one']).toBe('a b');
    expect(response.headers['x-two']).toBe('2');
  });

  it('walks a sequence per key: 503, 503, then 200 from then on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await send(server.url, '/status/503,503,200?seq=routes-test')).status);
    expect(statuses).toEqual([503, 503, 200, 200, 200]);
    expect((await send(server.url, '/status/503,503,200?seq=another-key')).status).toBe(503);
  });

  it('sleeps for ?sleep= before answering', async () => {
    const started = Date.now();
    await send(server.url, '/status/200?sleep=300');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it.each([
    ['application/json', 'application/json'],
    ['application/problem+json', 'application/problem+json'],
    ['text/html', 'text/html; charset=utf-8'],
    [undefined, 'text/plain; charset=utf-8'],
  ])('follows Accept %s', async (accept, type) => {
    const response = await send(server.url, '/status/404?x=1', { headers: accept ? { Accept: accept } : {} });
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers.vary).toBe('Accept, Origin');
    const body = response.body.toString();
    if (type === 'application/json') {
      expect(JSON.parse(body)).toMatchObject({
        status: 404,
        phrase: 'Not Found',
        page: '/codes/404',
        request: { method: 'GET', path: '/status/404', query: { x: ['1'] }, headers: { accept: 'application/json' } },
      });
    } else if (type === 'application/problem+json') {
      expect(JSON.parse(body)).toMatchObject({ type: '/codes/404', title: 'Not Found', status: 404, instance: '/status/404' });
    } else if (type.startsWith('text/html')) {
      expect(body).toContain('<h1>404 Not Found</h1>');
    } else {
      expect(body.startsWith('404 Not Found\n')).toBe(true);
    }
  });

  it('escapes request data echoed in the HTML body', async () => {
    const response = await send(server.url, '/status/418', { headers: { Accept: 'text/html' } });
    expect(response.body.toString()).not.toContain('<script');
  });

  it('answers a CORS preflight with 204 and a plain OPTIONS with the status asked for', async () => {
    const preflight = await send(server.url, '/status/500', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect((await send(server.url, '/status/500', { method: 'OPTIONS' })).status).toBe(500);
  });

  it('reads and discards a request body, and refuses one over 1 MiB with 413', async () => {
    expect((await send(server.url, '/status/201', { method: 'POST', body: 'x'.repeat(10_000) })).status).toBe(201);
    const tooLarge = await send(server.url, '/status/201', { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1) }).catch(() => undefined);
    if (tooLarge) expect(tooLarge.status).toBe(413);
  });
});
