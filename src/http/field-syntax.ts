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
