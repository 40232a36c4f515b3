import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, transform } from 'esbuild';

export interface ClientAsset {
  /** The name pages and the mock refer to (`page.js`). */
  name: string;
  /** Its content-hashed URL path (`/assets/page.3f9a1c2e.js`). */
  urlPath: string;
  body: Buffer;
  contentType: string;
}

const SCRIPT = 'text/javascript; charset=utf-8';

/** `/assets/name.hash.ext`: a new name whenever the bytes change, so the file can be cached for a year. */
function hashed(name: string, body: Buffer, contentType: string): ClientAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const extension = path.extname(name);
  return { name, urlPath: `/assets/${name.slice(0, -extension.length)}.${hash}${extension}`, body, contentType };
}

async function bundle(entry: string, define: Record<string, string> = {}): Promise<Buffer> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    define,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return Buffer.from(output.contents);
}

/**
 * The files browsers load besides pages, minified and content-hashed: the search index, the page script, the
 * search script (bundled with minisearch, told where the index is), the favicon and the link-preview card.
 */
export async function buildClientAssets(assetsDir: string, searchIndexJson: string): Promise<ClientAsset[]> {
  const index = hashed('search-index.json', Buffer.from(searchIndexJson), 'application/json');
  const page = hashed('page.js', await bundle(path.join(assetsDir, 'page.js')), SCRIPT);
  const search = hashed(
    'search.js',
    await bundle(path.join(assetsDir, 'search.js'), { SEARCH_INDEX_URL: JSON.stringify(index.urlPath) }),
    SCRIPT,
  );
  const favicon = hashed('favicon.svg', await readFile(path.join(assetsDir, 'favicon.svg')), 'image/svg+xml');
  const ogImage = hashed('og-card.png', await readFile(path.join(assetsDir, 'og-card.png')), 'image/png');
  return [index, page, search, favicon, ogImage];
}

/** The inline stylesheet, minified (every page carries it, so every byte counts eleven times over in a crawl). */
export async function minifyCss(css: string): Promise<string> {
  return (await transform(css, { loader: 'css', minify: true, logLevel: 'silent' })).code.trim();
}
