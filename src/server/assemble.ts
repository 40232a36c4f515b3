import type { Server } from 'node:http';
import type { Hono } from 'hono';
import { buildMockCodes } from '../mock/mock-codes.js';
import { createMockService, type MockService } from '../mock/mock-service.js';
import { DEFAULT_LIMITS, type MockLimits } from '../mock/parse-knobs.js';
import type { CatalogEntry } from '../model/catalog.js';
import { renderSiteInWorker } from '../site/render-in-worker.js';
import type { RenderedSite } from '../site/render-site.js';
import { buildApiDocuments } from './api-documents.js';
import { createApp } from './app.js';
import { createMockNodeAdapter } from './mock-node-adapter.js';
import { createNodeServer, type ProductHandlers } from './node-server.js';

export interface Product {
  site: RenderedSite;
  mock: MockService;
  app: Hono;
  /** What every listener serves: the app and the mock's adapters for HTTP/1.1 and HTTP/2. */
  handlers: ProductHandlers;
  /** How long a request may take to arrive; longer than the mock's longest sleep. */
  requestTimeoutMs: number;
  /** The HTTP/1.1 listener, not yet listening. */
  server: Server;
}

export interface ProductOptions {
  limits?: MockLimits;
}

/** Wires every face of the HTTP product from the catalog's entries: rendered once, then served. */
export async function assembleProduct(
  entries: readonly CatalogEntry[],
  { limits = DEFAULT_LIMITS }: ProductOptions = {},
): Promise<Product> {
  const site = await renderSiteInWorker(entries);
  const mock = createMockService({ codes: buildMockCodes(entries), limits });
  const app = createApp({ site, api: buildApiDocuments(entries), mock });
  const handlers = { app, mock: createMockNodeAdapter(mock), mockHttp2: createMockNodeAdapter(mock, { http2: true }) };
  const requestTimeoutMs = Math.max(30_000, limits.maxSleepMs + 20_000);
  const server = createNodeServer({ ...handlers, requestTimeoutMs });
  return { site, mock, app, handlers, requestTimeoutMs, server };
}
