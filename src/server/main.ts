import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadSite } from './load-site.js';

/** `npm start`: the whole product on one port (8421 unless PORT says otherwise). */
const port = Number(process.env.PORT ?? 8421);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`error: PORT must be a port number from 0 to 65535, received ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

const app = createApp({ site: await loadSite() });
const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`httpstatus listening on http://localhost:${info.port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
  });
}
