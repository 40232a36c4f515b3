import { Layout, type SiteMeta } from './layout.js';

export function NotFoundPage({ css, meta }: { css: string; meta: SiteMeta }) {
  return (
    <Layout title="404 Not Found · httpstatus" description="This page does not exist." meta={meta} css={css} noindex>
      <a class="back" href="/">
        ← Back to status codes
      </a>
      <h1>404: no page here</h1>
      <p>
        This address does not match any page. Every status code lives at <code>/codes/NNN</code>; browse{' '}
        <a href="/">the index of status codes</a> or use the search box above.
      </p>
    </Layout>
  );
}
