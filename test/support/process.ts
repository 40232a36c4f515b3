import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  process: ChildProcess;
  /** `http://127.0.0.1:port` of the HTTP/1.1 listener. */
  url: string;
  /** Ports of the HTTP/2 listeners, when HTTP2_PORT or H2C_PORT was set. */
  tlsPort?: number;
  h2cPort?: number;
  /** Everything the process printed so far, stdout and stderr. */
  output(): string;
  /** True until the process exits. */
  alive(): boolean;
}

/**
 * Starts the real entry point, compiled, on plain node (`npm start` runs the same file after the build, which the
 * suite's global setup has done) with `env` on top of the test's environment, and waits for the banner of every
 * listener it was asked for.
 */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['dist/js/commands/start.js'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const wanted = 1 + (env.HTTP2_PORT ? 1 : 0) + (env.H2C_PORT ? 1 : 0);
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      const tls = /HTTP\/2 over TLS .* on https:\/\/localhost:(\d+)/.exec(output)?.[1];
      const h2c = /HTTP\/2 cleartext .* on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if ([url, tls, h2c].filter(Boolean).length < wanted || !url) return;
      resolve({
        process: child,
        url: `http://127.0.0.1:${url}`,
        ...(tls ? { tlsPort: Number(tls) } : {}),
        ...(h2c ? { h2cPort: Number(h2c) } : {}),
        output: () => output,
        alive: () => !exited,
      });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
