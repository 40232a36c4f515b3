import {
  constants,
  createSecureServer,
  createServer,
  type Http2SecureServer,
  type Http2Server,
  type Http2Session,
  type IncomingHttpHeaders,
  type ServerHttp2Stream,
} from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

const { HTTP2_HEADER_AUTHORITY, HTTP2_HEADER_STATUS, HTTP2_HEADER_CONTENT_TYPE } = constants;

export interface MisdirectedOptions {
  /** The host names this listener serves; every other authority is misdirected. */
  hosts: readonly string[];
}

/** A certificate for every served name, so that clients may coalesce connections across them (RFC 9113 §9.1.1). */
export async function generateCertificate(hosts: readonly string[]): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [{ name: 'subjectAltName', altNames: hosts.map((host) => ({ type: 2 as const, value: host })) }],
  });
  return { key: pems.private, cert: pems.cert };
}

/** The host of an authority, without the port, lower-cased; IPv6 literals keep their brackets. */
function hostOf(authority: string | undefined): string {
  if (!authority) return '';
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d+$/, '');
  return host.toLowerCase();
}

const boundAuthority = new WeakMap<Http2Session, string>();

/**
 * Answers 421 exactly when RFC 9110 §15.5.20 says a server may: the request's :authority is not a name this
 * listener serves, or it is served but does not match the connection it came on (the TLS SNI name, or on h2c the
 * authority of the connection's first request). A new connection for that authority then succeeds.
 */
function handleStream(hosts: ReadonlySet<string>, stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
  const session = stream.session;
  const authority = hostOf(headers[HTTP2_HEADER_AUTHORITY] as string | undefined);
  if (!session) return;
  let bound = boundAuthority.get(session);
  if (bound === undefined) {
    const sni = (session.socket as TLSSocket).servername;
    bound = typeof sni === 'string' && sni ? sni.toLowerCase() : authority;
    boundAuthority.set(session, bound);
  }
  const misdirected = !hosts.has(authority) || authority !== bound;
  const body = misdirected
    ? `421 Misdirected Request\nThis connection serves ${bound || 'no host'}; ${authority || 'a request without :authority'} needs a connection of its own.\n`
    : `200 OK\nServed ${authority} on a connection bound to ${bound}.\n`;
  stream.respond({
    [HTTP2_HEADER_STATUS]: misdirected ? 421 : 200,
    [HTTP2_HEADER_CONTENT_TYPE]: 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  stream.end(body);
}

/** Cleartext HTTP/2 with prior knowledge (h2c). */
export function createMisdirectedH2c({ hosts }: MisdirectedOptions): Http2Server {
  const served = new Set(hosts.map((host) => host.toLowerCase()));
  const server = createServer();
  server.on('stream', (stream, headers) => handleStream(served, stream, headers));
  return server;
}

/** HTTP/2 over TLS (ALPN h2) with a generated self-signed certificate covering every served name. */
export async function createMisdirectedH2({ hosts }: MisdirectedOptions): Promise<{ server: Http2SecureServer; cert: string }> {
  const served = new Set(hosts.map((host) => host.toLowerCase()));
  const { key, cert } = await generateCertificate(hosts);
  const server = createSecureServer({ key, cert, allowHTTP1: false });
  server.on('stream', (stream, headers) => handleStream(served, stream, headers));
  return { server, cert };
}
