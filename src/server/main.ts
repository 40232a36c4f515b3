import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS } from '../mock/parse-knobs.js';
import { assembleProduct } from './assemble.js';
import { loadFreshCatalog } from './load-site.js';
import { createMisdirectedH2, createMisdirectedH2c } from './misdirected-h2.js';
import { shutDownGracefully } from './node-server.js';

function readInteger(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`error: ${name} must be a whole number from 0 to ${max}, received ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

/** `npm start`: the site, the API and the mock on one port (8421 unless PORT says otherwise). */
const port = readInteger('PORT', 8421, 65535);
const maxSleepMs = readInteger('MOCK_MAX_SLEEP_MS', DEFAULT_LIMITS.maxSleepMs, 600_000);

const catalog = await loadFreshCatalog();
const { server } = await assembleProduct(catalog.codes, { limits: { maxSleepMs } });
server.listen(port, () => {
  console.log(`httpstatus listening on http://localhost:${(server.address() as AddressInfo).port}`);
});

// Opt-in HTTP/2 listeners that answer 421 for real (RFC 9110 §15.5.20): HTTP2_PORT (TLS, self-signed certificate)
// and H2C_PORT (cleartext), serving the names in HTTP2_HOSTS.
const hosts = (process.env.HTTP2_HOSTS ?? 'a.localhost,b.localhost')
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);
const extraServers: Array<{ close(callback?: () => void): unknown }> = [];
if (process.env.HTTP2_PORT) {
  const tlsPort = readInteger('HTTP2_PORT', 0, 65535);
  const { server: h2 } = await createMisdirectedH2({ hosts });
  h2.listen(tlsPort, () => console.log(`HTTP/2 (TLS, self-signed) for ${hosts.join(', ')} on port ${(h2.address() as AddressInfo).port}`));
  extraServers.push(h2);
}
if (process.env.H2C_PORT) {
  const h2cPort = readInteger('H2C_PORT', 0, 65535);
  const h2c = createMisdirectedH2c({ hosts });
  h2c.listen(h2cPort, () => console.log(`HTTP/2 cleartext (h2c) for ${hosts.join(', ')} on port ${(h2c.address() as AddressInfo).port}`));
  extraServers.push(h2c);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: finishing requests in flight, refusing new connections`);
    for (const extra of extraServers) extra.close();
    void shutDownGracefully(server).then(() => process.exit(0));
  });
}
