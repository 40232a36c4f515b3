import { raw } from 'hono/html';
import { SEARCH_SLOTS } from '../model/manifest.js';
import { Layout, type SiteMeta } from './layout.js';

/**
 * `/search`'s frame, rendered at build time with slots for the title, the query and the results, which the server
 * fills per request (search-results.ts): no JSX runs while serving.
 */
export function SearchFrame({ css, meta }: { css: string; meta: SiteMeta }) {
  return (
    <Layout title={SEARCH_SLOTS.title} description="Search HTTP status codes" meta={meta} css={css} query={SEARCH_SLOTS.query} noindex>
      {raw(SEARCH_SLOTS.main)}
    </Layout>
  );
}

/** The frame of /check and /lint, filled per request like the search page's (tool-pages.ts). */
export function ToolFrame({ css, meta }: { css: string; meta: SiteMeta }) {
  return (
    <Layout title={SEARCH_SLOTS.title} description={SEARCH_SLOTS.description} meta={meta} css={css}>
      {raw(SEARCH_SLOTS.main)}
    </Layout>
  );
}
