import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** A host name or an IP literal (IPv6 in brackets, as in an authority). */
const bare = (host: string) => host.replace(/^\[(.*)\]$/, '$1');

/**
 * A self-signed certificate for every served name, so that clients may coalesce connections across them
 * (RFC 9113 §9.1.1). IP literals go in as IP addresses, names as DNS names.
 */
export async function generateCertificate(hosts: readonly string[]): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: bare(hosts[0] ?? 'localhost') }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: hosts.map((host) => (isIP(bare(host)) ? { type: 7 as const, ip: bare(host) } : { type: 2 as const, value: host })),
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
