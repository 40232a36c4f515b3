import type { Http2Server } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { loadProduct as loadBuiltProduct, type Product, type ProductOptions } from '../../src/server/assemble.js';
import { generateCertificate } from '../../src/server/certificate.js';
import { createH2cServer, createH2Server, type TlsListener } from '../../src/server/http2-server.js';
import type { BuiltSite } from '../../src/server/prepared-files.js';

export interface TestServer {
  url: string;
  port: number;
  site: BuiltSite;
  product: Product;
  close(): Promise<void>;
}

export interface TestHttp2Servers {
  /** `https://127.0.0.1:port`: TLS with ALPN h2 and http/1.1. */
  tlsUrl: string;
  tlsPort: number;
  /** The self-signed certificate, for clients that verify. */
  cert: string;
  /** `http://127.0.0.1:port`: cleartext HTTP/2 with prior knowledge. */
  h2cUrl: string;
  h2cPort: number;
  hosts: readonly string[];
  product: Product;
  /** The listeners themselves, for tests that watch what arrives: the TLS one hands connections to `tls`'s servers. */
  servers: { tls: TlsListener; h2c: Http2Server };
  close(): Promise<void>;
}

let assembled: Promise<Product> | undefined;

/** The product as the suite's global setup built it into dist/ (test/support/global-setup.ts), loaded once per test file. */
async function loadProduct(): Promise<Product> {
  assembled ??= loadBuiltProduct(undefined, { limits: { maxSleepMs: 2_000 } });
  return assembled;
}

/** The built site, as the server serves it. */
export async function loadTestSite(): Promise<BuiltSite> {
  return (await loadProduct()).site;
}

async function listen(server: { listen(port: number, host: string, done: () => void): unknown; address(): unknown }): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * The real server (site, API, mock) on a free loopback port, as `npm start` serves it; with `options`, a product of
 * its own (the URL checker's test exceptions, a tighter rate limit).
 */
export async function startTestServer(options?: ProductOptions): Promise<TestServer> {
  const product = options ? await loadBuiltProduct(undefined, { limits: { maxSleepMs: 2_000 }, ...options }) : await loadProduct();
  const { server } = product;
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    site: product.site,
    product,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same product on the HTTP/2 listeners `HTTP2_PORT` and `H2C_PORT` start, on free loopback ports. */
export async function startTestHttp2Servers(
  hosts: readonly string[] = ['127.0.0.1', 'localhost', 'a.localhost', 'b.localhost'],
): Promise<TestHttp2Servers> {
  const product = await loadProduct();
  const { key, cert } = await generateCertificate(hosts);
  const options = { ...product.handlers, hosts, requestTimeoutMs: product.requestTimeoutMs };
  const tlsListener = createH2Server({ ...options, key, cert });
  const tls = tlsListener.server;
  const h2c = createH2cServer(options);
  const tlsPort = await listen(tls);
  const h2cPort = await listen(h2c);
  const closeOne = (server: typeof tls | typeof h2c) => new Promise<void>((resolve) => server.close(() => resolve()));
  const sockets = new Set<Socket>();
  for (const server of [tls, h2c]) server.on('connection', (socket: Socket) => sockets.add(socket));
  return {
    tlsUrl: `https://127.0.0.1:${tlsPort}`,
    tlsPort,
    cert,
    h2cUrl: `http://127.0.0.1:${h2cPort}`,
    h2cPort,
    hosts,
    product,
    servers: { tls: tlsListener, h2c },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([closeOne(tls), closeOne(h2c)]);
    },
  };
}
