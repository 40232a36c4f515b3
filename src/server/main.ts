import type { AddressInfo } from 'node:net';
import { DEFAULT_LIMITS } from '../mock/parse-knobs.js';
import { assembleProduct } from './assemble.js';
import { loadFreshCatalog } from './load-site.js';
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: finishing requests in flight, refusing new connections`);
    void shutDownGracefully(server).then(() => process.exit(0));
  });
}
