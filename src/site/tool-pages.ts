import type { CheckResult } from '../check/check-url.js';
import { type CachingSummary, describeCaching } from '../lib/lint/caching.js';
import type { Finding } from '../lib/lint/types.js';
import { SEARCH_SLOTS } from '../model/manifest.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `RFC 9110 §15.5.6` → its section on rfc-editor.org. */
function rfcLink(rfc: string): string {
  const match = /^RFC (\d+)(?:bis)? §([\d.]+)$/.exec(rfc);
  return match ? `<a href="https://www.rfc-editor.org/rfc/rfc${match[1]}#section-${match[2]}">${escapeHtml(rfc)}</a>` : escapeHtml(rfc);
}

export function renderFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p>No finding.</p>';
  const items = findings.map(
    (finding) =>
      `<li class="${finding.level}"><strong>${finding.level}</strong> <code>${escapeHtml(finding.id)}</code>: ${escapeHtml(finding.message)}<span class="where">${rfcLink(finding.rfc)} · <a href="${escapeHtml(finding.page)}">${finding.page === '/' ? 'all status codes' : `about ${escapeHtml(finding.page.slice('/codes/'.length))}`}</a></span></li>`,
  );
  return `<ul class="findings">${items.join('')}</ul>`;
}

/** The frame of pages rendered per request (layout.tsx), with a title, a description and the main content. */
export const fillFrame = (frame: string, title: string, description: string, main: string) =>
  frame
    .replaceAll(SEARCH_SLOTS.title, () => escapeHtml(title))
    .replaceAll(SEARCH_SLOTS.description, () => escapeHtml(description))
    .replaceAll(SEARCH_SLOTS.main, () => main);

const back = '<a class="back" href="/">← Back to status codes</a>';

/** `/check?url=`: the form, then (when a URL was given) each hop and the chain's findings. No script needed. */
export function renderCheckPage(frame: string, url: string, method: string, result: CheckResult | { error: string } | undefined): string {
  const form = `<form class="tool" action="/check" method="get"><label for="url">URL to check</label><input id="url" name="url" type="url" required value="${escapeHtml(url)}" placeholder="https://example.com/"><label for="method">Method</label><select id="method" name="method">${['GET', 'HEAD', 'POST'].map((name) => `<option${name === method ? ' selected' : ''}>${name}</option>`).join('')}</select><button type="submit">Check</button></form>`;
  let body = '';
  if (result && 'error' in result) body = `<p role="alert">${escapeHtml(result.error)}</p>`;
  else if (result) {
    const hops = result.hops.map((hop) => {
      const status =
        hop.status === undefined ? 'no response' : `<a href="/codes/${hop.status}">${hop.status} ${escapeHtml(hop.phrase ?? '')}</a>`;
      const timings = hop.timings
        ? `<span class="timing">dns ${hop.timings.dnsMs} ms · connect ${hop.timings.connectMs} ms${hop.timings.tlsMs === null ? '' : ` · tls ${hop.timings.tlsMs} ms`} · first byte ${hop.timings.firstByteMs} ms · HTTP/${escapeHtml(hop.httpVersion ?? '')}</span>`
        : '';
      const error = hop.error ? `<p role="alert">${escapeHtml(hop.error)}</p>` : '';
      return `<li><p><strong>${escapeHtml(hop.method)}</strong> <code>${escapeHtml(hop.url)}</code> → ${status}</p>${hop.meaning ? `<p>${escapeHtml(hop.meaning)}</p>` : ''}${timings}${error}${hop.findings.length > 0 ? renderFindings(hop.findings) : ''}</li>`;
    });
    body = `<h2>Hops</h2><ol class="hops">${hops.join('')}</ol><h2>The chain</h2>${renderFindings(result.findings)}`;
  }
  const intro =
    '<p>Follows the redirects itself, at most 10, and shows every hop: its status and what it means, the timings and what the linter finds; then what is wrong with the chain. Internal addresses are refused.</p>';
  return fillFrame(
    frame,
    url ? `Check ${url} · httpstatus` : 'Check a URL · httpstatus',
    "Follow a URL's redirects and see, hop by hop, each status, its meaning, the timings and what breaks the RFCs.",
    `${back}<h1>Check a URL</h1>${intro}${form}${body}`,
  );
}

/** `/lint`: a form for a raw response (POSTed back here), then the findings and the caching summary. */
export function renderLintPage(
  frame: string,
  text: string,
  method: string,
  result:
    | {
        findings: Finding[];
        caching: CachingSummary;
      }
    | { error: string }
    | undefined,
): string {
  const form = `<form class="tool" action="/lint" method="post"><label for="response">A raw response (status line, fields, a blank line, content), as <code>curl -si</code> prints it</label><textarea id="response" name="response" required spellcheck="false">${escapeHtml(text)}</textarea><label for="method">The request's method</label><select id="method" name="method">${['GET', 'HEAD', 'POST', 'PUT', 'DELETE'].map((name) => `<option${name === method ? ' selected' : ''}>${name}</option>`).join('')}</select><button type="submit">Lint</button></form>`;
  let body = '';
  if (result && 'error' in result) body = `<p role="alert">${escapeHtml(result.error)}</p>`;
  else if (result) {
    const { caching } = result;
    body = `<h2>Findings</h2>${renderFindings(result.findings)}<h2>Caching</h2><p>${escapeHtml(describeCaching(caching))}</p>${caching.notes.length > 0 ? `<ul>${caching.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>` : ''}`;
  }
  return fillFrame(
    frame,
    'Lint a response · httpstatus',
    'Paste a raw HTTP response (curl -si) and see what it gets wrong against RFC 9110, 9111 and 9112.',
    `${back}<h1>Lint an HTTP response</h1>${form}${body}`,
  );
}
