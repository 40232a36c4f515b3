/**
 * `npm run bench:server`: the bare node:http ceiling and our server, side by side in one run; then the same over
 * HTTP/2 (h2c) with h2load, against a bare node:http2 server; then our server with its state in memory and in Redis.
 * Servers are pinned to CPU 0 and the load generator to CPU 1 (taskset). Every round starts every server afresh: on
 * this kind of machine one process of the same program can run a fifth slower than the next for its whole life, so
 * a ratio from one pair of processes says more about that pair than about the code. Within a round each target is
 * warmed up for 2 s, then measured right beside its bare server (see `print` for why). Prints req/s (and p99 for wrk)
 * per target, medians over rounds, and each target's ratio to its bare server, the median of the pairs' ratios.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DURATION = process.env.BENCH_DURATION ?? '3s';
const CONNECTIONS = process.env.BENCH_CONNECTIONS ?? '50';

function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    console.error(`error: ${name} is not installed (Debian: apt-get install -y ${name === 'taskset' ? 'util-linux' : name})`);
    process.exit(2);
  }
}

async function start(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  banner = /listening on (http:\/\/\S+)/,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn('taskset', ['-c', '0', process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = banner.exec(output);
      if (match?.[1]) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  return { child, url };
}

interface Sample {
  rps: number;
  p99ms: number;
  /** Server CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
}

/** A target's sample beside the one its bare server gave just before or after it. */
interface Pair {
  ours: Sample;
  bare: Sample;
}

/** A target: what to load, and which server process answers it (for its CPU time). */
type Target = [name: string, url: string, pid: number];

const TICK_US = 1_000_000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time a process has used so far (utime + stime, /proc/PID/stat fields 14 and 15), in microseconds. */
function cpuTimeUs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value);
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === 'us' ? number / 1000 : match[2] === 's' ? number * 1000 : number;
}

/** `target` is a URL, optionally followed by ` -H Name: value` request fields. */
function wrk(target: string, duration = DURATION): Sample {
  const [url = '', ...fields] = target.split(' -H ');
  const headers = fields.flatMap((field) => ['-H', field]);
  const output = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${duration}`, '--latency', ...headers, url], {
    encoding: 'utf8',
  });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const p99ms = toMs(/^\s+99%\s+(\S+)/m.exec(output)?.[1] ?? '');
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  return { rps, p99ms, cpuUs: requests };
}

/** h2load over h2c with prior knowledge: 10 connections, 10 streams each. */
function h2load(url: string, duration = DURATION): Sample {
  const output = execFileSync('taskset', ['-c', '1', 'h2load', '-t1', '-c10', '-m10', '-D', duration.replace(/s$/, ''), url], {
    encoding: 'utf8',
  });
  // h2load counts 4xx as "failed"; errors and timeouts are what would make a figure meaningless.
  const broken = Number(/(\d+) errored/.exec(output)?.[1] ?? 0) + Number(/(\d+) timeout/.exec(output)?.[1] ?? 0);
  if (broken > 0) throw new Error(`h2load saw ${broken} errored or timed-out requests against ${url}`);
  return {
    rps: Number(/finished in [\d.]+\w*, ([\d.]+) req\/s/.exec(output)?.[1]),
    p99ms: Number.NaN,
    cpuUs: Number(/requests: \d+ total, \d+ started, (\d+) done/.exec(output)?.[1]),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * One measurement, with the server's CPU time per request beside the throughput: on a machine shared with noisy
 * neighbours, req/s moves by a fifth from run to run, CPU per request much less. (`measure` returns the number of
 * requests completed in `cpuUs`, replaced here by the CPU time per request.)
 */
function measureWithCpu([, url, pid]: Target, measure: (url: string, duration?: string) => Sample, duration?: string): Sample {
  const before = cpuTimeUs(pid);
  const sample = measure(url, duration);
  return { ...sample, cpuUs: (cpuTimeUs(pid) - before) / sample.cpuUs };
}

/**
 * Prints one table: medians over rounds of each target, and its ratios to the bare server (first row). A ratio is
 * taken within each pair of adjacent measurements, then the median over pairs: this machine's speed drifts by a
 * fifth over minutes, which a ratio of medians taken minutes apart would mistake for the code.
 */
function print(title: string, names: string[], pairs: Map<string, Pair[]>): void {
  const bareSamples = [...pairs.values()].flat().map((pair) => pair.bare);
  console.log(`${title}, ${ROUNDS} rounds of fresh processes, servers on CPU 0, load on CPU 1 (medians)`);
  console.log('target                            req/s     p99 ms   ratio to bare   server CPU µs/req   bare/ours');
  const row = (name: string, samples: Sample[], ratio: number, cpuRatio: number) => {
    const rps = median(samples.map((s) => s.rps)).toFixed(0);
    const p99 = median(samples.map((s) => s.p99ms));
    const p99Text = Number.isNaN(p99) ? '-' : p99.toFixed(2);
    const cpu = median(samples.map((s) => s.cpuUs)).toFixed(1);
    console.log(
      `${name.padEnd(32)} ${rps.padStart(8)} ${p99Text.padStart(10)}   ${ratio.toFixed(3).padStart(13)}   ${cpu.padStart(17)}   ${cpuRatio.toFixed(3).padStart(9)}`,
    );
  };
  row(names[0] ?? 'bare', bareSamples, 1, 1);
  for (const name of names.slice(1)) {
    const list = pairs.get(name) ?? [];
    row(
      name,
      list.map((pair) => pair.ours),
      median(list.map((pair) => pair.ours.rps / pair.bare.rps)),
      median(list.map((pair) => pair.bare.cpuUs / pair.ours.cpuUs)),
    );
  }
  console.log('');
}

requireTool('wrk');
requireTool('h2load');
requireTool('taskset');
const H2C = /HTTP\/2 cleartext \(h2c.* on (http:\/\/\S+)/;
// State: a local redis-server for the whole run (skipped when Debian's redis-server is not installed).
const redis = existsSync('/usr/bin/redis-server')
  ? spawn('taskset', ['-c', '0', '/usr/bin/redis-server', '--port', '6399', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    })
  : undefined;
const LIMIT = { RATE_LIMIT: '999999999/min' };

// The bare servers run as our server does, compiled JavaScript on plain node, so that tsx's loader is not part of
// the ceiling.
const BARE_DIR = mkdtempSync(path.join(tmpdir(), 'httpstatus-bench-'));
await build({
  entryPoints: [path.join(ROOT, 'bench', 'bare-server.ts'), path.join(ROOT, 'bench', 'bare-http2-server.ts')],
  outdir: BARE_DIR,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
});
const BARE = path.join(BARE_DIR, 'bare-server.mjs');
const BARE_HTTP2 = path.join(BARE_DIR, 'bare-http2-server.mjs');

/** Every server of one round, fresh. The product as npm start runs it: compiled JavaScript from dist/. */
async function launch() {
  const ours = await start(['dist/js/commands/start.js']);
  const oursHttp2 = await start(['dist/js/commands/start.js'], { H2C_PORT: '0' }, H2C);
  const bare = await start([BARE], { SAME_AS: `${ours.url}/codes/421,${ours.url}/api/codes/421` });
  const bareHttp2 = await start([BARE_HTTP2], {}, H2C);
  const bareCompat = await start([BARE_HTTP2, 'compat'], {}, H2C);
  const limited = await start(['dist/js/commands/start.js'], LIMIT);
  const shared = redis ? await start(['dist/js/commands/start.js'], { ...LIMIT, REDIS_URL: 'redis://127.0.0.1:6399' }) : undefined;
  const all = [ours, oursHttp2, bare, bareHttp2, bareCompat, limited, ...(shared ? [shared] : [])];
  return {
    ours,
    oursHttp2,
    bare,
    bareHttp2,
    bareCompat,
    limited,
    shared,
    async stop() {
      await Promise.all(all.map((server) => new Promise((resolve) => server.child.once('exit', resolve).kill())));
    },
  };
}
type Servers = Awaited<ReturnType<typeof launch>>;

const local = (url: string) => url.replace('localhost', '127.0.0.1');
// taskset execs the server, so the child's PID is the server's.
const pid = (server: { child: ChildProcess }) => server.child.pid ?? 0;
const TABLES: Array<{ title: string; measure: (url: string, duration?: string) => Sample; targets(servers: Servers): Target[] }> = [
  {
    title: `wrk -t1 -c${CONNECTIONS} -d${DURATION} (HTTP/1.1)`,
    measure: wrk,
    targets: ({ bare, ours }) => [
      ['bare node:http 418', `${bare.url}/`, pid(bare)],
      ['bare, /codes/421 (br) bytes', `${bare.url}/codes/421`, pid(bare)],
      ['bare, /api/codes/421 (br) bytes', `${bare.url}/api/codes/421`, pid(bare)],
      ['httpstatus /status/418', `${ours.url}/status/418`, pid(ours)],
      ['httpstatus /status/200', `${ours.url}/status/200`, pid(ours)],
      ['httpstatus /codes/421 (br)', `${ours.url}/codes/421 -H Accept-Encoding: gzip, deflate, br`, pid(ours)],
      ['httpstatus /api/codes/421 (br)', `${ours.url}/api/codes/421 -H Accept-Encoding: gzip, deflate, br`, pid(ours)],
      ['httpstatus /api/codes/421', `${ours.url}/api/codes/421`, pid(ours)],
      ['httpstatus /search?q=retry', `${ours.url}/search?q=retry`, pid(ours)],
    ],
  },
  {
    title: `h2load -t1 -c10 -m10 -D${DURATION} (h2c)`,
    measure: h2load,
    targets: ({ bareHttp2, bareCompat, oursHttp2 }) => [
      ['bare node:http2 418', `${local(bareHttp2.url)}/`, pid(bareHttp2)],
      ['bare node:http2 compat 418', `${local(bareCompat.url)}/`, pid(bareCompat)],
      ['httpstatus h2c /status/418', `${local(oursHttp2.url)}/status/418`, pid(oursHttp2)],
      ['httpstatus h2c /api/codes/421', `${local(oursHttp2.url)}/api/codes/421`, pid(oursHttp2)],
    ],
  },
  {
    title: `wrk -t1 -c${CONNECTIONS} -d${DURATION} (HTTP/1.1), state in memory and in Redis`,
    measure: wrk,
    targets: ({ bare, ours, limited, shared }) => [
      ['bare node:http 418', `${bare.url}/`, pid(bare)],
      ['httpstatus /status/418', `${ours.url}/status/418`, pid(ours)],
      ['RATE_LIMIT, memory /status/418', `${limited.url}/status/418`, pid(limited)],
      ['httpstatus ?seq=, memory', `${ours.url}/status/200?seq=bench`, pid(ours)],
      ...(shared
        ? ([
            ['RATE_LIMIT, Redis /status/418', `${shared.url}/status/418`, pid(shared)],
            ['RATE_LIMIT + ?seq=, Redis', `${shared.url}/status/200?seq=bench`, pid(shared)],
          ] as Target[])
        : []),
    ],
  },
];

const pairs = TABLES.map(() => new Map<string, Pair[]>());
const bareNames: string[] = [];
try {
  for (let round = 1; round <= ROUNDS; round++) {
    const servers = await launch();
    try {
      TABLES.forEach((table, index) => {
        const [bare, ...targets] = table.targets(servers);
        if (!bare) return;
        bareNames[index] = bare[0];
        for (const target of [bare, ...targets]) table.measure(target[1], '2s'); // warm-up: JIT, connection pools
        // Each target is measured right beside its bare server, which goes first in odd rounds and second in even
        // ones; every other round also takes the targets in reverse order, so that drift hits all alike.
        for (const target of round % 2 === 0 ? [...targets].reverse() : targets) {
          const [first, second] = round % 2 === 0 ? [target, bare] : [bare, target];
          const a = measureWithCpu(first, table.measure);
          const b = measureWithCpu(second, table.measure);
          const list = pairs[index]?.get(target[0]) ?? [];
          list.push(first === bare ? { bare: a, ours: b } : { bare: b, ours: a });
          pairs[index]?.set(target[0], list);
        }
      });
    } finally {
      await servers.stop();
    }
    process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  TABLES.forEach((table, index) => {
    print(table.title, [bareNames[index] ?? 'bare', ...(pairs[index]?.keys() ?? [])], pairs[index] ?? new Map());
  });
} finally {
  redis?.kill();
  rmSync(BARE_DIR, { recursive: true, force: true });
}
