/**
 * httpstatus/lint: checks one HTTP response against the RFCs, with the rules of each status read from the catalog.
 * Pure logic, no network, no `node:` import. Every finding names its rule, level, section and page.
 */
import { PAGES } from '../generated/lint.js';
import { type CachingSummary, summarizeCaching } from './caching.js';
import { parseResponseText } from './parse-response.js';
import { contentForbidden, contentLength, framingForbidden, headContent } from './rules/content.js';
import {
  allow,
  authenticate,
  cacheControl,
  contentRange,
  dates,
  duplicates,
  location,
  retryAfter,
  setCookie,
  strictTransportSecurity,
  vary,
} from './rules/fields.js';
import {
  informationalToHttp10,
  notModifiedMetadata,
  reasonPhrase,
  refusedMethodAllowed,
  requiredFields,
  standing,
} from './rules/status.js';
import type { Finding, LintContext, LintRequest, LintResponse, Report, Rule } from './types.js';

export { type CachingSummary, describeCaching } from './caching.js';
export { parseResponseText } from './parse-response.js';
export type { Finding, Level, LintRequest, LintResponse, Rule } from './types.js';

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  requiredFields,
  refusedMethodAllowed,
  informationalToHttp10,
  standing,
  reasonPhrase,
  notModifiedMetadata,
  contentForbidden,
  headContent,
  framingForbidden,
  contentLength,
  location,
  retryAfter,
  dates,
  contentRange,
  allow,
  authenticate,
  cacheControl,
  vary,
  strictTransportSecurity,
  setCookie,
  duplicates,
];

export interface LintResult {
  findings: Finding[];
  caching: CachingSummary;
}

function contextFor(response: LintResponse, request: LintRequest | undefined): LintContext {
  const values = (name: string) => {
    const lower = name.toLowerCase();
    return response.headers.filter(([field]) => field.toLowerCase() === lower).map(([, value]) => value);
  };
  return {
    response,
    request,
    values,
    has: (name) => values(name).length > 0,
    value: (name) => {
      const all = values(name);
      return all.length > 0 ? all.join(', ') : undefined;
    },
    requestHas: (name) => (request?.headers ?? []).some(([field]) => field.toLowerCase() === name.toLowerCase()),
  };
}

const pageOf = (status: number) => ((PAGES as readonly number[]).includes(status) ? `/codes/${status}` : '/');

function toFinding(rule: Rule, report: Report, status: number): Finding {
  return {
    id: report.id ?? rule.id,
    level: report.level ?? rule.level,
    message: report.message,
    rfc: report.rfc ?? rule.rfc,
    page: pageOf(status),
  };
}

/**
 * Lints one response (and the request it answered, when known): `lintResponse({ httpVersion: '1.1', status: 405,
 * headers: [['Allow', 'GET']] }, { method: 'GET' })` finds `allow-lists-refused-method`.
 */
export function lintResponse(response: LintResponse, request?: LintRequest): LintResult {
  const context = contextFor(response, request);
  const findings = RULES.flatMap((rule) => rule.check(context).map((report) => toFinding(rule, report, response.status)));
  return { findings, caching: summarizeCaching(context) };
}

export interface TextLintResult extends LintResult {
  /** Each response head in the text (1xx, redirects printed by curl -L, the final one), with its own findings. */
  messages: Array<{ status: number; findings: Finding[] }>;
}

/**
 * Lints what `curl -si` prints (or a response typed by hand): every head in it, the last with its content.
 * `{ error }` when the text is not an HTTP response at all.
 */
export function lintText(text: string | Uint8Array, request?: LintRequest): TextLintResult | { error: string } {
  const parsed = parseResponseText(text);
  if (!parsed.ok) return { error: parsed.error };
  const messages = parsed.messages.map((message) => {
    const { findings } = lintResponse(message, request);
    const own = message.problems.map((report) => ({
      id: report.id ?? 'message-invalid',
      level: report.level ?? 'error',
      message: report.message,
      rfc: report.rfc ?? 'RFC 9112 §5',
      page: pageOf(message.status),
    }));
    return { status: message.status, findings: [...own, ...findings] };
  });
  const last = parsed.messages.at(-1) as LintResponse;
  return { messages, findings: messages.flatMap((message) => message.findings), caching: lintResponse(last, request).caching };
}
