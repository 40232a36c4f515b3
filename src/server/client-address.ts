import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * `TRUSTED_PROXIES`: addresses and CIDR ranges, comma-separated (`10.0.0.0/8, 127.0.0.1, ::1`), of the proxies
 * whose `X-Forwarded-For` is believed. Anything unparsable is refused with the entry named.
 */
export function parseTrustedProxies(text: string): { ok: true; list: BlockList } | { ok: false; message: string } {
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      return { ok: false, message: `"${entry}" is not an IP address or CIDR range (10.0.0.0/8, 127.0.0.1, fd00::/8)` };
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { ok: true, list };
}

/** `::ffff:192.0.2.1` is the IPv4 client 192.0.2.1 on a dual-stack socket; a zone (`%eth0`) names no one else. */
function normalize(address: string): string {
  const bare = address.trim().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped?.[1] ?? bare;
}

const isTrusted = (address: string, trusted: BlockList) => trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * The address a request comes from: the socket's peer, unless that peer is a trusted proxy, in which case
 * `X-Forwarded-For` is read from the right (the entry the nearest proxy added) past every trusted hop. Entries left of
 * the first untrusted one were written by the client and prove nothing; an entry that is not an address ends the walk
 * at the hop that passed it on.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trusted?: BlockList): string {
  let client = normalize(remote ?? '');
  if (!trusted || !forwardedFor || client === '' || !isTrusted(client, trusted)) return client || 'unknown';
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalize(hops[i] ?? '');
    if (isIP(hop) === 0) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client;
}

/** The first four groups of an IPv6 address, written out in full. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::1.2.3.4) takes two groups; only the first four groups matter here.
  const width = right.some((group) => group.includes('.')) ? right.length + 1 : right.length;
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - width)).fill('0'), ...right];
  return groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().padStart(4, '0'))
    .join(':');
}

/**
 * What a client's requests count against: its IPv4 address, or the /64 its IPv6 address is in, since one host is
 * commonly given a whole /64 and could otherwise take a fresh allowance with every address in it.
 */
export function clientBucket(address: string): string {
  return isIP(address) === 6 ? `${ipv6Prefix64(address)}::/64` : address;
}

/** The bucket a Node request counts against, X-Forwarded-For read only when there are trusted proxies. */
export function requestBucket(
  req: { socket?: { remoteAddress?: string | undefined } | null; headers: IncomingHttpHeaders },
  trusted?: BlockList,
): string {
  const forwarded = trusted ? req.headers['x-forwarded-for'] : undefined;
  return clientBucket(clientAddress(req.socket?.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted));
}
