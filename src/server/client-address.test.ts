import { describe, expect, it } from 'vitest';
import { clientAddress, clientBucket, parseTrustedProxies } from './client-address.js';

const trusted = (text: string) => {
  const parsed = parseTrustedProxies(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.list;
};

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', trusted('10.0.0.0/8'))).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right past trusted hops only', () => {
    const proxies = trusted('10.0.0.0/8, 127.0.0.1');
    // The client claims 1.1.1.1; the edge proxy (10.0.0.2) saw 198.51.100.7 and the inner one (127.0.0.1) saw 10.0.0.2.
    expect(clientAddress('127.0.0.1', '1.1.1.1, 198.51.100.7, 10.0.0.2', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.1.2.3', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // Every hop trusted: the leftmost is as far as the chain goes.
    expect(clientAddress('127.0.0.1', '10.0.0.5, 10.0.0.2', proxies)).toBe('10.0.0.5');
  });

  it('stops at an entry that is not an address, at the hop that passed it on', () => {
    const proxies = trusted('10.0.0.0/8');
    expect(clientAddress('10.0.0.1', 'evil, 10.0.0.9', proxies)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.1', 'not-an-ip', proxies)).toBe('10.0.0.1');
  });
});

describe('parseTrustedProxies', () => {
  it('takes addresses and ranges of both families, and names what it cannot read', () => {
    expect(parseTrustedProxies('10.0.0.0/8, ::1, fd00::/8, 192.0.2.1').ok).toBe(true);
    expect(parseTrustedProxies('10.0.0.0/33')).toEqual({ ok: false, message: expect.stringContaining('"10.0.0.0/33"') });
    expect(parseTrustedProxies('proxy.internal')).toEqual({ ok: false, message: expect.stringContaining('"proxy.internal"') });
  });
});

describe('clientBucket', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(clientBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(clientBucket('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(clientBucket('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe(clientBucket('2001:db8:1:2::9'));
    expect(clientBucket('2001:db8:1:3::1')).not.toBe(clientBucket('2001:db8:1:2::1'));
    expect(clientBucket('::1')).toBe('0000:0000:0000:0000::/64');
  });
});
