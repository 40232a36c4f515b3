import { parseHttpDate } from '../../http-date.js';
import { parseParameters, splitList, TOKEN } from '../fields.js';
import type { Report, Rule } from '../types.js';

const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const location: Rule = {
  id: 'location-invalid',
  level: 'error',
  rfc: 'RFC 9110 §10.2.2',
  summary: 'A Location that is not a URI reference.',
  check({ value }) {
    const target = value('location');
    if (target === undefined) return [];
    if (target === '' || /\s/.test(target) || !URL.canParse(target, 'http://base.invalid/')) {
      return [
        {
          message: `Location "${target.slice(0, 80)}" is not a URI reference${/\s/.test(target) ? ' (spaces must be percent-encoded)' : ''}`,
        },
      ];
    }
    return [];
  },
};

export const retryAfter: Rule = {
  id: 'retry-after-invalid',
  level: 'error',
  rfc: 'RFC 9110 §10.2.3',
  summary: 'A Retry-After that is neither delay-seconds nor an HTTP-date.',
  check({ value }) {
    const retry = value('retry-after');
    if (retry === undefined || /^\d+$/.test(retry) || parseHttpDate(retry)) return [];
    return [{ message: `Retry-After "${retry.slice(0, 60)}" is neither a number of seconds nor an HTTP-date` }];
  },
};

/** Date and Last-Modified: senders must write IMF-fixdate (RFC 9110 §5.6.7); an Expires that does not parse means "already expired". */
export const dates: Rule = {
  id: 'date-invalid',
  level: 'error',
  rfc: 'RFC 9110 §5.6.7',
  summary: 'A Date or Last-Modified that is not an HTTP-date, or not in the IMF-fixdate form senders must use; an unreadable Expires.',
  check({ value }) {
    const reports: Report[] = [];
    for (const name of ['Date', 'Last-Modified']) {
      const text = value(name);
      if (text === undefined) continue;
      if (!parseHttpDate(text))
        reports.push({ id: `${name.toLowerCase()}-invalid`, message: `${name} "${text.slice(0, 60)}" is not an HTTP-date` });
      else if (!IMF_FIXDATE.test(text)) {
        reports.push({
          id: `${name.toLowerCase()}-obsolete-format`,
          message: `${name} uses an obsolete date format; senders must write IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT")`,
        });
      }
    }
    const expires = value('expires');
    if (expires !== undefined && !parseHttpDate(expires)) {
      reports.push({
        id: 'expires-invalid',
        level: 'info',
        rfc: 'RFC 9111 §5.3',
        message: `Expires "${expires.slice(0, 60)}" is not an HTTP-date, so caches treat the response as already expired`,
      });
    }
    return reports;
  },
};

const CONTENT_RANGE = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/;

export const contentRange: Rule = {
  id: 'content-range-invalid',
  level: 'error',
  rfc: 'RFC 9110 §14.4',
  summary: 'A Content-Range that is malformed, impossible, or does not match the content of a 206; a 416 without bytes */length.',
  check({ response, request, value }) {
    const range = value('content-range');
    if (range === undefined) return [];
    const match = CONTENT_RANGE.exec(range.trim());
    if (!match) return [{ message: `Content-Range "${range.slice(0, 60)}" is not "bytes first-last/length" or "bytes */length"` }];
    const [, first, last, length] = match;
    if (response.status === 416 && first !== undefined) {
      return [
        {
          id: 'content-range-not-unsatisfied',
          level: 'warning',
          rfc: 'RFC 9110 §15.5.17',
          message: `a 416 should say bytes */length, not a range (${range})`,
        },
      ];
    }
    if (first === undefined || last === undefined) return [];
    const [start, end] = [Number(first), Number(last)];
    if (start > end || (length !== '*' && end >= Number(length))) {
      return [{ message: `Content-Range ${range} is impossible: the last byte must follow the first and lie within the length` }];
    }
    if (response.status === 206 && request?.method !== 'HEAD' && response.body !== undefined && response.body.length !== end - start + 1) {
      return [
        {
          id: 'content-range-length-mismatch',
          rfc: 'RFC 9110 §15.3.7.1',
          message: `Content-Range covers ${end - start + 1} bytes, and ${response.body.length} follow`,
        },
      ];
    }
    return [];
  },
};

export const allow: Rule = {
  id: 'allow-invalid',
  level: 'error',
  rfc: 'RFC 9110 §10.2.1',
  summary: 'An Allow that is not a list of method names.',
  check({ values }) {
    const methods = values('allow').flatMap(splitList);
    const bad = methods.filter((method) => !TOKEN.test(method));
    return bad.length > 0
      ? [{ message: `Allow lists "${bad.join('", "')}", which ${bad.length === 1 ? 'is not a method name' : 'are not method names'}` }]
      : [];
  },
};

/** A challenge: an auth-scheme, then a token68 or auth-params (RFC 9110 §11.3); Basic needs its realm (RFC 7617 §2). */
function checkChallenges(field: string, text: string): Report[] {
  const scheme = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?:\s+(.*))?$/.exec(text.trim());
  if (!scheme) return [{ message: `${field} "${text.slice(0, 60)}" does not start with an authentication scheme` }];
  const [, name = '', rest = ''] = scheme;
  if (name.toLowerCase() === 'basic' && !/(^|,)\s*realm\s*=/i.test(rest)) {
    return [
      {
        id: `${field.toLowerCase()}-basic-realm`,
        rfc: 'RFC 7617 §2',
        message: `the Basic challenge in ${field} has no realm, which is required`,
      },
    ];
  }
  return [];
}

export const authenticate: Rule = {
  id: 'authenticate-invalid',
  level: 'error',
  rfc: 'RFC 9110 §11.6.1',
  summary: 'A WWW-Authenticate or Proxy-Authenticate without a valid challenge, or a Basic challenge without realm.',
  check({ values }) {
    return ['WWW-Authenticate', 'Proxy-Authenticate'].flatMap((field) =>
      values(field).flatMap((text) => checkChallenges(field, text).map((report) => ({ id: `${field.toLowerCase()}-invalid`, ...report }))),
    );
  },
};

const KNOWN_DIRECTIVES = new Set([
  'max-age',
  's-maxage',
  'no-cache',
  'no-store',
  'no-transform',
  'must-revalidate',
  'proxy-revalidate',
  'must-understand',
  'private',
  'public',
  'immutable',
  'stale-while-revalidate',
  'stale-if-error',
]);

export const cacheControl: Rule = {
  id: 'cache-control-invalid',
  level: 'error',
  rfc: 'RFC 9111 §5.2',
  summary: 'Cache-Control directives that are malformed, have a bad number, are unknown, or contradict each other.',
  check({ values }) {
    const directives = values('cache-control').flatMap((text) => parseParameters(text, ','));
    if (directives.length === 0) return [];
    const reports: Report[] = [];
    const names = new Set<string>();
    for (const [name, argument] of directives) {
      const lower = name.toLowerCase();
      names.add(lower);
      if (!TOKEN.test(name)) reports.push({ message: `"${name.slice(0, 40)}" is not a Cache-Control directive` });
      else if (['max-age', 's-maxage', 'stale-while-revalidate', 'stale-if-error'].includes(lower) && !/^\d+$/.test(argument ?? '')) {
        reports.push({
          id: 'cache-control-delta-invalid',
          rfc: 'RFC 9111 §1.2.2',
          message: `${lower} needs a whole number of seconds, received "${argument ?? ''}"`,
        });
      } else if (!KNOWN_DIRECTIVES.has(lower)) {
        reports.push({ id: 'cache-control-unknown', level: 'info', message: `${name} is not a directive caches know; they ignore it` });
      }
    }
    if (names.has('no-store') && (names.has('max-age') || names.has('s-maxage') || names.has('public'))) {
      reports.push({
        id: 'cache-control-conflict',
        level: 'warning',
        message: 'no-store with max-age, s-maxage or public: no-store wins, and nothing is stored',
      });
    }
    if (names.has('public') && names.has('private')) {
      reports.push({
        id: 'cache-control-conflict',
        level: 'warning',
        message: 'public and private together: private wins for shared caches',
      });
    }
    return reports;
  },
};

export const vary: Rule = {
  id: 'vary-invalid',
  level: 'error',
  rfc: 'RFC 9110 §12.5.5',
  summary: 'A Vary that is not "*" or a list of field names; Vary: * noted.',
  check({ values }) {
    const names = values('vary').flatMap(splitList);
    if (names.includes('*')) {
      return [{ id: 'vary-star', level: 'info', message: 'Vary: * means a cache can never reuse this response for another request' }];
    }
    const bad = names.filter((name) => !TOKEN.test(name));
    return bad.length > 0
      ? [{ message: `Vary lists "${bad.join('", "')}", which ${bad.length === 1 ? 'is not a field name' : 'are not field names'}` }]
      : [];
  },
};

export const strictTransportSecurity: Rule = {
  id: 'hsts-invalid',
  level: 'error',
  rfc: 'RFC 6797 §6.1',
  summary: 'A Strict-Transport-Security without a valid max-age.',
  check({ values }) {
    const [first] = values('strict-transport-security');
    if (first === undefined) return [];
    const maxAge = parseParameters(first, ';').find(([name]) => name.toLowerCase() === 'max-age');
    if (!maxAge || !/^\d+$/.test(maxAge[1] ?? '')) return [{ message: 'Strict-Transport-Security needs max-age with a number of seconds' }];
    return [];
  },
};

export const setCookie: Rule = {
  id: 'set-cookie-invalid',
  level: 'error',
  rfc: 'RFC 6265 §4.1',
  summary: 'A Set-Cookie without name=value, or with SameSite=None but not Secure (which browsers reject).',
  check({ values }) {
    return values('set-cookie').flatMap((text): Report[] => {
      const [pair = '', ...attributes] = text.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0 || !TOKEN.test(pair.slice(0, equals).trim())) {
        return [{ message: `Set-Cookie "${text.slice(0, 40)}" does not start with name=value` }];
      }
      const names = attributes.map((attribute) => attribute.trim().toLowerCase());
      if (names.includes('samesite=none') && !names.includes('secure')) {
        return [
          {
            id: 'set-cookie-samesite-none-insecure',
            level: 'warning',
            rfc: 'RFC 6265bis §5.6.7',
            message: `the cookie ${pair.slice(0, equals).trim()} has SameSite=None without Secure; browsers reject it`,
          },
        ];
      }
      return [];
    });
  },
};

/** Fields that carry one value: twice is a contradiction (or, for Content-Length, handled by its own rule). */
const SINGLETONS = [
  'Content-Type',
  'Location',
  'Retry-After',
  'Date',
  'ETag',
  'Last-Modified',
  'Expires',
  'Age',
  'Content-Range',
  'Content-Location',
];

export const duplicates: Rule = {
  id: 'field-duplicate',
  level: 'error',
  rfc: 'RFC 9110 §5.3',
  summary: 'A field defined to have one value (Content-Type, Location, Date, ETag…) sent more than once.',
  check({ values }) {
    return SINGLETONS.filter((name) => values(name).length > 1).map((name) => ({
      message: `${name} appears ${values(name).length} times; it takes one value`,
    }));
  },
};
