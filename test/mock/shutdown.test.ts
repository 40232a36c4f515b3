import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';
import { startServerProcess } from '../support/process.js';

let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
});

describe('graceful shutdown of the real process', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = await startServerProcess();
    child = server.process;
    const inFlight = send(server.url, '/status/200?sleep=1500');
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await send(server.url, '/status/200').then(
      (response) => `answered ${response.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe('ECONNREFUSED');
    const response = await inFlight;
    expect(response.status).toBe(200);
    const [code] = await once(server.process, 'exit');
    expect(code).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
  }, 60_000);
});
