import { Worker } from 'node:worker_threads';
import type { CatalogEntry } from '../model/catalog.js';
import type { RenderedSite, SiteFile } from './render-site.js';
import type { WorkerReply } from './render-worker.js';

export interface WorkerRenderedSite extends RenderedSite {
  close(): Promise<void>;
}

/**
 * Renders the site in a worker thread. hono/jsx keeps render context in an AsyncLocalStorage, which on Node 20
 * switches on async hooks for the whole thread and costs every request about a tenth of its throughput; keeping
 * JSX off the serving thread keeps the mock's hot path at the speed of a bare node:http server.
 */
export function renderSiteInWorker(entries: readonly CatalogEntry[]): Promise<WorkerRenderedSite> {
  const worker = new Worker(new URL('./render-worker-entry.mjs', import.meta.url), { workerData: { entries } });
  const pending = new Map<number, (html: string) => void>();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'failed') {
        reject(new Error(`rendering the site failed: ${reply.message}`));
        void worker.terminate();
      } else if (reply.type === 'ready') {
        const files = new Map<string, SiteFile>(
          reply.files.map(([path, contentType, body]) => [path, { contentType, body: Buffer.from(body) }]),
        );
        worker.unref();
        resolve({
          files,
          css: reply.css,
          renderSearch(query) {
            return new Promise((done) => {
              const id = nextId++;
              pending.set(id, done);
              worker.postMessage({ id, query });
            });
          },
          async close() {
            await worker.terminate();
          },
        });
      } else {
        pending.get(reply.id)?.(reply.html);
        pending.delete(reply.id);
      }
    });
  });
}
