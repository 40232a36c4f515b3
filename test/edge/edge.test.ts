import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { EDGE_DIFFERENCES, ROUTE_TABLE } from './route-table.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run edge` as a user runs it (compiled command; the suite's global setup has built dist/), on a free port. */
async function startEdge(): Promise<{ url: string; child: ChildProcess; output(): string }> {
  const child = spawn(process.execPath, ['dist/js/commands/edge.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`npm run edge exited with ${code}: ${output}`)));
  });
  return { url, child, output: () => output };
}

/**
 * One route table, two runtimes: the Node server and the same app bundled for workerd. Every difference is a branch
 * in the table, named there and listed in the README.
 */
describe('the same routes on Node and on workerd', () => {
  let node: TestServer;
  let edge: Awaited<ReturnType<typeof startEdge>>;

  beforeAll(async () => {
    [node, edge] = await Promise.all([startTestServer(), startEdge()]);
  }, 60_000);

  afterAll(async () => {
    await node?.close();
    if (edge && edge.child.exitCode === null) {
      const exited = new Promise((resolve) => edge.child.once('exit', resolve));
      edge.child.kill('SIGTERM');
      await exited;
    }
  });

  describe.each(['node', 'edge'] as const)('%s', (runtime) => {
    it.each(ROUTE_TABLE.map((check) => [check.name, check] as const))('%s', async (_name, check) => {
      await check.run(runtime === 'node' ? node.url : edge.url, runtime);
    });
  });

  it('lists every difference in the README', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### The edge'), readme.indexOf('## Benchmark'));
    for (const difference of EDGE_DIFFERENCES) expect(section).toContain(`- ${difference}\n`);
  });

  it('stops cleanly on SIGTERM, workerd with it', async () => {
    const exited = new Promise<number | null>((resolve) => edge.child.once('exit', resolve));
    edge.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${edge.url}/healthz`)).rejects.toThrow();
  });
});
