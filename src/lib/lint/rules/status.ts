import { FORMER_PHRASES, PHRASES } from '../../generated/core.js';
import { CHECKED_FIELDS, EMITTERS, type LintCondition, STANDINGS } from '../../generated/lint.js';
import { splitList } from '../fields.js';
import type { LintContext, Report, Rule } from '../types.js';

/** When a required field applies, for the conditions the catalog names (src/model/catalog.ts LINT_CONDITIONS). */
const APPLIES: Record<LintCondition, (context: LintContext) => boolean> = {
  always: () => true,
  http1: (context) => context.response.httpVersion.startsWith('1'),
  'single-part': (context) => !/^multipart\/byteranges\b/i.test(context.value('content-type') ?? ''),
  websocket: (context) => (context.value('upgrade') ?? '').toLowerCase().includes('websocket'),
  'range-request': (context) => context.requestHas('range'),
  post: (context) => context.request?.method === 'POST',
};

const LEVELS = { MUST: 'error', SHOULD: 'warning', MAY: 'info' } as const;

/** The fields the RFCs require with the status, as the catalog lists them (not an if per code). */
export const requiredFields: Rule = {
  id: 'field-missing',
  level: 'error',
  rfc: 'RFC 9110 §15',
  summary: 'A field the status requires (MUST) or recommends (SHOULD) is absent: 401 WWW-Authenticate, 405 Allow, 3xx Location…',
  check(context) {
    const reports: Report[] = [];
    for (const [name, level, when, rfc, section] of CHECKED_FIELDS[context.response.status] ?? []) {
      if (level === 'MAY' || context.has(name) || !APPLIES[when](context)) continue;
      reports.push({
        id: `${name.toLowerCase()}-missing`,
        level: LEVELS[level],
        rfc: `RFC ${rfc} §${section}`,
        message: `a ${context.response.status} ${level === 'MUST' ? 'must' : 'should'} carry ${name}, and this one has none`,
      });
    }
    return reports;
  },
};

export const refusedMethodAllowed: Rule = {
  id: 'allow-lists-refused-method',
  level: 'error',
  rfc: 'RFC 9110 §15.5.6',
  summary: 'A 405 whose Allow lists the very method it refused.',
  check({ response, request, value }) {
    const allow = value('allow');
    if (response.status !== 405 || !request || allow === undefined) return [];
    const methods = splitList(allow);
    return methods.includes(request.method) ? [{ message: `Allow lists ${request.method}, the method this 405 refused` }] : [];
  },
};

export const informationalToHttp10: Rule = {
  id: 'informational-to-http10',
  level: 'error',
  rfc: 'RFC 9110 §15.2',
  summary: 'A 1xx sent to an HTTP/1.0 client, which cannot read it.',
  check({ response, request }) {
    const interim = response.status >= 100 && response.status < 200;
    return interim && request?.httpVersion === '1.0'
      ? [{ message: `a ${response.status} answers an HTTP/1.0 request; a server must not send 1xx to HTTP/1.0 clients` }]
      : [];
  },
};

export const standing: Rule = {
  id: 'status-standing',
  level: 'warning',
  rfc: 'RFC 9110 §15',
  summary: 'A status that is deprecated (305), unused (306, 418), obsolete, temporary, unofficial or not registered at all.',
  check({ response }) {
    const code = response.status;
    if (code === 305)
      return [
        {
          id: 'status-deprecated',
          rfc: 'RFC 9110 §15.4.6',
          message: '305 Use Proxy is deprecated: clients ignore it for security reasons',
        },
      ];
    const known = STANDINGS[code];
    if (known === 'unused')
      return [{ id: 'status-unused', rfc: 'RFC 9110 §15', message: `${code} is registered as unused: senders should not use it` }];
    if (known === 'obsolete')
      return [
        {
          id: 'status-obsolete',
          message: `${code} ${PHRASES[code as keyof typeof PHRASES] ?? ''} comes from a specification that is now historic`.replace(
            '  ',
            ' ',
          ),
        },
      ];
    if (known === 'temporary')
      return [
        {
          id: 'status-temporary',
          level: 'info',
          message: `${code} is only temporarily registered; check the IANA registry before relying on it`,
        },
      ];
    if (known === 'unofficial') {
      return [
        {
          id: 'status-unofficial',
          level: 'info',
          rfc: 'RFC 9110 §16.2.1',
          message: `${code} is not in the IANA registry; it is used by ${(EMITTERS[code] ?? []).join(', ')}`,
        },
      ];
    }
    if (!(code in PHRASES)) {
      return [
        {
          id: 'status-unregistered',
          rfc: 'RFC 9110 §15',
          message: `${code} is not a registered status; clients treat it as ${Math.floor(code / 100)}00`,
        },
      ];
    }
    return [];
  },
};

export const reasonPhrase: Rule = {
  id: 'reason-phrase-unusual',
  level: 'info',
  rfc: 'RFC 9112 §4',
  summary: 'A reason phrase other than the registered one (clients ignore it, but people read it).',
  check({ response }) {
    const known = PHRASES[response.status as keyof typeof PHRASES];
    const reason = response.reason?.trim();
    if (!known || !reason || !response.httpVersion.startsWith('1')) return [];
    const lower = reason.toLowerCase();
    if (lower === known.toLowerCase() || FORMER_PHRASES[lower] === response.status) return [];
    return [{ message: `the reason phrase "${reason}" is not ${response.status}'s registered phrase, "${known}"` }];
  },
};

export const notModifiedMetadata: Rule = {
  id: 'not-modified-metadata',
  level: 'warning',
  rfc: 'RFC 9110 §15.4.5',
  summary: 'A 304 carrying representation metadata it should leave out (Content-Type, Content-Encoding, Content-Language).',
  check({ response, has }) {
    if (response.status !== 304) return [];
    const extra = ['Content-Type', 'Content-Encoding', 'Content-Language'].filter((name) => has(name));
    return extra.length > 0
      ? [{ message: `a 304 should not carry ${extra.join(', ')}: caches would update the stored response with them` }]
      : [];
  },
};
