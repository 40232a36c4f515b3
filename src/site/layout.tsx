import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

/** The content-hashed URL paths of the client scripts. */
export interface SiteAssets {
  page: string;
  search: string;
}

export interface LayoutProps {
  title: string;
  description: string;
  /** Canonical path of the page, e.g. `/codes/421`. */
  path: string;
  css: string;
  /** Scripts are optional enhancements; every page works without them. */
  scripts?: string[];
  query?: string;
  children?: Child;
}

/** The frame every page shares: inline CSS (one round trip), no external fonts, optional module scripts. */
export function Layout({ title, description, css, scripts = [], query = '', children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="data:," />
        <style>{raw(css)}</style>
        {scripts.map((src) => (
          <script type="module" src={src} />
        ))}
      </head>
      <body>
        <a class="visually-hidden" href="#main">
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
        <main id="main" class="wrap">
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
