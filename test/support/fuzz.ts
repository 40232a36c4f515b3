/**
 * Seeded random requests for the fuzz tests (HTTP/1.1, h2, h2c), and the checks every response must pass: no 5xx
 * the request did not ask for, no field that nobody set, no CR or LF inside a value.
 */

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

/** Every field the server may send; a `?header=` knob adds the names it asked for. */
const ALLOWED_FIELDS = new Set([
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'accept-ranges',
  'access-control-expose-headers',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'vary',
  'content-type',
  'content-length',
  'date',
  'connection',
  'keep-alive',
  'link',
  'location',
  'retry-after',
  'www-authenticate',
  'allow',
  'content-range',
  'etag',
  'last-modified',
  'cache-control',
  'expires',
  'content-location',
  'accept-encoding',
  'accept',
  'accept-patch',
  'upgrade',
  'x-interim-status',
  'content-encoding',
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
  'transfer-encoding',
]);

const FRAGMENTS = [
  '200',
  '418',
  '503',
  '599',
  '100',
  '101',
  '103',
  '204',
  '206',
  '304',
  '600',
  '099',
  'abc',
  ',',
  ':',
  ':0.5',
  ':0',
  '%00',
  '%0d%0a',
  '..',
  '/',
  '%2e%2e',
  'é',
  '%E0%A4',
  '\u202e',
  '9'.repeat(30),
  '%',
];
const PATHS = ['/status/', '/status/', '/status/', '/api/codes/', '/codes/', '/', '/search?q=', '/assets/', '/api/'];
const QUERY_KEYS = ['sleep', 'header', 'location', 'retry_after', 'seq', 'q', 'x'];
const QUERY_VALUES = [
  '1',
  '0',
  '-1',
  '10',
  'abc',
  'X-A:b',
  'X-A:b%0d%0aInjected:%20yes',
  'Injected%3A%20yes',
  '%0aInjected:1',
  'Content-Type:x/y',
  'Vary:*',
  '/next',
  'https://example.com/',
  'javascript:1',
  'k',
  '%00',
  '1e9',
  'Wed,%2021%20Oct%202026%2007:28:00%20GMT',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'BREW'];
const ACCEPTS = ['application/json', 'application/problem+json', 'text/html', '*/*', 'text/*;q=0.5', 'garbage;;;', ''];
const RANGES = ['bytes=0-9', 'bytes=-5', 'bytes=9-1', 'items=1-2', 'bytes=', 'bytes=0-0,-1', 'bytes=200-', 'bytes=1-2,3-4,5-6'];

export interface FuzzRequest {
  index: number;
  method: string;
  /** Only visible ASCII: anything else percent-encoded, as a client would send it. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function fuzzRequests(seed: number, total: number): FuzzRequest[] {
  const random = generator(seed);
  return Array.from({ length: total }, (_, index) => {
    let path = random.pick(PATHS);
    const parts = Math.floor(random.next() * 4);
    for (let i = 0; i < parts; i++) path += random.pick(FRAGMENTS);
    const queries = Math.floor(random.next() * 3);
    for (let i = 0; i < queries; i++) path += `${path.includes('?') ? '&' : '?'}${random.pick(QUERY_KEYS)}=${random.pick(QUERY_VALUES)}`;
    const method = random.pick(METHODS);
    const headers: Record<string, string> = { accept: random.pick(ACCEPTS) };
    if (random.next() < 0.2) headers.range = random.pick(RANGES);
    if (random.next() < 0.1) headers.origin = 'https://fuzz.example';
    if (random.next() < 0.05) headers['if-range'] = random.pick(['"x"', 'Thu, 01 Jan 2026 00:00:00 GMT']);
    return {
      index,
      method,
      path: path.replace(/[^\x21-\x7e]/g, (char) => encodeURIComponent(char)),
      headers,
      body: method === 'POST' ? 'fuzz body' : undefined,
    };
  });
}

/** What is wrong with one response to a fuzz request; empty when nothing is. */
export function checkFuzzResponse(fuzz: FuzzRequest, status: number, headers: Record<string, unknown>): string[] {
  const failures: string[] = [];
  const label = `#${fuzz.index} ${fuzz.method} ${fuzz.path}`;
  const askedFor5xx = /\/status\/[^?]*5\d\d/.test(fuzz.path);
  if (status >= 500 && !askedFor5xx) failures.push(`${label} → ${status}`);
  // Fields a ?header= knob asked for, as the server decodes the query; anything else is an injection.
  const query = fuzz.path.includes('?') ? fuzz.path.slice(fuzz.path.indexOf('?') + 1) : '';
  const asked = new Set(new URLSearchParams(query).getAll('header').map((value) => value.slice(0, value.indexOf(':')).toLowerCase()));
  for (const name of Object.keys(headers)) {
    if (name.startsWith(':')) continue;
    if (!ALLOWED_FIELDS.has(name) && !asked.has(name)) failures.push(`${label} → unexpected header ${name}`);
    if (/[\r\n]/.test(String(headers[name]))) failures.push(`${label} → CR or LF inside ${name}`);
  }
  return failures;
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function runConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}
