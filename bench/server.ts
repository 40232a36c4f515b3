/**
 * `npm run bench:server`: the bare node:http ceiling and our server, side by side in one run. Both servers are
 * pinned to CPU 0 and wrk to CPU 1 (taskset); targets are interleaved over several rounds so drift hits all alike.
 * Prints req/s and p99 per target (medians over rounds) and each target's ratio to the bare server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = process.env.BENCH_DURATION ?? '5s';
const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? '50';

function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    console.error(`error: ${name} is not installed (Debian: apt-get install -y ${name === 'taskset' ? 'util-linux' : name})`);
    process.exit(2);
  }
}

async function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('taskset', ['-c', '0', process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, url };
}

interface Sample {
  rps: number;
  p99ms: number;
}

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === 'us' ? number / 1000 : match[2] === 's' ? number * 1000 : number;
}

function wrk(url: string, duration = DURATION): Sample {
  const output = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${duration}`, '--latency', url], {
    encoding: 'utf8',
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p99ms = toMs(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  return { rps, p99ms };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

requireTool('wrk');
requireTool('taskset');
const bare = await start(['--import', 'tsx', 'bench/bare-server.ts']);
const ours = await start(['--import', 'tsx', 'src/server/main.ts']);
const targets: Array<[string, string]> = [
  ['bare node:http 418', `${bare.url}/`],
  ['httpstatus /status/418', `${ours.url}/status/418`],
  ['httpstatus /status/200', `${ours.url}/status/200`],
  ['httpstatus /api/codes/421', `${ours.url}/api/codes/421`],
];
try {
  for (const [, url] of targets) wrk(url, '2s'); // warm-up: JIT, connection pools
  const samples = new Map<string, Sample[]>(targets.map(([name]) => [name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, url] of targets) samples.get(name)?.push(wrk(url));
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  const bareRps = median(samples.get(targets[0]?.[0] ?? '')?.map((s) => s.rps) ?? []);
  console.log(`wrk -t1 -c${CONNECTIONS} -d${DURATION}, ${ROUNDS} interleaved rounds, servers on CPU 0, wrk on CPU 1 (medians)`);
  console.log('target                        req/s      p99 ms   ratio to bare');
  for (const [name] of targets) {
    const list = samples.get(name) ?? [];
    const rps = median(list.map((s) => s.rps));
    const p99 = median(list.map((s) => s.p99ms));
    console.log(`${name.padEnd(28)} ${rps.toFixed(0).padStart(8)} ${p99.toFixed(2).padStart(10)}   ${(rps / bareRps).toFixed(3)}`);
  }
} finally {
  bare.child.kill();
  ours.child.kill();
}
