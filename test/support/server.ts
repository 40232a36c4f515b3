import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/server/app.js';
import { type RenderedSite, renderSite } from '../../src/site/render-site.js';
import { loadContent } from './content.js';

export interface TestServer {
  url: string;
  site: RenderedSite;
  close(): Promise<void>;
}

let rendered: Promise<RenderedSite> | undefined;

/** The site rendered from the real content, once per test file. */
export function loadTestSite(): Promise<RenderedSite> {
  rendered ??= loadContent().then(({ catalog }) => renderSite(catalog.codes));
  return rendered;
}

/** The real app on a free loopback port, as `npm start` serves it. */
export async function startTestServer(): Promise<TestServer> {
  const site = await loadTestSite();
  const app = createApp({ site });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    site,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
