/**
 * What search engines read before the pages: robots.txt keeps them off the mock, the API and search results (each
 * a crawl trap of endless URLs), and names the sitemap; the sitemap lists every page worth indexing.
 */
export function renderRobots(origin: string): string {
  return ['User-agent: *', 'Disallow: /status/', 'Disallow: /api/', 'Disallow: /search', '', `Sitemap: ${origin}/sitemap.xml`, ''].join(
    '\n',
  );
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sitemaps.org format: the index, every code's page and the tools; not /404 or /search. */
export function renderSitemap(origin: string, pagePaths: readonly string[]): string {
  const paths = pagePaths.filter((urlPath) => urlPath === '/' || urlPath.startsWith('/codes/'));
  const urls = [...paths, '/check', '/lint'].map((urlPath) => `<url><loc>${escapeXml(`${origin}${urlPath}`)}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
