import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFor } from '../../src/build/build-site.js';
import { exportSite } from '../../src/commands/export.js';
import { loadContent } from '../support/content.js';
import { SECTION_IDS } from '../support/page-sections.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent exactly as written (fetch would normalise `..` and percent-encoding away). */
function rawGet(base: string, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('site routes over loopback HTTP', async () => {
  const { catalog } = await loadContent();

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '/codes/%i has every section, in order, and the back link',
    async (code, entry) => {
      const response = await fetch(`${server.url}/codes/${code}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      // The registry's "(Unused)" (306, 418) is shown as a tag; the heading carries the name people use.
      const name = entry.phrase.startsWith('(') ? entry.aliases[0] : entry.phrase;
      expect(name).toBeTruthy();
      expect(html).toContain(`<h1>${code} ${name?.replace(/'/g, '&#39;')}</h1>`);
      expect(html).toContain('<a class="back" href="/">← Back to status codes</a>');
      const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((match) => match[1]);
      expect(ids.slice(0, SECTION_IDS.length)).toEqual(SECTION_IDS);
      for (const related of entry.related) expect(html).toContain(`href="/codes/${related.code}"`);
      for (const spec of entry.spec) expect(html).toContain(`href="${spec.url}"`);
    },
  );

  it('lists every code on the index, grouped by class, each linking to its page', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    for (const entry of catalog.codes) expect(html).toContain(`<li data-code="${entry.code}">`);
    const groupOrder = [...html.matchAll(/<h2 id="(class-\dxx|unofficial)"/g)].map((match) => match[1]);
    expect(groupOrder).toEqual([...groupOrder].sort());
  });

  it('redirects /421 to /codes/421 with 308', async () => {
    const response = await fetch(`${server.url}/421`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/codes/421');
  });

  it('treats /404 as the shortcut to the 404 page of the reference, not as an error page', async () => {
    const response = await fetch(`${server.url}/404`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe('/codes/404');
  });

  it.each(['/nope', '/4040', '/codes/421/extra', '/codes/42', '/assets/missing.js', '/search/more', '/nope/'])(
    'answers %s with our 404 page',
    async (pathname) => {
      const response = await fetch(`${server.url}${pathname}`, { redirect: 'manual' });
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain('404: no page here');
      expect(html).toContain('href="/"');
      expect(html).toContain('action="/search"');
    },
  );

  it.each([
    ['/codes/421/', '/codes/421'],
    ['/codes/421//', '/codes/421'],
    ['/codes/421/?from=x', '/codes/421?from=x'],
    ['/check/', '/check'],
  ])('redirects %s to %s with 308', async (pathname, location) => {
    const response = await fetch(`${server.url}${pathname}`, { redirect: 'manual' });
    expect(response.status).toBe(308);
    expect(response.headers.get('location')).toBe(location);
  });

  // A number without a page: still a 404, but one that says what the number is and what clients do with it.
  it.each([
    ['/codes/199', '199: an unassigned 1xx code', ['interim response', 'RFC 9110 §15.2', 'href="/codes/100"', 'href="/codes/103"']],
    ['/199', '199: an unassigned 1xx code', ['interim response']],
    [
      '/codes/471',
      '471: an unassigned 4xx code',
      ['handles it as <a href="/codes/400">400</a>', 'RFC 9111 §4.2.2', 'href="/codes/463"', 'href="/codes/494"'],
    ],
    ['/codes/299', '299: an unassigned 2xx code', ['handles it as <a href="/codes/200">200</a>']],
    ['/codes/999', '999: not an HTTP status code', ['run from 100 to 599', 'as a 5xx server error', 'RangeError']],
    ['/999', '999: not an HTTP status code', ['run from 100 to 599']],
    ['/codes/000', '000: not an HTTP status code', ['%{http_code}', 'no status line arrived']],
  ])('answers %s with a 404 page that explains it', async (pathname, heading, phrases) => {
    const response = await fetch(`${server.url}${pathname}`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain(`<h1>${heading}</h1>`);
    for (const phrase of phrases) expect(html).toContain(phrase);
    expect(html).toContain('← Back to status codes');
    expect(html).not.toContain('\u0001');
  });

  it('says in the facts box what is true of interim and of never-sent codes', async () => {
    const facts = async (code: number) => {
      const html = await (await fetch(`${server.url}/codes/${code}`)).text();
      const box = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
      return Object.fromEntries([...box.matchAll(/<dt>([^<]+)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map((match) => [match[1], match[2]]));
    };
    for (const code of [100, 103]) expect((await facts(code))['Cacheable by default']).toMatch(/^Never: caches store only final responses/);
    for (const code of [444, 499]) {
      const box = await facts(code);
      expect(box.Content).toBe('None: no response is sent');
      expect(box['Cacheable by default']).toMatch(/^Not applicable/);
    }
    expect((await facts(200))['Cacheable by default']).toBe('Yes (heuristically)');
    expect((await facts(421)).Content).toBe('Allowed');
  });

  it('says when each page was reviewed and against what, with the shared facts it states and their sources', async () => {
    const page = async (code: number) => {
      const html = await (await fetch(`${server.url}/codes/${code}`)).text();
      return /<dt>Reviewed<\/dt><dd>([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? '';
    };
    const continueBox = await page(100);
    expect(continueBox).toMatch(/^Checked against RFC 9110, RFC 9113, .* on <time datetime="\d{4}-\d{2}-\d{2}">/);
    // 100 states curl's Expect threshold through the shared fact, so it names the fact, its version and its source.
    expect(continueBox).toContain('1 MiB (<a href="https://github.com/curl/curl/blob/curl-8_17_0/lib/http.h">curl 8.0.0</a>');
    const api = (await (await fetch(`${server.url}/api/codes/524`)).json()) as {
      review: { sources: string[]; facts: Array<{ key: string; value: string }> };
    };
    expect(api.review.facts.find((fact) => fact.key === 'cloudflare.proxy-read-timeout')?.value).toBe('125 seconds');
    expect(await page(524)).toMatch(/Proxy Read Timeout \(524\): 125 seconds \(<a href="https:\/\/developers\.cloudflare\.com\//);
  });

  it('shows a server-side example with a block per ecosystem, or says why a page has none', async () => {
    const section = async (code: number) => {
      const html = await (await fetch(`${server.url}/codes/${code}`)).text();
      return /<h2 id="server-side-example">[\s\S]*?(?=<section|<\/main>)/.exec(html)?.[0];
    };
    const allow = await section(405);
    expect([...(allow ?? '').matchAll(/data-lang="(\w+)"/g)].map((match) => match[1])).toEqual(['ts', 'ts', 'go', 'python', 'sh']);
    expect(allow).toContain('Allow');
    const none = await section(306);
    expect(none).toContain('None: 306 is reserved');
    expect(none).not.toContain('data-lang');
  });

  it('gives every page a canonical link, link-preview tags and a favicon that loads', async () => {
    const html = await (await fetch(`${server.url}/codes/421`)).text();
    expect(html).toContain('<link rel="canonical" href="http://localhost:8421/codes/421"/>');
    expect(html).toContain('<meta property="og:url" content="http://localhost:8421/codes/421"/>');
    expect(html).toContain('<meta property="og:title" content="421 Misdirected Request · HTTP status code"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    const image = /<meta property="og:image" content="http:\/\/localhost:8421(\/assets\/og-card\.[0-9a-f]{10}\.png)"\/>/.exec(html)?.[1];
    const icon = /<link rel="icon" href="(\/assets\/favicon\.[0-9a-f]{10}\.svg)" type="image\/svg\+xml"\/>/.exec(html)?.[1];
    const png = await fetch(`${server.url}${image}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1200, 630]);
    const svg = await fetch(`${server.url}${icon}`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg /);
    const missing = await (await fetch(`${server.url}/nope`)).text();
    expect(missing).toContain('<meta name="robots" content="noindex"/>');
    expect(missing).not.toContain('rel="canonical"');
  });

  it('serves robots.txt and a sitemap of every page', async () => {
    const robots = await fetch(`${server.url}/robots.txt`);
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const rules = await robots.text();
    for (const line of ['User-agent: *', 'Disallow: /status/', 'Disallow: /api/', 'Sitemap: http://localhost:8421/sitemap.xml'])
      expect(rules.split('\n')).toContain(line);
    const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
    expect(locs).toContain('http://localhost:8421/');
    for (const entry of catalog.codes) expect(locs).toContain(`http://localhost:8421/codes/${entry.code}`);
    expect(locs).not.toContain('http://localhost:8421/404');
    expect(new Set(locs).size).toBe(locs.length);
  });

  it('refuses methods other than GET and HEAD on pages with 405 and Allow', async () => {
    const response = await fetch(`${server.url}/codes/421`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const head = await rawGet(server.url, '/codes/421', {}, 'HEAD');
    const get = await rawGet(server.url, '/codes/421');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers.etag).toBe(get.headers.etag);
  });
});

describe('compression and revalidation', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('serves %s that decompresses to the identity body, with its own ETag', async (coding, decompress) => {
    const identity = await rawGet(server.url, '/codes/421');
    const compressed = await rawGet(server.url, '/codes/421', { 'Accept-Encoding': coding });
    expect(compressed.headers['content-encoding']).toBe(coding);
    expect(compressed.headers.vary).toBe('Accept-Encoding');
    expect(compressed.body.length).toBeLessThan(identity.body.length / 2);
    expect(decompress(compressed.body).equals(identity.body)).toBe(true);
    expect(compressed.headers.etag).not.toBe(identity.headers.etag);
  });

  it('prefers br, honours q-values and q=0', async () => {
    expect((await rawGet(server.url, '/', { 'Accept-Encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(server.url, '/', { 'Accept-Encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(server.url, '/', { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it.each(['identity', 'br', 'gzip'])('answers a matching If-None-Match with 304 and no body (%s)', async (coding) => {
    const first = await rawGet(server.url, '/codes/421', { 'Accept-Encoding': coding });
    const etag = String(first.headers.etag);
    const again = await rawGet(server.url, '/codes/421', { 'Accept-Encoding': coding, 'If-None-Match': `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const stale = await rawGet(server.url, '/codes/421', { 'Accept-Encoding': coding, 'If-None-Match': '"stale"' });
    expect(stale.status).toBe(200);
  });
});

describe('security headers', () => {
  it.each(['/', '/codes/421', '/search?q=teapot', '/nope', '/421', 'page.js'])('are on %s', async (name) => {
    const pathname = name === 'page.js' ? (server.site.assets[name] ?? '') : name;
    const response = await fetch(`${server.url}${pathname}`, { redirect: 'manual' });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it("allows exactly the page's inline stylesheet by its hash", async () => {
    const response = await fetch(`${server.url}/codes/421`);
    const html = await response.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(css).digest('base64');
    expect(response.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it.each([
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/....//....//package.json',
    '/assets/..\\..\\package.json',
    '//etc/passwd',
    '/assets/%2fetc%2fpasswd',
    '/assets/%00page.js',
  ])('cannot read files outside the assets: %s', async (rawPath) => {
    const response = await rawGet(server.url, rawPath);
    expect([400, 404]).toContain(response.status);
    const text = response.body.toString();
    expect(text).not.toContain('"devDependencies"');
    expect(text).not.toContain('root:x:0:0');
  });
});

describe('server-side search', () => {
  const firstResult = async (query: string) => {
    const html = await (await fetch(`${server.url}/search?q=${encodeURIComponent(query)}`)).text();
    return /<li data-code="(\d{3})">/.exec(html)?.[1];
  };

  it.each([
    ['misdirected', '421'],
    ['too many reqests', '429'],
    ['payload too large', '413'],
    ['teapot', '418'],
    ['Permanent Redirect', '308'],
  ])('"%s" finds %s first', async (query, code) => {
    expect(await firstResult(query)).toBe(code);
  });

  it('escapes the query it echoes', async () => {
    const html = await (await fetch(`${server.url}/search?q=${encodeURIComponent('<script>alert(1)</script>')}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;');
  });

  it('says so when nothing matches', async () => {
    const html = await (await fetch(`${server.url}/search?q=zzzqqqxxx`)).text();
    expect(html).toContain('No status code matches');
  });
});

describe('static export', () => {
  it('copies the built site: every page and asset, byte for byte what the server sends, with its .br and .gz', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'httpstatus-export-'));
    try {
      await exportSite(directory);
      const written = new Set(
        (await readdir(directory, { recursive: true, withFileTypes: true }))
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
      );
      const { catalog } = await loadContent();
      const sitePaths = [...server.site.files.keys()].filter((urlPath) => !urlPath.startsWith('/api/'));
      expect(sitePaths.length).toBeGreaterThanOrEqual(catalog.codes.length + 4);
      for (const urlPath of sitePaths) {
        const file = fileFor(urlPath).replace(/^site\//, '');
        expect(written.has(file), file).toBe(true);
        const onDisk = await readFile(path.join(directory, file));
        const served = urlPath === '/404' ? await rawGet(server.url, '/nope') : await rawGet(server.url, urlPath);
        expect(served.body.equals(onDisk), urlPath).toBe(true);
        // A PNG is compressed already: stored and sent as it is, whatever the client accepts.
        if (server.site.files.get(urlPath)?.contentType === 'image/png') {
          expect(written.has(`${file}.br`), file).toBe(false);
          const br = await rawGet(server.url, urlPath, { 'Accept-Encoding': 'br' });
          expect(br.headers['content-encoding']).toBeUndefined();
          expect(br.body.equals(onDisk)).toBe(true);
        }
        // /search is rendered per request, the only page not served from its built variants.
        else if (urlPath !== '/search') {
          const br = await rawGet(server.url, urlPath === '/404' ? '/nope' : urlPath, { 'Accept-Encoding': 'br' });
          expect(br.body.equals(await readFile(path.join(directory, `${file}.br`))), `${urlPath} br`).toBe(true);
        }
      }
      expect([...written].some((file) => file.startsWith('api/'))).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('the Node fast path and the Hono app answer alike', () => {
  // A query string sends the same file through the Hono app instead of the fast path (test the two against each other).
  it.each([
    ['/codes/421', {}],
    ['/codes/421', { 'Accept-Encoding': 'br' }],
    ['/', { 'Accept-Encoding': 'gzip, deflate' }],
    ['/api/codes/421', { 'Accept-Encoding': 'br;q=0.5, gzip' }],
    ['/api/codes', {}],
    ['/codes/421', { 'If-None-Match': '*' }],
  ] as Array<[string, Record<string, string>]>)('%s %j', async (urlPath, headers) => {
    for (const method of ['GET', 'HEAD']) {
      const fast = await rawGet(server.url, urlPath, headers, method);
      const app = await rawGet(server.url, `${urlPath}?via=app`, headers, method);
      const fields = (response: RawResponse) =>
        Object.entries(response.headers)
          .filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name))
          .sort(([a], [b]) => (a < b ? -1 : 1));
      expect(fast.status, method).toBe(app.status);
      expect(fields(fast), method).toEqual(fields(app));
      expect(fast.body.equals(app.body), method).toBe(true);
    }
  });
});
