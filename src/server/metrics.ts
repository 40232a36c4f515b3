import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { StateStore } from '../state/state-store.js';
import type { NodeRequest, NodeResponse } from './mock-node-adapter.js';

type Listener = (req: NodeRequest, res: NodeResponse) => void;

/** Which part of the product a request went to: few values, so every label combination stays a small series. */
export function routeClass(target: string): string {
  if (target.startsWith('/status/')) return 'mock';
  if (target.startsWith('/api/')) return 'api';
  if (target.startsWith('/assets/')) return 'asset';
  if (target.startsWith('/codes/') || target === '/' || target.startsWith('/?')) return 'page';
  const path = target.split('?')[0] ?? '';
  if (path === '/check' || path === '/lint' || path === '/search') return 'tool';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return 'ops';
  return 'other';
}

/**
 * Prometheus metrics for one Node process (prom-client): requests by route class and status, their latency, the
 * `?seq=` requests waiting for the state store, the store's reachability and failures, rate-limit refusals, and
 * Node's own process metrics. Scraped at GET /metrics in the text exposition format.
 */
export function createMetrics(store: Pick<StateStore, 'kind' | 'check'>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'httpstatus_' });
  const registers = [registry];
  const requests = new Counter({
    name: 'httpstatus_http_requests_total',
    help: 'Requests answered, by route class and status code ("aborted": the connection closed first).',
    labelNames: ['route', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: 'httpstatus_http_request_duration_seconds',
    help: 'Time from the request reaching the handler to the response being handed to the socket (or the connection closing).',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const sequencesInFlight = new Gauge({
    name: 'httpstatus_sequences_in_flight',
    help: '?seq= requests waiting for the state store to advance their sequence.',
    registers,
  });
  const storeErrors = new Counter({
    name: 'httpstatus_state_store_errors_total',
    help: 'State store calls that failed or missed their deadline, by operation.',
    labelNames: ['operation'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'httpstatus_rate_limited_total',
    help: 'Requests refused with 429 by the per-address limit.',
    registers,
  });
  new Gauge({
    name: 'httpstatus_state_store_up',
    help: 'Whether the state store answered a ping at scrape time (1) or not (0).',
    labelNames: ['store'],
    registers,
    async collect() {
      const up = await store.check().then(
        () => 1,
        () => 0,
      );
      this.reset();
      this.set({ store: store.kind }, up);
    },
  });

  // Children are looked up once per label set: prom-client hashes labels on every call otherwise.
  const counters = new Map<string, Counter.Internal>();
  const timers = new Map<string, Histogram.Internal<'route'>>();
  const count = (route: string, status: string) => {
    const key = `${route} ${status}`;
    let child = counters.get(key);
    if (!child) {
      child = requests.labels(route, status);
      counters.set(key, child);
    }
    child.inc();
  };
  const time = (route: string, seconds: number) => {
    let child = timers.get(route);
    if (!child) {
      child = duration.labels(route);
      timers.set(route, child);
    }
    child.observe(seconds);
  };

  return {
    registry,
    storeErrors,
    rateLimited,

    /** Counts a sequence step waiting for the store, and its failure. */
    trackSequence<T>(step: T | Promise<T>): T | Promise<T> {
      if (!(step instanceof Promise)) return step;
      sequencesInFlight.inc();
      return step.then(
        (value) => {
          sequencesInFlight.dec();
          return value;
        },
        (error: unknown) => {
          sequencesInFlight.dec();
          storeErrors.inc({ operation: 'sequence' });
          throw error;
        },
      );
    },

    /** Serves GET /metrics and measures every other request `listener` answers. */
    wrap(listener: Listener): Listener {
      return (req, res) => {
        const target = req.url ?? '/';
        if (target === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
          registry.metrics().then(
            (text) => {
              res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
              (res as { end(body?: string): unknown }).end(req.method === 'HEAD' ? undefined : text);
            },
            () => res.destroy(),
          );
          return;
        }
        const route = routeClass(target);
        const start = performance.now();
        res.once('close', () => {
          time(route, (performance.now() - start) / 1000);
          count(route, res.writableFinished ? String(res.statusCode) : 'aborted');
        });
        listener(req, res);
      };
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
