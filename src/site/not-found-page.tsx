import { Layout } from './layout.js';

export function NotFoundPage({ css }: { css: string }) {
  return (
    <Layout title="404 Not Found · httpstatus" description="This page does not exist." path="/404" css={css}>
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
