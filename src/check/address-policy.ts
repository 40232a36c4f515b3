import { BlockList, isIP } from 'node:net';

/** Ranges the checker never connects to for someone else, each with the words its refusal uses. */
const RANGES: Array<[address: string, prefix: number, family: 'ipv4' | 'ipv6', what: string]> = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified ("this network") address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (where cloud metadata services live)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.0.0.0', 24, 'ipv4', 'an IETF protocol assignment'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  // The rest of ::/96: the deprecated IPv4-compatible addresses (::a.b.c.d).
  ['::', 96, 'ipv6', 'an IPv4-compatible IPv6 address'],
  ['64:ff9b::', 96, 'ipv6', 'a NAT64 address, which reaches IPv4 addresses behind it'],
  ['100::', 64, 'ipv6', 'a discard-only address'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address'],
  ['fc00::', 7, 'ipv6', 'a unique-local address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

const lists = RANGES.map(([address, prefix, family, what]) => {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return { list, family, what };
});

/**
 * Why the checker must not connect to `address` on someone else's behalf (SSRF), or undefined when it may.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are refused as such: whatever IPv4 address they carry, they are a way
 * around a check that looks only at IPv4 ranges.
 */
export function forbiddenAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const normalized = new URL(`http://[${address}]/`).hostname.slice(1, -1).toLowerCase();
    if (normalized.startsWith('::ffff:')) return 'an IPv4-mapped IPv6 address';
    for (const { list, family: kind, what } of lists) if (kind === 'ipv6' && list.check(normalized, 'ipv6')) return what;
    return undefined;
  }
  for (const { list, family: kind, what } of lists) if (kind === 'ipv4' && list.check(address, 'ipv4')) return what;
  return undefined;
}
