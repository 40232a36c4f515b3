import { raw } from 'hono/html';
import type { CatalogEntry, SectionKey } from '../model/catalog.js';
import { badgeClass, CLASS_LABELS, CONSTANT_LABELS, displayPhrase, RETRY_LABELS, STATUS_LABELS } from './labels.js';
import { Layout, type SiteMeta } from './layout.js';

export interface CodePageProps {
  entry: CatalogEntry;
  /** Section HTML with code blocks already highlighted. */
  sectionHtml: Record<SectionKey, string>;
  previous: CatalogEntry | undefined;
  next: CatalogEntry | undefined;
  phraseOf: (code: number) => string | undefined;
  css: string;
  meta: SiteMeta;
}

/** Where `npm start` serves the mock; page.js puts the page's own origin in its place when that origin has the mock. */
export const MOCK_ORIGIN = 'http://localhost:8421';

function contentFact(entry: CatalogEntry): string {
  if (entry.wire === null) return 'None: no response is sent';
  return entry.content === 'forbidden' ? 'None allowed' : 'Allowed';
}

function cacheableFact(entry: CatalogEntry): string {
  if (entry.wire === null) return 'Not applicable: no response reaches a cache';
  // RFC 9111 §3: a cache stores only final responses, whatever their freshness.
  if (entry.class === '1xx') return 'Never: caches store only final responses (RFC 9111 §3)';
  return entry.cacheable ? 'Yes (heuristically)' : 'No, only with explicit freshness';
}

function headingsFor(entry: CatalogEntry): Array<[SectionKey, string, string]> {
  const headings: Array<[SectionKey, string, string]> = [
    ['meaning', 'meaning', `What does ${entry.code} ${displayPhrase(entry)} mean?`],
    ['responseExample', 'response-example', 'Response example'],
    ['causes', 'common-causes', 'Common causes'],
    ['fixes', 'how-to-fix-it', 'How to fix it'],
    ['mistakes', 'common-mistakes', 'Common mistakes'],
    ['clients', 'how-browsers-and-apis-use-it', 'How browsers and APIs use it'],
    ['insight', 'practical-developer-insight', 'Practical developer insight'],
    ['clientExample', 'client-side-example', 'Client-side example'],
  ];
  if (entry.sections.serverExample.programs.length > 0 || entry.sections.serverExample.none !== null) {
    headings.push(['serverExample', 'server-side-example', 'Server-side example']);
  }
  return headings;
}

function Heading({ id, children }: { id: string; children: string }) {
  return (
    <h2 id={id}>
      <a href={`#${id}`}>{children}</a>
    </h2>
  );
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** One status code's page: the seed's sections in order, then the facts that come from front matter. */
export function CodePage({ entry, sectionHtml, previous, next, phraseOf, css, meta }: CodePageProps) {
  const title = `${entry.code} ${displayPhrase(entry)}`;
  const headings = headingsFor(entry);
  const constants = Object.entries(entry.constants);
  return (
    <Layout
      title={`${title} · HTTP status code`}
      description={entry.summary}
      path={`/codes/${entry.code}`}
      meta={meta}
      css={css}
      layout="has-toc"
      scripts={[meta.assets.page]}
    >
      <a class="back" href="/">
        ← Back to status codes
      </a>
      <p class="eyebrow">
        <span class={`badge ${badgeClass(entry)}`}>
          {entry.class} {CLASS_LABELS[entry.class]}
        </span>
        {entry.status === 'standard' ? 'HTTP status code' : `HTTP status code · ${STATUS_LABELS[entry.status]}`}
      </p>
      <h1>{title}</h1>
      <p class="summary">{entry.summary}</p>
      <dl class="facts">
        {entry.aliases.length > 0 && (
          <>
            <dt>Also known as</dt>
            <dd>{entry.aliases.join(' · ')}</dd>
          </>
        )}
        {entry.emitters.length > 0 && (
          <>
            <dt>Sent by</dt>
            <dd>
              <ul class="emitters">
                {entry.emitters.map((emitter) => (
                  <li>
                    <strong>{emitter.name}</strong>
                    {emitter.phrase ? ` (“${emitter.phrase}”)` : ''}: {emitter.note}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {entry.wire !== entry.code && (
          <>
            <dt>On the wire</dt>
            <dd>
              {entry.wire === null
                ? 'Nothing: the client never receives this code; it appears only in server logs.'
                : entry.status === 'unofficial'
                  ? `The client receives ${entry.wire}; ${entry.code} appears only in server logs.`
                  : `The status line carries ${entry.wire}; ${entry.code} travels inside its body.`}
            </dd>
          </>
        )}
        <dt>Specification</dt>
        <dd>
          {entry.spec.length === 0
            ? 'Not registered; no specification'
            : entry.spec.map((spec, index) => (
                <>
                  {index > 0 && ', '}
                  <a href={spec.url}>
                    {spec.document}
                    {spec.section ? ` §${spec.section}` : ''}
                  </a>
                </>
              ))}
        </dd>
        <dt>Content</dt>
        <dd>{contentFact(entry)}</dd>
        <dt>Cacheable by default</dt>
        <dd>{cacheableFact(entry)}</dd>
        <dt>Retry</dt>
        <dd>
          {RETRY_LABELS[entry.retry.policy]}: {entry.retry.note}
        </dd>
        <dt>Try it</dt>
        <dd>
          <div class="example try">
            <pre class="code" tabindex={0}>
              <code>
                curl -i {entry.tryIt?.curl ? `${entry.tryIt.curl} ` : ''}
                <span data-origin>{MOCK_ORIGIN}</span>/status/{entry.code}
              </code>
            </pre>
            <button class="copy" type="button" hidden aria-label="Copy the curl command">
              Copy
            </button>
          </div>
          against the mock: <a href={`/status/${entry.code}`}>/status/{entry.code}</a> (served by <code>npm start</code>)
          {entry.tryIt?.note && <p class="note">{entry.tryIt.note}</p>}
        </dd>
        <dt>Reviewed</dt>
        <dd>
          Checked against {listInWords(entry.review.sources)} on <time datetime={entry.review.date}>{entry.review.date}</time>.
          {entry.review.facts.length > 0 && (
            <ul class="checked-facts">
              {entry.review.facts.map((fact) => (
                <li>
                  {fact.about}: {fact.value} (<a href={fact.source}>{fact.holds}</a>, checked {fact.checked})
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <nav class="toc" aria-label="On this page">
        <ol>
          {headings.map(([, id, text]) => (
            <li>
              <a href={`#${id}`}>{text}</a>
            </li>
          ))}
          <li>
            <a href="#related-status-codes">Related status codes</a>
          </li>
          {constants.length > 0 && (
            <li>
              <a href="#constants">In your language</a>
            </li>
          )}
        </ol>
      </nav>
      {headings.map(([key, id, text]) => (
        <section aria-labelledby={id}>
          <Heading id={id}>{text}</Heading>
          {key === 'serverExample' && entry.sections.serverExample.none !== null ? (
            <p class="note">None: {entry.sections.serverExample.none}</p>
          ) : (
            raw(sectionHtml[key])
          )}
          {key === 'responseExample' && entry.headers.length > 0 && <HeaderTable entry={entry} />}
        </section>
      ))}
      <section aria-labelledby="related-status-codes">
        <Heading id="related-status-codes">Related status codes</Heading>
        <ul>
          {entry.related.map((related) => (
            <li>
              <a href={`/codes/${related.code}`}>
                {related.code} {phraseOf(related.code) ?? ''}
              </a>
              : {related.note}
            </li>
          ))}
        </ul>
      </section>
      {constants.length > 0 && (
        <section aria-labelledby="constants">
          <Heading id="constants">In your language</Heading>
          {/* biome-ignore lint/a11y/useSemanticElements: the scrolling box of a wide table is a focusable region (WCAG 2.1.1), not a section of the outline */}
          <div class="table" role="region" aria-label={`The name of ${entry.code} in each language`} tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Ecosystem</th>
                  <th scope="col">Name</th>
                </tr>
              </thead>
              <tbody>
                {constants.map(([ecosystem, name]) => (
                  <tr>
                    <td>{CONSTANT_LABELS[ecosystem] ?? ecosystem}</td>
                    <td>
                      <code>{name}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <nav class="pager" aria-label="Neighbouring codes">
        {previous ? (
          <a href={`/codes/${previous.code}`} rel="prev">
            ← {previous.code} {displayPhrase(previous)}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a href={`/codes/${next.code}`} rel="next">
            {next.code} {displayPhrase(next)} →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </Layout>
  );
}

function HeaderTable({ entry }: { entry: CatalogEntry }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the scrolling box of a wide table is a focusable region (WCAG 2.1.1), not a section of the outline
    <div class="table" role="region" aria-label={`Header fields for ${entry.code}`} tabindex={0}>
      <table>
        <caption class="visually-hidden">Header fields the specification asks for with {entry.code}</caption>
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">Level</th>
            <th scope="col">When</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {entry.headers.map((header) => (
            <tr>
              <td>
                <code>{header.name}</code>
              </td>
              <td>{header.level}</td>
              <td>{header.condition}</td>
              <td>
                <a href={`https://www.rfc-editor.org/rfc/rfc${header.rfc}#section-${header.section}`}>
                  RFC {header.rfc} §{header.section}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
