/** RFC 9110 §5.6.2: token = 1*tchar. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * RFC 9110 §5.5: field-value = *field-content, built from VCHAR, SP, HTAB and obs-text; no leading or trailing
 * whitespace. CR, LF and NUL are excluded, which is what keeps a value from smuggling in another header.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: HTAB is part of the grammar being checked
const FIELD_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\x20\x09\x21-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

export function isFieldValue(text: string): boolean {
  return FIELD_VALUE.test(text);
}

/**
 * Fields a client may not set through the mock: connection management and message framing (RFC 9110 §7.6.1,
 * RFC 9112 §6) would desynchronise the connection, and Date/Server describe the server itself.
 */
export const RESERVED_FIELDS = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'content-encoding',
  'host',
  'date',
  'server',
  'set-cookie',
]);
