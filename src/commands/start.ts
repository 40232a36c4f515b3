import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS } from '../mock/parse-knobs.js';
import { loadProduct, type ProductOptions } from '../server/assemble.js';
import { generateCertificate } from '../server/certificate.js';
import { parseTrustedProxies } from '../server/client-address.js';
import { createH2cServer, createH2Server } from '../server/http2-server.js';
import { shutDownGracefully } from '../server/node-server.js';
import { parseRateLimit } from '../server/rate-limit-gate.js';
import { createMemoryStore } from '../state/memory-store.js';
import { createRedisStore } from '../state/redis-store.js';
import { readInteger } from './read-env.js';

/**
 * `npm start` (after `npm run build`, which it runs first): the site, the API and the mock from dist/, on one port
 * (8421 unless PORT says otherwise).
 */
const port = readInteger('PORT', 8421, 65535);
const maxSleepMs = readInteger('MOCK_MAX_SLEEP_MS', DEFAULT_LIMITS.maxSleepMs, 600_000);

/** Exits with a message naming the variable, as readInteger does, for settings that are not numbers. */
function invalid(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

// Shared state for replicas: REDIS_URL (with REDIS_TIMEOUT_MS per call); this process's memory without it.
const redisUrl = process.env.REDIS_URL;
if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
  invalid(`REDIS_URL must be redis://host:port or rediss://host:port, received ${JSON.stringify(redisUrl)}`);
const store = redisUrl
  ? createRedisStore({
      url: redisUrl,
      timeoutMs: readInteger('REDIS_TIMEOUT_MS', 500, 60_000) || 500,
      log: (message) => console.log(message),
    })
  : createMemoryStore();

// Public hosting: RATE_LIMIT=600/min per client address, X-Forwarded-For believed only from TRUSTED_PROXIES.
let rateLimit: ProductOptions['rateLimit'];
if (process.env.RATE_LIMIT) {
  const parsed = parseRateLimit(process.env.RATE_LIMIT);
  if (!parsed.ok) invalid(parsed.message);
  const trusted = process.env.TRUSTED_PROXIES ? parseTrustedProxies(process.env.TRUSTED_PROXIES) : undefined;
  if (trusted && !trusted.ok) invalid(`TRUSTED_PROXIES: ${trusted.message}`);
  rateLimit = { policy: parsed.policy, ...(trusted?.ok ? { trusted: trusted.list } : {}) };
} else if (process.env.TRUSTED_PROXIES) {
  invalid('TRUSTED_PROXIES only matters with RATE_LIMIT (for example RATE_LIMIT=600/min)');
}

const product = await loadProduct(undefined, { limits: { maxSleepMs }, store, ...(rateLimit ? { rateLimit } : {}) }).catch(
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  },
);
const { server } = product;
server.listen(port, () => {
  console.log(`httpstatus listening on http://localhost:${(server.address() as AddressInfo).port}`);
  if (redisUrl) console.log(`sequences and rate limits in Redis at ${redisUrl.replace(/\/\/[^@/]*@/, '//')}`);
  if (rateLimit) console.log(`rate limit: ${rateLimit.policy.limit} requests per ${rateLimit.policy.windowMs / 1000} s per client address`);
});

// Opt-in HTTP/2 listeners serving the same product: HTTP2_PORT (TLS with a self-signed certificate, ALPN h2 and
// http/1.1) and H2C_PORT (cleartext, prior knowledge). Both answer 421 for a host they do not serve, or for a
// served host on a connection bound to another (RFC 9110 §15.5.20).
const hosts = (process.env.HTTP2_HOSTS ?? 'localhost,127.0.0.1,[::1],a.localhost,b.localhost')
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);
const extraServers: Array<{ close(callback?: () => void): unknown }> = [];
const http2Options = { ...product.handlers, hosts, requestTimeoutMs: product.requestTimeoutMs };
if (process.env.HTTP2_PORT) {
  const tlsPort = readInteger('HTTP2_PORT', 0, 65535);
  const { server: h2 } = createH2Server({ ...http2Options, ...(await generateCertificate(hosts)) });
  h2.listen(tlsPort, () =>
    console.log(`HTTP/2 over TLS (self-signed) for ${hosts.join(', ')} on https://localhost:${(h2.address() as AddressInfo).port}`),
  );
  extraServers.push(h2);
}
if (process.env.H2C_PORT) {
  const h2cPort = readInteger('H2C_PORT', 0, 65535);
  const h2c = createH2cServer(http2Options);
  h2c.listen(h2cPort, () =>
    console.log(`HTTP/2 cleartext (h2c) for ${hosts.join(', ')} on http://localhost:${(h2c.address() as AddressInfo).port}`),
  );
  extraServers.push(h2c);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: finishing requests in flight, refusing new connections`);
    for (const extra of extraServers) extra.close();
    void shutDownGracefully(server)
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
