import { type ClientHttp2Session, connect } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { generateCertificate } from './certificate.js';
import { createH2Server } from './http2-server.js';
import type { ProductHandlers } from './node-server.js';

/** One request on an existing HTTP/2 session, for an explicit :authority. */
export function requestOn(
  session: ClientHttp2Session,
  authority: string,
  path = '/status/200',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':authority': authority, ':path': path, accept: 'text/plain' });
    let status = 0;
    let headers: Record<string, unknown> = {};
    let body = '';
    stream.on('response', (fields) => {
      status = Number(fields[':status']);
      headers = fields;
    });
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('end', () => resolve({ status, headers, body }));
    stream.on('error', reject);
    stream.end();
  });
}

/**
 * `npm run demo:421`: two names on one certificate, one TLS connection. The second request reuses the connection,
 * as browsers coalesce, gets 421, and succeeds when retried on a connection of its own (RFC 9110 §15.5.20).
 */
export async function runMisdirectedDemo(handlers: ProductHandlers, log: (line: string) => void = console.log): Promise<number[]> {
  const hosts = ['a.localhost', 'b.localhost'];
  const { key, cert } = await generateCertificate(hosts);
  const { server } = createH2Server({ ...handlers, hosts, key, cert });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const open = (servername: string) => connect(`https://127.0.0.1:${port}`, { ca: cert, servername });
  const statuses: number[] = [];
  const show = (label: string, result: { status: number; body: string }) => {
    statuses.push(result.status);
    log(`${label}: ${result.status} ${result.status === 421 ? (result.body.split('\n')[1] ?? '') : 'served'}`);
  };
  try {
    log(`HTTP/2 over TLS on 127.0.0.1:${port}, certificate for ${hosts.join(' and ')}`);
    const first = open('a.localhost');
    show('connection 1 (SNI a.localhost), :authority a.localhost', await requestOn(first, `a.localhost:${port}`));
    show('connection 1 (SNI a.localhost), :authority b.localhost', await requestOn(first, `b.localhost:${port}`));
    first.close();
    const second = open('b.localhost');
    show('connection 2 (SNI b.localhost), :authority b.localhost', await requestOn(second, `b.localhost:${port}`));
    second.close();
  } finally {
    server.close();
  }
  return statuses;
}
