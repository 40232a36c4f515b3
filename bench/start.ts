/**
 * `npm run bench:start`: how long `npm start` takes on a built tree until it answers, beside a bare node:http
 * server's start, interleaved over several runs in one go. Both are timed from spawn to the first 2xx on loopback.
 * The product runs as npm start runs it, minus npm itself: the build's up-to-date check, then the compiled server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BARE = `require('node:http').createServer((q, s) => { s.writeHead(204); s.end(); }).listen(Number(process.env.PORT), '127.0.0.1')`;

function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 0) < 300);
    });
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Milliseconds from spawn to the first successful answer. */
async function timeStart(command: string, args: string[], port: number, path: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, env: { ...process.env, PORT: String(port) }, stdio: 'ignore' });
  try {
    while (!(await answers(port, path))) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return performance.now() - started;
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const bare: number[] = [];
const ours: number[] = [];
for (let run = 0; run < RUNS; run++) {
  bare.push(await timeStart(process.execPath, ['-e', BARE], 18601, '/'));
  ours.push(
    await timeStart(
      'sh',
      ['-c', `"${process.execPath}" scripts/build.mjs >/dev/null && exec "${process.execPath}" dist/js/commands/start.js`],
      18602,
      '/status/204',
    ),
  );
}
console.log(`start until the first answer, ${RUNS} interleaved runs (medians)`);
console.log(`bare node:http                     ${median(bare).toFixed(0).padStart(6)} ms`);
console.log(
  `npm start (built tree, minus npm)  ${median(ours).toFixed(0).padStart(6)} ms   ratio ${(median(ours) / median(bare)).toFixed(2)}`,
);
