/** Where `npm start` serves the site; what canonical links and the sitemap name unless SITE_URL says otherwise. */
export const DEFAULT_SITE_URL = 'http://localhost:8421';

/**
 * The origin the site is published at, from `SITE_URL` (`https://status.example.com`): canonical links, link
 * previews, robots.txt and the sitemap need absolute URLs. Pages live at the root of that origin, so a path is refused.
 */
export function siteUrlFrom(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL=${JSON.stringify(value)} is not a URL; give an origin such as https://status.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`SITE_URL=${JSON.stringify(value)} must be an http or https origin`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw new Error(`SITE_URL=${JSON.stringify(value)} must be an origin only (the site lives at its root): ${url.origin}`);
  return url.origin;
}
