import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build/build-site.js';
import { CONTENT_DIR, PROJECT_ROOT } from '../../src/catalog/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let scratch: string;
beforeAll(async () => {
  server = await startTestServer();
  scratch = await mkdtemp(path.join(tmpdir(), 'httpstatus-build-'));
});
afterAll(async () => {
  await server?.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Every file under `directory`, as relative path → bytes. */
async function tree(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(directory, file), await readFile(file));
  }
  return files;
}

describe('npm run build', () => {
  it('is deterministic: two builds of the same tree are byte-identical, and a third finds nothing to do', async () => {
    const first = path.join(scratch, 'first');
    const second = path.join(scratch, 'second');
    const one = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: first });
    await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: second });
    expect(one.errors).toEqual([]);
    expect(one.highlighted.length).toBe(one.codes);
    const [a, b] = [await tree(first), await tree(second)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file) ?? Buffer.alloc(0)), file).toBe(true);
    const again = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: first });
    expect(again.upToDate).toBe(true);
  }, 60_000);

  it('is incremental: one page changed, one page highlighted again and only the files that show it rewritten', async () => {
    const content = path.join(scratch, 'content');
    const dist = path.join(scratch, 'incremental');
    await cp(CONTENT_DIR, content, { recursive: true });
    await buildSite({ root: PROJECT_ROOT, contentDir: content, distDir: dist });
    const page = path.join(content, '418.md');
    const source = await readFile(page, 'utf8');
    // A change inside one section of 418: its page, its API document and the search index (which holds the pages'
    // text), with what names the index by its hash (search.js, and the index page that loads it), nothing else.
    await writeFile(
      page,
      source.replace('## Common causes\n', '## Common causes\n\nThis sentence was added by the incremental build test.\n'),
    );
    const report = await buildSite({ root: PROJECT_ROOT, contentDir: content, distDir: dist });
    expect(report.errors).toEqual([]);
    expect(report.highlighted).toEqual([418]);
    expect(report.written).toEqual([
      '/',
      '/api/codes/418',
      expect.stringMatching(/^\/assets\/search-index\.[0-9a-f]{10}\.json$/),
      expect.stringMatching(/^\/assets\/search\.[0-9a-f]{10}\.js$/),
      '/codes/418',
    ]);
    // The superseded index and script go, with their precompressed variants.
    expect(report.removed).toHaveLength(6);
    for (const file of report.removed) expect(file).toMatch(/^site\/assets\/search(-index)?\.[0-9a-f]{10}\.(json|js)(\.br|\.gz)?$/);
    expect(report.removed.some((file) => report.written.some((urlPath) => file === `site${urlPath}`))).toBe(false);
    const html = await readFile(path.join(dist, 'site/codes/418.html'), 'utf8');
    expect(html).toContain('This sentence was added by the incremental build test.');
  }, 60_000);

  it('writes the published origin (SITE_URL) into canonical links, link previews, robots.txt and the sitemap', async () => {
    const dist = path.join(scratch, 'published');
    await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: dist, siteUrl: 'https://status.example.com' });
    const page = await readFile(path.join(dist, 'site/codes/421.html'), 'utf8');
    expect(page).toContain('<link rel="canonical" href="https://status.example.com/codes/421"/>');
    expect(page).toMatch(/<meta property="og:image" content="https:\/\/status\.example\.com\/assets\/og-card\.[0-9a-f]{10}\.png"\/>/);
    expect(page).not.toContain('localhost:8421/codes');
    expect(await readFile(path.join(dist, 'site/robots.txt'), 'utf8')).toContain('Sitemap: https://status.example.com/sitemap.xml\n');
    expect(await readFile(path.join(dist, 'site/sitemap.xml'), 'utf8')).toContain('<loc>https://status.example.com/codes/421</loc>');
    // Another origin is another build: the digest of the inputs includes it.
    const again = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: dist, siteUrl: 'https://status.example.com' });
    expect(again.upToDate).toBe(true);
    const moved = await buildSite({ root: PROJECT_ROOT, contentDir: CONTENT_DIR, distDir: dist, siteUrl: 'https://codes.example.org' });
    expect(moved.upToDate).toBe(false);
    expect(await readFile(path.join(dist, 'site/sitemap.xml'), 'utf8')).toContain('<loc>https://codes.example.org/codes/421</loc>');
  }, 60_000);

  it('names a content error with its file and line, and writes nothing', async () => {
    const content = path.join(scratch, 'broken');
    await cp(CONTENT_DIR, content, { recursive: true });
    const page = path.join(content, '421.md');
    const source = await readFile(page, 'utf8');
    const classLine = source.split('\n').indexOf('class: 4xx') + 1;
    expect(classLine).toBeGreaterThan(1);
    await writeFile(page, source.replace('class: 4xx', 'class: 5xx'));
    const dist = path.join(scratch, 'broken-dist');
    const report = await buildSite({ root: PROJECT_ROOT, contentDir: content, distDir: dist });
    expect(report.errors.map((error) => `${path.basename(error.file)}:${error.line} ${error.field}`)).toEqual([
      `421.md:${classLine} front matter "class"`,
    ]);
    await expect(readdir(dist)).rejects.toThrow();
  });
});

describe('what the build serves', () => {
  it('gives assets content-hashed names, minified, cached for a year as immutable', async () => {
    const assets = server.site.assets;
    expect(Object.keys(assets).sort()).toEqual(['favicon.svg', 'og-card.png', 'page.js', 'search-index.json', 'search.js']);
    for (const urlPath of Object.values(assets)) {
      expect(urlPath).toMatch(/^\/assets\/[a-z-]+\.[0-9a-f]{10}\.(js|json|svg|png)$/);
      const response = await fetch(`${server.url}${urlPath}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const search = await (await fetch(`${server.url}${assets['search.js']}`)).text();
    expect(search).toContain(assets['search-index.json']);
    expect(search.split('\n').length).toBeLessThan(5); // minified: no line per statement
    expect(search).not.toMatch(/from\s*["']/); // minisearch is bundled in, nothing left to fetch
  });

  it('keeps pages and API documents revalidating by ETag', async () => {
    for (const urlPath of ['/', '/codes/421', '/api/codes/421']) {
      const response = await fetch(`${server.url}${urlPath}`);
      expect(response.headers.get('cache-control'), urlPath).toBe('public, max-age=300');
      const etag = response.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[^"]+"$/);
      expect((await fetch(`${server.url}${urlPath}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    }
  });

  it('references the hashed scripts from the pages, and inlines a minified stylesheet', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).toContain(`src="${server.site.assets['page.js']}"`);
    expect(html).toContain(`src="${server.site.assets['search.js']}"`);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(css.length).toBeGreaterThan(1000);
    expect(css).not.toMatch(/\n\s/);
  });
});
