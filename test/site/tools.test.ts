import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let origin: Server;
let originUrl: string;
let server: TestServer;
beforeAll(async () => {
  // An origin to check: it redirects once, then answers 200.
  origin = createServer((req, res) => {
    if (req.url === '/old') res.writeHead(301, { Location: '/new', 'Content-Length': '0' }).end();
    else res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' }).end('ok');
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const port = (origin.address() as AddressInfo).port;
  originUrl = `http://127.0.0.1:${port}`;
  // Only that origin is let through the SSRF guard; three checks a minute per client.
  server = await startTestServer({ checker: { exceptions: new Set([`127.0.0.1:${port}`]), perMinute: 3 } });
});
afterAll(async () => {
  await server?.close();
  origin?.close();
});

const BAD_405 = 'HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n\r\n';

describe('/api/lint and /lint', () => {
  it('POST /api/lint: a raw response in, findings out, in the linter JSON shape', async () => {
    const response = await fetch(`${server.url}/api/lint?method=GET`, {
      method: 'POST',
      body: BAD_405,
      headers: { 'Content-Type': 'message/http' },
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { findings: Array<{ id: string; rfc: string; page: string }> };
    expect(result.findings).toContainEqual(
      expect.objectContaining({ id: 'allow-lists-refused-method', rfc: 'RFC 9110 §15.5.6', page: '/codes/405' }),
    );
  });

  it('POST /api/lint answers 400 for what is not a response, and 413 beyond 256 KiB', async () => {
    const bad = await fetch(`${server.url}/api/lint`, { method: 'POST', body: 'hello' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/not an HTTP response/);
    const big = await fetch(`${server.url}/api/lint`, { method: 'POST', body: `HTTP/1.1 200 OK\r\n\r\n${'x'.repeat(300 * 1024)}` });
    expect(big.status).toBe(413);
  });

  it('/lint works without JavaScript: a form that posts back, and the findings as HTML', async () => {
    const page = await (await fetch(`${server.url}/lint`)).text();
    expect(page).toContain('<form class="tool" action="/lint" method="post">');
    const posted = await fetch(`${server.url}/lint`, { method: 'POST', body: new URLSearchParams({ response: BAD_405, method: 'GET' }) });
    expect(posted.status).toBe(200);
    const html = await posted.text();
    expect(html).toContain('<code>allow-lists-refused-method</code>');
    expect(html).toContain('href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6"');
    expect(html).not.toContain('\u0001');
  });
});

describe('/api/check and /check', () => {
  it('GET /api/check follows and explains the chain', async () => {
    const response = await fetch(`${server.url}/api/check?url=${encodeURIComponent(`${originUrl}/old`)}`);
    expect(response.status).toBe(200);
    const result = (await response.json()) as { hops: Array<{ status: number; phrase: string; meaning: string }>; final: number };
    expect(result.hops.map((hop) => [hop.status, hop.phrase])).toEqual([
      [301, 'Moved Permanently'],
      [200, 'OK'],
    ]);
    expect(result.hops[0]?.meaning).toMatch(/\w+/);
    expect(result.final).toBe(200);
  });

  it('refuses internal addresses on the web face, with the reason', async () => {
    const response = await fetch(`${server.url}/api/check?url=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`);
    const result = (await response.json()) as { hops: Array<{ error: string }> };
    expect(result.hops[0]?.error).toBe(
      '169.254.169.254 is a link-local address (where cloud metadata services live); the checker does not connect to internal addresses',
    );
  });

  it.each([
    ['', /give the URL to check/],
    ['ftp://example.com/', /only http and https/],
    ['not a url', /is not an absolute URL/],
  ])('answers 400 for url=%j', async (url, message) => {
    const response = await fetch(`${server.url}/api/check?url=${encodeURIComponent(url)}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it('/check works without JavaScript, and the rate limit answers 429 with Retry-After', async () => {
    const form = await (await fetch(`${server.url}/check`)).text();
    expect(form).toContain('<form class="tool" action="/check" method="get">');
    // The API test above used one of this client's three checks a minute, and the refusal another.
    const page = await fetch(`${server.url}/check?url=${encodeURIComponent(`${originUrl}/old`)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<a href="/codes/301">301 Moved Permanently</a>');
    const limited = await fetch(`${server.url}/api/check?url=${encodeURIComponent(`${originUrl}/old`)}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
