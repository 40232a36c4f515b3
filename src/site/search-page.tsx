import type { CatalogEntry } from '../model/catalog.js';
import { CodeList } from './code-list.js';
import { Layout } from './layout.js';

/** `/search?q=`: the same results the index shows as you type, for browsers without JavaScript. */
export function SearchPage({ query, results, css }: { query: string; results: readonly CatalogEntry[]; css: string }) {
  return (
    <Layout
      title={query ? `“${query}” · status code search` : 'Search status codes'}
      description="Search HTTP status codes"
      path="/search"
      css={css}
      query={query}
    >
      <a class="back" href="/">
        ← Back to status codes
      </a>
      <h1>Search</h1>
      {query === '' ? (
        <p>Type a code, a phrase or a few words in the box above.</p>
      ) : results.length === 0 ? (
        <p>
          No status code matches “{query}”. Try fewer words, or browse <a href="/">all status codes</a>.
        </p>
      ) : (
        <>
          <p>
            {results.length} result{results.length === 1 ? '' : 's'} for “{query}”
          </p>
          <CodeList entries={results} />
        </>
      )}
    </Layout>
  );
}
