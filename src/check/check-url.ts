import { type Finding, lintResponse } from '../lib/lint/index.js';
import { fetchHop, HopError, type HopOptions, type HopTimings } from './fetch-hop.js';

export interface CheckOptions extends HopOptions {
  maxRedirects: number;
  /** The phrase and one-line meaning of a status, from the catalog. */
  describe(status: number): { phrase: string; summary: string } | undefined;
}

export interface Hop {
  method: string;
  url: string;
  status?: number;
  phrase?: string;
  meaning?: string;
  httpVersion?: string;
  address?: string;
  timings?: HopTimings;
  /** The content was longer than the checker reads. */
  truncated?: boolean;
  /** What the linter found in this hop's response. */
  findings: Finding[];
  /** Why the hop could not be made. */
  error?: string;
}

export interface CheckResult {
  hops: Hop[];
  /** Findings about the chain: loops, downgrades, method changes, length, HSTS. */
  findings: Finding[];
  /** The status of the last response, when there was one. */
  final?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function chainFinding(id: string, level: Finding['level'], message: string, rfc: string, status: number): Finding {
  return { id, level, message, rfc, page: `/codes/${status}` };
}

/**
 * Follows a URL's redirects itself, one hop at a time (each resolved and checked against the SSRF policy again),
 * linting every response, then judges the chain as a whole.
 */
export async function checkUrl(start: string, options: CheckOptions): Promise<CheckResult> {
  const hops: Hop[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let url: URL;
  try {
    url = new URL(start);
  } catch {
    return {
      hops: [{ method: options.method, url: start, findings: [], error: `"${start.slice(0, 100)}" is not an absolute URL` }],
      findings,
    };
  }
  let method = options.method;
  for (;;) {
    const hop: Hop = { method, url: url.href, findings: [] };
    hops.push(hop);
    if (seen.has(`${method} ${url.href}`)) {
      hop.error = 'this URL was already visited: the redirects loop';
      findings.push(
        chainFinding('redirect-loop', 'error', `the chain comes back to ${url.href}`, 'RFC 9110 §15.4', hops.at(-2)?.status ?? 302),
      );
      break;
    }
    seen.add(`${method} ${url.href}`);
    let response: Awaited<ReturnType<typeof fetchHop>>;
    try {
      response = await fetchHop(url, { ...options, method });
    } catch (error) {
      hop.error = error instanceof HopError || error instanceof Error ? error.message : String(error);
      break;
    }
    const described = options.describe(response.status);
    Object.assign(hop, {
      status: response.status,
      phrase: described?.phrase ?? response.reason,
      meaning: described?.summary ?? '',
      httpVersion: response.httpVersion,
      address: response.address,
      timings: response.timings,
      truncated: response.truncated,
    });
    hop.findings = lintResponse(
      {
        httpVersion: response.httpVersion,
        status: response.status,
        reason: response.reason,
        headers: response.headers,
        ...(response.truncated ? {} : { body: response.body }),
      },
      { method, headers: options.headers },
    ).findings;
    const location = response.headers.find(([name]) => name.toLowerCase() === 'location')?.[1];
    if (!REDIRECTS.has(response.status) || location === undefined) {
      if (
        url.protocol === 'https:' &&
        response.status < 400 &&
        !response.headers.some(([name]) => name.toLowerCase() === 'strict-transport-security')
      ) {
        findings.push(
          chainFinding(
            'hsts-missing',
            'info',
            `the final https response has no Strict-Transport-Security, so a later visit may start over plain http`,
            'RFC 6797 §7.1',
            response.status,
          ),
        );
      }
      break;
    }
    if (hops.length - 1 >= options.maxRedirects) {
      findings.push(
        chainFinding(
          'too-many-redirects',
          'error',
          `more than ${options.maxRedirects} redirects; stopped following`,
          'RFC 9110 §15.4',
          response.status,
        ),
      );
      break;
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      findings.push(
        chainFinding(
          'redirect-location-invalid',
          'error',
          `Location "${location.slice(0, 80)}" cannot be resolved against ${url.href}`,
          'RFC 9110 §10.2.2',
          response.status,
        ),
      );
      break;
    }
    if (url.protocol === 'https:' && next.protocol === 'http:') {
      findings.push(
        chainFinding(
          'redirect-downgrade',
          'warning',
          `${url.href} redirects to plain http (${next.href}): the rest of the chain can be read and changed on the way`,
          'RFC 9110 §4.2.2',
          response.status,
        ),
      );
    }
    if (next.origin !== url.origin)
      findings.push(
        chainFinding(
          'redirect-cross-origin',
          'info',
          `the chain leaves ${url.origin} for ${next.origin}`,
          'RFC 9110 §15.4',
          response.status,
        ),
      );
    // RFC 9110 §15.4: 303 turns any method but HEAD into GET; 301 and 302 let user agents turn POST into GET.
    let nextMethod = method;
    if (response.status === 303 && method !== 'HEAD') nextMethod = 'GET';
    if ((response.status === 301 || response.status === 302) && method === 'POST') {
      nextMethod = 'GET';
      findings.push(
        chainFinding(
          'redirect-method-changed',
          'warning',
          `a ${response.status} to a POST makes clients repeat it as GET; use ${response.status === 301 ? '308' : '307'} to keep the method, or 303 to mean GET`,
          `RFC 9110 §15.4.${response.status === 301 ? 2 : 3}`,
          response.status,
        ),
      );
    } else if (response.status === 302 && method !== 'GET' && method !== 'HEAD') {
      findings.push(
        chainFinding(
          'redirect-302-for-method',
          'info',
          `a 302 answering ${method}: 307 says plainly that the method must be kept`,
          'RFC 9110 §15.4.3',
          302,
        ),
      );
    }
    method = nextMethod;
    url = next;
  }
  const redirects = hops.filter((hop) => hop.status !== undefined && REDIRECTS.has(hop.status)).length;
  if (redirects > 3)
    findings.push(
      chainFinding(
        'redirect-chain-long',
        'warning',
        `${redirects} redirects before the answer: each costs a round trip`,
        'RFC 9110 §15.4',
        hops.at(-1)?.status ?? 200,
      ),
    );
  const final = hops.at(-1)?.status;
  return { hops, findings, ...(final === undefined ? {} : { final }) };
}
