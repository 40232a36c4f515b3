/**
 * `npm run bench:memory`: the started server's resident size, then under a 60 s wrk run over mixed routes (pages,
 * API documents, assets, the mock with knobs, search, 404s), sampled every 5 s. It should settle, not grow.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 60);
const PORT = 18603;
const PATHS = [
  '/',
  '/codes/421',
  '/codes/503',
  '/api/codes/421',
  '/api/codes',
  '/status/418',
  '/status/503?retry_after=5',
  '/status/200,500?header=X-A:1',
  '/status/206',
  '/search?q=retry',
  '/nope',
  '/status/429?seq=memory',
];

async function residentKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
}

const child: ChildProcess = spawn(process.execPath, ['dist/js/commands/start.js'], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(PORT) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve()));
const pid = child.pid ?? 0;
// wrk's Lua hook walks the routes, one per request.
const script = path.join(tmpdir(), 'httpstatus-mixed.lua');
await writeFile(
  script,
  `local paths = {${PATHS.map((p) => JSON.stringify(p)).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i], { ["Accept-Encoding"] = "gzip, br" })\nend\n`,
);
try {
  const samples: Array<[number, number]> = [[0, await residentKiB(pid)]];
  const load = promisify(execFile)('wrk', ['-t1', '-c50', `-d${DURATION}s`, '-s', script, `http://127.0.0.1:${PORT}`]);
  for (let second = 5; second <= DURATION; second += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    samples.push([second, await residentKiB(pid)]);
  }
  const { stdout } = await load;
  console.log(`resident size of the started server, then under wrk -c50 for ${DURATION} s over ${PATHS.length} mixed routes`);
  for (const [second, kib] of samples) console.log(`${String(second).padStart(4)} s  ${(kib / 1024).toFixed(1).padStart(7)} MiB`);
  console.log(stdout.split('\n').find((line) => line.startsWith('Requests/sec')) ?? '');
} finally {
  child.kill();
  await rm(script, { force: true });
}
