import type { AddressInfo } from 'node:net';
import { assembleProduct, type Product } from '../../src/server/assemble.js';
import type { RenderedSite } from '../../src/site/render-site.js';
import { loadContent } from './content.js';

export interface TestServer {
  url: string;
  port: number;
  site: RenderedSite;
  product: Product;
  close(): Promise<void>;
}

let assembled: Promise<Product> | undefined;

async function loadProduct(): Promise<Product> {
  assembled ??= loadContent().then(({ catalog }) => assembleProduct(catalog.codes, { limits: { maxSleepMs: 2_000 } }));
  return assembled;
}

/** The site rendered from the real content, once per test file. */
export async function loadTestSite(): Promise<RenderedSite> {
  return (await loadProduct()).site;
}

/** The real server (site, API, mock) on a free loopback port, as `npm start` serves it. */
export async function startTestServer(): Promise<TestServer> {
  const product = await loadProduct();
  const { server } = product;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
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
