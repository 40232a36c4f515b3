/**
 * `npm run bench:cli`: `httpstatus 421` beside `node -e 0`, each run as its own process, interleaved over many runs
 * in one go; medians and the ratio (the goal: at most 1.3×). Output goes to /dev/null, as a script would pipe it.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const BIN = `${ROOT}packages/httpstatus/bin/httpstatus.js`;

function time(args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const targets: Array<[string, string[]]> = [
  ['node -e 0', ['-e', '0']],
  ['httpstatus 421', [BIN, '421']],
  ['httpstatus search rate limit', [BIN, 'search', 'rate', 'limit']],
];
for (const [, args] of targets) time(args); // warm the file cache
const samples = new Map(targets.map(([name]) => [name, [] as number[]]));
for (let run = 0; run < RUNS; run++) for (const [name, args] of targets) samples.get(name)?.push(time(args));
const base = median(samples.get('node -e 0') ?? []);
console.log(`${RUNS} interleaved runs each (medians)`);
for (const [name] of targets) {
  const value = median(samples.get(name) ?? []);
  console.log(`${name.padEnd(30)} ${value.toFixed(1).padStart(7)} ms   ${(value / base).toFixed(2)}× node -e 0`);
}
