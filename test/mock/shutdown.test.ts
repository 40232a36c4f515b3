import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
});

/** Starts the real entry point (`npm start` runs the same file) on a free port and waits for its banner. */
async function startProcess(): Promise<{ process: ChildProcess; url: string; output: () => string }> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = started;
  let output = '';
  started.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    started.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { process: started, url, output: () => output };
}

describe('graceful shutdown of the real process', () => {
  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = await startProcess();
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
