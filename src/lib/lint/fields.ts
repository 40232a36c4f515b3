/** RFC 9110 §5.6.2: token = 1*tchar. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Splits a list-based field value on commas outside quoted strings (RFC 9110 §5.6.1), trimming each element and
 * dropping empty ones, as recipients must accept them.
 */
export function splitList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (quoted && char === '\\') {
      current += char + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  items.push(current.trim());
  return items.filter(Boolean);
}

/** `name=value` parameters separated by `separator`, values unquoted; `undefined` for a directive without a value. */
export function parseParameters(text: string, separator: ';' | ','): Array<[string, string | undefined]> {
  const parts =
    separator === ','
      ? splitList(text)
      : text
          .split(';')
          .map((part) => part.trim())
          .filter(Boolean);
  return parts.map((part) => {
    const equals = part.indexOf('=');
    if (equals < 0) return [part.trim(), undefined];
    const value = part.slice(equals + 1).trim();
    return [part.slice(0, equals).trim(), value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value];
  });
}
