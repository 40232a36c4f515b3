import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogEntry } from '../model/catalog.js';
import { renderSite } from './render-site.js';

/** Messages between the server thread and this rendering thread. */
export type WorkerReply =
  | { type: 'ready'; css: string; files: Array<[path: string, contentType: string, body: Uint8Array]> }
  | { type: 'search'; id: number; html: string }
  | { type: 'failed'; message: string };

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

try {
  const site = await renderSite((workerData as { entries: CatalogEntry[] }).entries);
  const reply: WorkerReply = {
    type: 'ready',
    css: site.css,
    files: [...site.files].map(([path, file]) => [path, file.contentType, file.body]),
  };
  port.postMessage(reply);
  port.on('message', async ({ id, query }: { id: number; query: string }) => {
    const html = await site.renderSearch(query);
    port.postMessage({ type: 'search', id, html } satisfies WorkerReply);
  });
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies WorkerReply);
}
