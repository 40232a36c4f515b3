import { raw } from 'hono/html';
import { SEARCH_SLOTS } from '../model/manifest.js';
import { Layout } from './layout.js';

/**
 * `/search`'s frame, rendered at build time with slots for the title, the query and the results, which the server
 * fills per request (search-results.ts): no JSX runs while serving.
 */
export function SearchFrame({ css }: { css: string }) {
  return (
    <Layout title={SEARCH_SLOTS.title} description="Search HTTP status codes" path="/search" css={css} query={SEARCH_SLOTS.query}>
      {raw(SEARCH_SLOTS.main)}
    </Layout>
  );
}

/** The frame of /check and /lint, filled per request like the search page's (tool-pages.ts). */
export function ToolFrame({ css }: { css: string }) {
  return (
    <Layout title={SEARCH_SLOTS.title} description="Check a URL's redirects, or lint an HTTP response" path="/check" css={css}>
      {raw(SEARCH_SLOTS.main)}
    </Layout>
  );
}
