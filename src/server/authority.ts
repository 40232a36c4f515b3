/** The host of an authority (`a.example:8443`, `[::1]:80`), without the port, lower-cased; IPv6 literals keep their brackets. */
export function hostOf(authority: string | undefined): string {
  if (!authority) return '';
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  return host.toLowerCase();
}

/**
 * Why a request is misdirected (RFC 9110 §15.5.20), or undefined when this connection may answer it: the host must
 * be one this listener serves, and the one the connection is bound to (its TLS server name, or on a connection
 * without one, the host of its first request).
 */
export function misdirection(served: ReadonlySet<string>, host: string, bound: string): string | undefined {
  if (!host) return 'A request without :authority or Host names no host; this listener answers only for named hosts.';
  if (!served.has(host)) return `This server does not serve ${host}; it serves ${[...served].join(', ')}.`;
  if (host !== bound) return `This connection serves ${bound}; ${host} needs a connection of its own.`;
  return undefined;
}
