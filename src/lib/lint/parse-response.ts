import { TOKEN } from './fields.js';
import type { LintResponse, Report } from './types.js';

/** One response head read from raw text, with what was wrong in the text itself. */
export interface RawMessage extends LintResponse {
  problems: Report[];
}

export type ParsedText = { ok: true; messages: RawMessage[] } | { ok: false; error: string };

const STATUS_LINE = /^HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*))?$/;
const latin1 = (bytes: Uint8Array) => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
};

/**
 * Reads what `curl -si` prints, or a response typed by hand: one or more response heads (interim 1xx, then the
 * final response; curl -L prints one head per hop, and a proxy's CONNECT answer comes first), then the content.
 * Lenient where RFC 9112 lets a recipient be (bare LF line ends), and it reports what a sender must not do
 * (obsolete line folding, malformed field lines) instead of refusing the message. Only the last message keeps a
 * body: curl prints the content of the final response only.
 */
export function parseResponseText(input: string | Uint8Array): ParsedText {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const text = latin1(bytes);
  const messages: RawMessage[] = [];
  let offset = 0;
  for (;;) {
    const message = readHead(text, offset);
    if ('error' in message) {
      if (messages.length > 0) break; // what follows a complete head that is not a head is its content
      return { ok: false, error: message.error };
    }
    messages.push(message.message);
    offset = message.next;
    if (!text.startsWith('HTTP/', offset)) break;
  }
  const last = messages.at(-1);
  if (last) last.body = bytes.subarray(offset);
  return { ok: true, messages };
}

function readHead(text: string, start: number): { error: string } | { message: RawMessage; next: number } {
  const lineAt = (from: number): { line: string; next: number } | undefined => {
    if (from >= text.length) return undefined;
    const end = text.indexOf('\n', from);
    const stop = end < 0 ? text.length : end;
    const line = text.slice(from, stop).replace(/\r$/, '');
    return { line, next: end < 0 ? text.length : end + 1 };
  };
  const first = lineAt(start);
  const status = first ? STATUS_LINE.exec(first.line) : null;
  if (!first || !status) {
    return {
      error: `not an HTTP response: the first line should look like "HTTP/1.1 200 OK", received "${(first?.line ?? '').slice(0, 60)}"`,
    };
  }
  const message: RawMessage = {
    httpVersion: status[1] ?? '1.1',
    status: Number(status[2]),
    reason: status[3],
    headers: [],
    problems: [],
  };
  const headers: Array<[string, string]> = [];
  let cursor = first.next;
  for (;;) {
    const next = lineAt(cursor);
    if (!next) break; // a head cut short: take what there is
    cursor = next.next;
    const { line } = next;
    if (line === '') break;
    const previous = headers.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && previous) {
      previous[1] = `${previous[1]} ${line.trim()}`;
      message.problems.push({
        id: 'obsolete-line-folding',
        level: 'error',
        rfc: 'RFC 9112 §5.2',
        message: `the ${previous[0]} field is folded onto a continuation line; a sender must not generate line folding`,
      });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      message.problems.push({
        id: 'field-line-invalid',
        level: 'error',
        rfc: 'RFC 9112 §5',
        message: `"${line.slice(0, 60)}" is not a field line (name: value)`,
      });
      continue;
    }
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (name !== name.trimEnd()) {
      message.problems.push({
        id: 'field-name-whitespace',
        level: 'error',
        rfc: 'RFC 9112 §5.1',
        message: `whitespace between the field name "${name.trim()}" and its colon, which recipients must reject`,
      });
    } else if (!TOKEN.test(name)) {
      message.problems.push({
        id: 'field-name-invalid',
        level: 'error',
        rfc: 'RFC 9110 §5.1',
        message: `"${name.slice(0, 60)}" is not a valid field name`,
      });
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being looked for
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
      message.problems.push({
        id: 'field-value-invalid',
        level: 'error',
        rfc: 'RFC 9110 §5.5',
        message: `the value of ${name.trim()} contains a control character`,
      });
    }
    headers.push([name.trim(), value]);
  }
  message.headers = headers;
  return { message, next: cursor };
}
