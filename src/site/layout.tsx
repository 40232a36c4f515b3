import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

/** The content-hashed URL paths of the client scripts and images. */
export interface SiteAssets {
  page: string;
  search: string;
  favicon: string;
  /** The card link previews show (Open Graph, Twitter), 1200×630. */
  ogImage: string;
}

/** What every page's head needs besides its own title: where the site lives and its images. */
export interface SiteMeta {
  /** The origin the site is published at (`SITE_URL`), for canonical links, link previews and the sitemap. */
  origin: string;
  assets: SiteAssets;
}

export interface LayoutProps {
  title: string;
  description: string;
  /** Canonical path of the page, e.g. `/codes/421`; none for pages rendered per request or only ever a 404. */
  path?: string;
  meta: SiteMeta;
  css: string;
  /** Pages that must not show up in search engines: results, errors. */
  noindex?: boolean;
  /** `has-toc`: the page has a contents list, which wide screens keep in the margin. */
  layout?: 'has-toc';
  /** Scripts are optional enhancements; every page works without them. */
  scripts?: string[];
  query?: string;
  children?: Child;
}

/** The frame every page shares: inline CSS (one round trip), no external fonts, optional module scripts. */
export function Layout({ title, description, path, meta, css, noindex = false, layout, scripts = [], query = '', children }: LayoutProps) {
  const url = path === undefined ? undefined : `${meta.origin}${path}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        {noindex && <meta name="robots" content="noindex" />}
        {url && <link rel="canonical" href={url} />}
        <meta property="og:site_name" content="httpstatus" />
        <meta property="og:type" content={path?.startsWith('/codes/') ? 'article' : 'website'} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        {url && <meta property="og:url" content={url} />}
        <meta property="og:image" content={`${meta.origin}${meta.assets.ogImage}`} />
        <meta property="og:image:width" content="1200" />
        <meta property="og:image:height" content="630" />
        <meta property="og:image:alt" content="httpstatus: every HTTP status code, checked against the RFCs" />
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href={meta.assets.favicon} type="image/svg+xml" />
        <style>{raw(css)}</style>
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body class={layout}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="/">
              httpstatus
            </a>
            {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is not in hono/jsx's element types yet; the role gives the same landmark */}
            <form class="search" action="/search" method="get" role="search">
              <label class="visually-hidden" for="q">
                Search status codes
              </label>
              <input id="q" name="q" type="search" value={query} placeholder="Search codes (press /)" autocomplete="off" />
              <button type="submit">Search</button>
            </form>
          </div>
        </header>
        <main id="main" class={layout ? `wrap ${layout}` : 'wrap'} tabindex={-1}>
          {children}
        </main>
        <footer>
          <div class="wrap">
            Checked against RFC 9110 and the IANA HTTP Status Code Registry. <a href="/">All status codes</a> ·{' '}
            <a href="/check">Check a URL</a> · <a href="/lint">Lint a response</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
