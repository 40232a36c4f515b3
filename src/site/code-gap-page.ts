import { fillFrame } from './tool-pages.js';

const CLASS_NAMES: Record<string, string> = {
  '1': 'Informational',
  '2': 'Successful',
  '3': 'Redirection',
  '4': 'Client Error',
  '5': 'Server Error',
};

const RFC_9110_15 = '<a href="https://www.rfc-editor.org/rfc/rfc9110#section-15">RFC 9110 §15</a>';
const back = '<a class="back" href="/">← Back to status codes</a>';

/** How a client handles an unassigned code of this class, as RFC 9110 (and RFC 9111 for caches) says. */
function handling(code: string, digit: string, x00: string): string {
  if (digit === '1')
    return `<p>A ${code} arrives as an interim response. A client must be able to read 1xx responses it does not expect and may ignore them (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.2">RFC 9110 §15.2</a>): curl, Node's HTTP client and browsers read it and go on waiting for the final response. No cache ever stores it; caches keep final responses only (<a href="https://www.rfc-editor.org/rfc/rfc9111#section-3">RFC 9111 §3</a>).</p>`;
  return `<p>A client must understand every code's class by its first digit and treat a code it does not recognise as the x00 of that class (${RFC_9110_15}): a client that receives ${code} handles it as ${x00}. A cache stores it only with explicit freshness (<code>Cache-Control: max-age</code>, <code>Expires</code>); an unrecognised code is never cached heuristically (<a href="https://www.rfc-editor.org/rfc/rfc9111#section-4.2.2">RFC 9111 §4.2.2</a>).</p>`;
}

/**
 * `/codes/NNN` for a three-digit code without a page: what the number is (unassigned in its class, or outside
 * 100–599) and what clients do when they meet it, with the nearest codes that have a page. Served with 404.
 */
export function renderCodeGapPage(frame: string, code: string, rows: Readonly<Record<string, string>>): string {
  const digit = code[0] ?? '0';
  const className = CLASS_NAMES[digit];
  if (className === undefined) {
    const main =
      `${back}<h1>${code}: not an HTTP status code</h1>` +
      `<p>HTTP status codes run from 100 to 599 (${RFC_9110_15}): the first digit is the class, and there is no class ${digit}. A client that receives a response with a code outside that range should handle it as a 5xx server error.</p>` +
      (code === '000'
        ? '<p>You are most likely looking at curl’s <code>%{http_code}</code>, which prints <code>000</code> when no status line arrived at all: the name did not resolve, the connection was refused or reset, TLS failed, or the request timed out. Run the same command with <code>-v</code> to see where it stopped. Browsers say the same with <code>status</code> 0 in <code>fetch</code> and <code>XMLHttpRequest</code> (a network error, or an opaque cross-origin response).</p>'
        : '') +
      (Number(code) >= 600
        ? '<p>Some systems use 600–999 for their own errors, which are not HTTP statuses. Node’s server sends any code from 100 to 999, and Node’s <code>fetch</code> hands such a response over as it came, but in browsers and other Fetch implementations <code>new Response(body, { status: 600 })</code> throws a RangeError: a Response’s status must be from 200 to 599.</p>'
        : '') +
      '<p>Browse <a href="/">every status code</a>, or search for the symptom in the box above.</p>';
    return fillFrame(
      frame,
      `${code}: not an HTTP status code · httpstatus`,
      `${code} is outside the 100–599 range of HTTP status codes.`,
      main,
    );
  }

  const codes = Object.keys(rows)
    .filter((other) => other[0] === digit)
    .sort();
  const x00 = `${digit}00`;
  const below = codes.filter((other) => other < code && other !== x00).slice(-2);
  const above = codes.filter((other) => other > code && other !== x00).slice(0, 2);
  const nearby = [...(codes.includes(x00) ? [x00] : []), ...below, ...above].map((other) => rows[other] ?? '').join('');
  const x00Link = codes.includes(x00) ? `<a href="/codes/${x00}">${x00}</a>` : x00;
  const main =
    `${back}<h1>${code}: an unassigned ${digit}xx code</h1>` +
    `<p>${code} is in the ${digit}xx (${className}) range, but the <a href="https://www.iana.org/assignments/http-status-codes/http-status-codes.xhtml">IANA HTTP Status Code Registry</a> assigns it no meaning, and it is not one of the unofficial codes that servers, proxies and CDNs are known to send. If a server sent it, its meaning is private to that server: look in its documentation or logs.</p>` +
    handling(code, digit, x00Link) +
    `<h2>Codes near ${code} that have a page</h2><ul class="codes">${nearby}</ul>`;
  return fillFrame(
    frame,
    `${code}: unassigned status code · httpstatus`,
    digit === '1'
      ? `${code} is not assigned in the IANA registry; clients read it as an interim response and wait for the final one.`
      : `${code} is not assigned in the IANA registry; clients treat it as ${x00}.`,
    main,
  );
}
