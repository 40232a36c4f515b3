import type { IncomingMessage, Server } from 'node:http';
import type { BlockList } from 'node:net';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { loadCatalog } from '../catalog/load-catalog.js';
import { DIST_DIR } from '../catalog/paths.js';
import { type CheckOptions, checkUrl } from '../check/check-url.js';
import { buildMockCodes } from '../mock/mock-codes.js';
import { createMockService, type MockService } from '../mock/mock-service.js';
import { DEFAULT_LIMITS, type MockLimits } from '../mock/parse-knobs.js';
import type { CatalogEntry } from '../model/catalog.js';
import { createMemoryStore } from '../state/memory-store.js';
import type { StateStore } from '../state/state-store.js';
import { createApp } from './app.js';
import { requestBucket } from './client-address.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createMockNodeAdapter } from './mock-node-adapter.js';
import { createNodeServer, type ProductHandlers, type RequestListener } from './node-server.js';
import { type BuiltSite, loadBuiltSite } from './prepared-files.js';
import { createRateLimitGate, type RateLimitPolicy } from './rate-limit-gate.js';
import { createStaticNodeAdapter } from './static-node-adapter.js';

export interface Product {
  site: BuiltSite;
  mock: MockService;
  app: Hono;
  /** What every listener serves: the app and the mock's adapters for HTTP/1.1 and HTTP/2. */
  handlers: ProductHandlers;
  /** How long a request may take to arrive; longer than the mock's longest sleep. */
  requestTimeoutMs: number;
  /** The HTTP/1.1 listener, not yet listening. */
  server: Server;
  /** Where sequences and rate limits live; closed by whoever opened it. */
  store: StateStore;
  metrics: Metrics;
}

export interface ProductOptions {
  limits?: MockLimits;
  /** The URL checker's limits; tests also let their loopback origins through (`exceptions`) and trust their CA. */
  checker?: Partial<Pick<CheckOptions, 'timeoutMs' | 'maxBodyBytes' | 'maxRedirects' | 'exceptions' | 'ca'>> & { perMinute?: number };
  /** Sequences and rate limits: this process's memory unless given (Redis, shared by replicas). */
  store?: StateStore;
  /** Per-address limit on every request but probes and scrapes, for public hosting; off unless given. */
  rateLimit?: { policy: RateLimitPolicy; trusted?: BlockList };
}

/** Wires every face of the HTTP product from the catalog's entries and the built site. */
export function assembleProduct(
  entries: readonly CatalogEntry[],
  site: BuiltSite,
  { limits = DEFAULT_LIMITS, checker: checking = {}, store = createMemoryStore(), rateLimit }: ProductOptions = {},
): Product {
  const metrics = createMetrics(store);
  const sequences = {
    advanceSequence: (key: string, spec: string, length: number) => metrics.trackSequence(store.advanceSequence(key, spec, length)),
  };
  const mock = createMockService({ codes: buildMockCodes(entries), limits, sequences });
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  const { perMinute = 10, ...hop } = checking;
  // The web face of the checker: no internal address ever (SSRF), a few checks a minute per client, small caps.
  const checker = {
    check: (url: string, method: string) =>
      checkUrl(url, {
        method,
        headers: [],
        timeoutMs: 8_000,
        maxBodyBytes: 256 * 1024,
        maxRedirects: 10,
        allowPrivate: false,
        describe: (status: number) => {
          const entry = byCode.get(status);
          return entry ? { phrase: entry.phrase, summary: entry.summary } : undefined;
        },
        ...hop,
      }),
    allow: (context: Context) => {
      const incoming = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming;
      const bucket = incoming ? requestBucket(incoming, rateLimit?.trusted) : 'unknown';
      return store.consume(`check:${bucket}`, perMinute, 60_000);
    },
  };
  const readiness = () =>
    store.check().then(
      () => ({ ready: true, store: store.kind }),
      (error: unknown) => ({ ready: false, store: store.kind, reason: error instanceof Error ? error.message : String(error) }),
    );
  const app = createApp({ site, mock, checker, readiness });
  const gate = rateLimit
    ? createRateLimitGate({
        store,
        ...rateLimit,
        // Counted, not logged per request: the store reports its own connection changes once each.
        onStoreError: () => metrics.storeErrors.inc({ operation: 'rate-limit' }),
        onRefused: () => metrics.rateLimited.inc(),
      })
    : undefined;
  const admit = gate ? (listener: RequestListener) => metrics.wrap(gate(listener)) : metrics.wrap;
  // 103 Early Hints preload the script every page loads, under its content-hashed name.
  const earlyHints = `<${site.assets['page.js'] ?? '/'}>; rel=preload; as=script`;
  const handlers = {
    app,
    mock: createMockNodeAdapter(mock, { earlyHints }),
    mockHttp2: createMockNodeAdapter(mock, { http2: true, earlyHints }),
    files: createStaticNodeAdapter(site),
    admit,
  };
  const requestTimeoutMs = Math.max(30_000, limits.maxSleepMs + 20_000);
  const server = createNodeServer({ ...handlers, requestTimeoutMs });
  return { site, mock, app, handlers, requestTimeoutMs, server, store, metrics };
}

/** The product as `npm run build` left it in `distDir`: catalog, pages, assets and API documents, loaded into memory. */
export async function loadProduct(distDir: string = DIST_DIR, options: ProductOptions = {}): Promise<Product> {
  const [catalog, site] = await Promise.all([loadCatalog(path.join(distDir, 'catalog.json')), loadBuiltSite(distDir)]);
  return assembleProduct(catalog.codes, site, options);
}
