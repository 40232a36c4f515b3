import type { CatalogEntry } from '../model/catalog.js';
import { CodeList } from './code-list.js';
import { CLASS_LABELS } from './labels.js';
import { Layout, type SiteMeta } from './layout.js';

interface Group {
  id: string;
  title: string;
  entries: CatalogEntry[];
}

/** Registered codes by class, then the unofficial ones, which readers must not mistake for standard. */
export function groupEntries(entries: readonly CatalogEntry[]): Group[] {
  const groups: Group[] = Object.entries(CLASS_LABELS).map(([cls, label]) => ({
    id: `class-${cls}`,
    title: `${cls} ${label}`,
    entries: entries.filter((entry) => entry.class === cls && entry.status !== 'unofficial'),
  }));
  groups.push({ id: 'unofficial', title: 'Unofficial codes', entries: entries.filter((entry) => entry.status === 'unofficial') });
  return groups.filter((group) => group.entries.length > 0);
}

export function IndexPage({ entries, css, meta }: { entries: readonly CatalogEntry[]; css: string; meta: SiteMeta }) {
  const groups = groupEntries(entries);
  return (
    <Layout
      title="HTTP status codes: meaning, causes, fixes and examples"
      description="Every HTTP status code with its RFC section, required headers, a response example, causes, fixes and client code."
      path="/"
      meta={meta}
      css={css}
      scripts={[meta.assets.page, meta.assets.search]}
    >
      <h1>HTTP status codes</h1>
      <p>
        {entries.length} codes, each checked against the RFCs and the IANA registry: what it means, a valid response, causes, fixes and a
        client that handles it.
      </p>
      <nav class="toc" aria-label="Classes">
        <ol>
          {groups.map((group) => (
            <li>
              <a href={`#${group.id}`}>{group.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <Filters />
      <section id="live-results" aria-live="polite" hidden>
        <h2>Search results</h2>
        <ul class="codes" id="results" />
      </section>
      <div id="groups">
        {groups.map((group) => (
          <section aria-labelledby={group.id}>
            <h2 id={group.id}>
              <a href={`#${group.id}`}>{group.title}</a>
            </h2>
            <CodeList entries={group.entries} />
          </section>
        ))}
      </div>
    </Layout>
  );
}

/**
 * Filters for the list below: plain radio buttons and a checkbox that the stylesheet reads with :has(), so that they
 * work without JavaScript and cost no request.
 */
function Filters() {
  const classes = ['1xx', '2xx', '3xx', '4xx', '5xx'];
  return (
    <fieldset class="filters" id="filters">
      <legend>Show</legend>
      <label>
        <input type="radio" name="class" id="only-all" checked /> all classes
      </label>
      {classes.map((cls) => (
        <label>
          <input type="radio" name="class" id={`only-${cls}`} /> {cls}
        </label>
      ))}
      <span aria-hidden="true">·</span>
      <label>
        <input type="radio" name="standing" id="only-any" checked /> all codes
      </label>
      <label>
        <input type="radio" name="standing" id="only-standard" /> registered
      </label>
      <label>
        <input type="radio" name="standing" id="only-unofficial" /> unofficial
      </label>
      <span aria-hidden="true">·</span>
      <label>
        <input type="checkbox" id="compact" /> compact
      </label>
    </fieldset>
  );
}
