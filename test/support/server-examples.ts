import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer, Socket } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../../src/catalog/paths.js';
import { generateCertificate } from '../../src/server/certificate.js';

const run = promisify(execFile);

/** The toolchains the examples are checked with: Debian's packages, which .ci/run installs. */
export const GO = process.env.GO_PATH ?? '/usr/bin/go';
export const PYTHON = '/usr/bin/python3';
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const toolchains = {
  go: existsSync(GO),
  python:
    existsSync(PYTHON) &&
    (await run(PYTHON, ['-c', 'import fastapi, uvicorn']).then(
      () => true,
      () => false,
    )),
  nginx: existsSync(NGINX),
};
/** In CI every toolchain is mandatory: a missing one fails its checks instead of skipping them. */
export const mustCheckEveryEcosystem = process.env.CI === 'true';

/** What an example's curl command asks for. */
export interface ExampleRequest {
  method: string;
  /** The last URL curl requests; curl's `[1-4]` URL range sends one request per number, this is the last one. */
  path: string;
  /** How many requests the command sends (a URL range), all alike but for the number. */
  paths: string[];
  /** Sent through a proxy (curl -x http://localhost:8080): the target is the absolute URL, in absolute form. */
  proxied?: boolean;
  headers: Array<[string, string]>;
  body: string | Buffer | undefined;
}

/** Splits a shell command line into words: single and double quotes, backslash-newline continuations. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  const text = command.replace(/\\\n/g, ' ');
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, i + 1);
      if (end < 0) throw new Error(`unclosed ${char} in: ${command}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The request of a page's `curl ... http://localhost:8080/...` line. Only the options a reader needs to ask for a
 * status are understood (-X, -H, -d and its kin, -r); any other option fails, so that what the test sends is
 * exactly what the reader runs.
 */
export function parseCurl(command: string): ExampleRequest {
  const line = command
    .split('\n')
    .filter((text) => !text.trimStart().startsWith('#'))
    .join('\n');
  const words = shellWords(line);
  const start = words.indexOf('curl');
  if (start < 0) throw new Error(`no curl command in: ${command}`);
  // `head -c N /dev/zero | curl --data-binary @-`: a body of N zero bytes, the one pipe the check understands.
  const piped = /^head -c (\d+) \/dev\/zero \|$/.exec(words.slice(0, start).join(' '));
  if (start > 0 && !piped) throw new Error(`only "head -c N /dev/zero |" may come before curl: ${command}`);
  const result: ExampleRequest = { method: '', path: '', paths: [], headers: [], body: undefined };
  for (let i = start + 1; i < words.length; i++) {
    const word = words[i] as string;
    const next = () => {
      const value = words[++i];
      if (value === undefined) throw new Error(`${word} needs a value in: ${command}`);
      return value;
    };
    if (word === '|' || word === '&&' || word === ';') break;
    if (/^-[isSv]+$/.test(word) || word === '--http1.1' || word === '--include' || word === '--silent') continue;
    if (word === '-X' || word === '--request') result.method = next();
    else if (word === '-H' || word === '--header') {
      const header = next();
      const colon = header.indexOf(':');
      result.headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (['-d', '--data', '--data-raw', '--data-binary'].includes(word)) {
      const data = next();
      if (data === '@-' && !piped) throw new Error(`@- reads standard input, which the command does not fill: ${command}`);
      result.body = data === '@-' ? Buffer.alloc(Number(piped?.[1])) : data;
    } else if (word === '-r' || word === '--range') result.headers.push(['Range', `bytes=${next()}`]);
    else if (word === '-x' || word === '--proxy') {
      if (next() !== 'http://localhost:8080') throw new Error(`only -x http://localhost:8080 is understood: ${command}`);
      result.proxied = true;
    } else if (result.proxied && /^http:\/\/[\w.-]+(:\d+)?\//.test(word)) result.paths = [word];
    else if (word.startsWith('http://localhost:8080/')) {
      const target = word.slice('http://localhost:8080'.length);
      const range = /\[(\d+)-(\d+)\]/.exec(target);
      const [first, last] = range ? [Number(range[1]), Number(range[2])] : [0, 0];
      result.paths = range ? Array.from({ length: last - first + 1 }, (_, i) => target.replace(range[0], String(first + i))) : [target];
      result.path = result.paths.at(-1) as string;
    } else throw new Error(`curl option ${word} is not one the example check understands: ${command}`);
  }
  if (result.proxied && result.paths.length === 1) {
    // Through a proxy, curl asks the proxy for the absolute URL and names the target's authority in Host.
    result.path = result.paths[0] as string;
    result.headers.unshift(['Host', new URL(result.path).host]);
  }
  if (!result.path) throw new Error(`no http://localhost:8080/ URL in: ${command}`);
  result.method ||= result.body === undefined ? 'GET' : 'POST';
  if (result.body !== undefined && !result.headers.some(([name]) => name.toLowerCase() === 'content-type'))
    result.headers.push(['Content-Type', 'application/x-www-form-urlencoded']); // what curl -d sends
  return result;
}

/** Ports nothing listens on right now, for the examples to listen on. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve) => {
          const server = createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Resolves once something accepts connections on the port, or fails after `ms`. */
export async function waitForPort(port: number, ms = 20_000, process?: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (process?.exitCode !== null && process?.exitCode !== undefined)
      throw new Error(`the example process exited with ${process.exitCode}`);
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends the example's requests in order, as curl would, and gives back the last answer. */
export async function sendAll(port: number, example: ExampleRequest): Promise<Answer> {
  let answer: Answer = { status: 0, interim: [], text: '' };
  for (const target of example.paths) answer = await send(port, { ...example, path: target });
  return answer;
}

/** curl's rule (content/facts/curl.yaml, expect-threshold): a body over 1 MiB goes out only after a 100 Continue. */
const EXPECT_THRESHOLD = 1024 * 1024;

/** Sends the example's request and gives back what `curl -si` would print, for the linter. */
export function send(port: number, example: ExampleRequest): Promise<Answer> {
  const asked = example.headers.some(([name, value]) => name.toLowerCase() === 'expect' && value.toLowerCase() === '100-continue');
  const added = !asked && example.body !== undefined && Buffer.byteLength(example.body) > EXPECT_THRESHOLD;
  const expectContinue = asked || added;
  // Interim responses, printed before the final one as curl -si does (the linter checks each head).
  const interim: number[] = [];
  const heads: string[] = [];
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: example.method,
        path: example.path,
        // A raw header list gets no Host from Node; curl sends the URL's, unless the command sets its own.
        headers: [
          ...(example.headers.some(([name]) => name.toLowerCase() === 'host') ? [] : ['Host', 'localhost:8080']),
          ...example.headers.flat(),
          ...(added ? ['Expect', '100-continue'] : []),
          // One request per connection, unless the command manages the connection itself (an Upgrade).
          ...(example.headers.some(([name]) => name.toLowerCase() === 'connection') ? [] : ['Connection', 'close']),
        ],
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const head = [`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`];
          for (let i = 0; i < res.rawHeaders.length; i += 2) head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
          const final = `${head.join('\r\n')}\r\n\r\n${Buffer.concat(chunks).toString('latin1')}`;
          resolve({ status: res.statusCode ?? 0, interim, text: [...heads, final].join('') });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    // A 101 hands the connection to another protocol: its head is the answer, and the socket is closed after it.
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      const head = [`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2) head.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      resolve({ status: res.statusCode ?? 0, interim, text: [...heads, `${head.join('\r\n')}\r\n\r\n`].join('') });
    });
    req.on('information', (info) => {
      interim.push(info.statusCode);
      const lines = [`HTTP/${info.httpVersion} ${info.statusCode} ${info.statusMessage}`];
      for (let i = 0; i < info.rawHeaders.length; i += 2) lines.push(`${info.rawHeaders[i]}: ${info.rawHeaders[i + 1]}`);
      heads.push(`${lines.join('\r\n')}\r\n\r\n`);
    });
    if (expectContinue) req.on('continue', () => req.end(example.body));
    else req.end(example.body);
  });
}

/** What came back: the final status, the interim (1xx) ones before it, and all of it as `curl -si` prints it. */
export interface Answer {
  status: number;
  interim: number[];
  text: string;
}

export interface Program {
  code: number;
  source: string;
}

export interface Running {
  ports: Map<number, number>;
  stop(): Promise<void>;
}

/** Stops a runner: SIGTERM, then SIGKILL if it has not gone within two seconds (uvicorn waits for its servers). */
function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Waits until every example of a runner listens; a runner that dies or hangs is stopped and fails the start. */
async function started(child: ChildProcess, programs: readonly Program[], ports: readonly number[]): Promise<Running> {
  const byCode = new Map(programs.map((program, index) => [program.code, ports[index] as number]));
  // What the examples log (the 500 example logs its error on purpose) is kept, and shown only if they fail to start.
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  try {
    for (const port of byCode.values()) await waitForPort(port, 20_000, child);
  } catch (error) {
    await stopper(child)();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { ports: byCode, stop: stopper(child) };
}

/**
 * Every Node example (node:http or Hono) in one process: each is bundled as it is written, the packages it imports
 * (hono, @hono/node-server) from the project's node_modules, and imported in turn with PORT set to its own port
 * (examples read PORT when they start).
 */
export async function startNodeExamples(directory: string, programs: readonly Program[]): Promise<Running> {
  await mkdir(directory, { recursive: true });
  const ports = await freePorts(programs.length);
  const entries = programs.map((program) => path.join(directory, `${program.code}.ts`));
  await Promise.all(programs.map((program, index) => writeFile(entries[index] as string, program.source)));
  await build({
    entryPoints: entries,
    outdir: directory,
    bundle: true,
    nodePaths: [path.join(PROJECT_ROOT, 'node_modules')],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  const runner = path.join(directory, 'run-all.mjs');
  await writeFile(
    runner,
    `${programs
      .map(
        (program, index) =>
          `process.env.PORT = '${ports[index]}';\nawait import('./${program.code}.mjs');\nawait new Promise((r) => setTimeout(r, 20));`,
      )
      .join('\n')}\n`,
  );
  const child = spawn(process.execPath, [runner], { stdio: ['ignore', 'ignore', 'pipe'] });
  return started(child, programs, ports);
}

const GO_ENV = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GO111MODULE: 'on', CGO_ENABLED: '0' };

/** `go vet` and `go build` on every Go example as written, each its own main package in one module. */
export async function vetGoExamples(directory: string, programs: readonly Program[]): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, 'go.mod'), 'module examples\n\ngo 1.19\n');
  for (const program of programs) {
    await mkdir(path.join(directory, `ex${program.code}`), { recursive: true });
    await writeFile(path.join(directory, `ex${program.code}`, 'main.go'), program.source);
  }
  await run(GO, ['vet', './...'], { cwd: directory, env: GO_ENV, timeout: 300_000 });
  await run(GO, ['build', './...'], { cwd: directory, env: GO_ENV, timeout: 300_000 });
}

/**
 * Every Go example in one binary: each becomes package exNNN with its `main` renamed `Main` (examples keep `main`
 * last, build their own ServeMux and read PORT when they start), and a generated main starts them one by one.
 */
export async function startGoExamples(directory: string, programs: readonly Program[]): Promise<Running> {
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, 'go.mod'), 'module runner\n\ngo 1.19\n');
  const ports = await freePorts(programs.length);
  for (const program of programs) {
    if (/\bhttp\.(HandleFunc|Handle)\(/.test(program.source))
      throw new Error(`${program.code}: the Go example registers on http.DefaultServeMux; build its own ServeMux`);
    const source = program.source.replace(/^package main$/m, `package ex${program.code}`).replace(/^func main\(\) \{/m, 'func Main() {');
    await mkdir(path.join(directory, `ex${program.code}`), { recursive: true });
    await writeFile(path.join(directory, `ex${program.code}`, 'example.go'), source);
  }
  const imports = programs.map((program) => `\tex${program.code} "runner/ex${program.code}"`).join('\n');
  const starts = programs
    .map((program, index) => `\tos.Setenv("PORT", "${ports[index]}")\n\tgo ex${program.code}.Main()\n\twaitFor("${ports[index]}")`)
    .join('\n');
  await writeFile(
    path.join(directory, 'main.go'),
    `package main\n\nimport (\n\t"net"\n\t"os"\n\t"time"\n${imports}\n)\n\nfunc waitFor(port string) {\n\tfor i := 0; i < 400; i++ {\n\t\tif c, err := net.Dial("tcp", "127.0.0.1:"+port); err == nil {\n\t\t\tc.Close()\n\t\t\treturn\n\t\t}\n\t\ttime.Sleep(25 * time.Millisecond)\n\t}\n}\n\nfunc main() {\n${starts}\n\tselect {}\n}\n`,
  );
  const binary = path.join(directory, 'runner');
  await run(GO, ['build', '-o', binary, '.'], { cwd: directory, env: GO_ENV, timeout: 300_000 });
  const child = spawn(binary, [], { stdio: ['ignore', 'ignore', 'pipe'] });
  return started(child, programs, ports);
}

/** Byte-compiles every Python example, then serves each module's `app` with uvicorn, all in one process. */
export async function startPythonExamples(directory: string, programs: readonly Program[]): Promise<Running> {
  await mkdir(directory, { recursive: true });
  const files = programs.map((program) => path.join(directory, `ex${program.code}.py`));
  await Promise.all(programs.map((program, index) => writeFile(files[index] as string, program.source)));
  await run(PYTHON, ['-m', 'py_compile', ...files]);
  const ports = await freePorts(programs.length);
  const servers = files.map((file, index) => `("${file}", ${ports[index]})`).join(', ');
  const runner = path.join(directory, 'run_all.py');
  await writeFile(
    runner,
    `import asyncio, importlib.util, uvicorn\n\nasync def main():\n    servers = []\n    for file, port in [${servers}]:\n        spec = importlib.util.spec_from_file_location(file.rsplit('/', 1)[-1][:-3], file)\n        module = importlib.util.module_from_spec(spec)\n        spec.loader.exec_module(module)\n        servers.append(uvicorn.Server(uvicorn.Config(module.app, host='127.0.0.1', port=port, log_level='warning')).serve())\n    await asyncio.gather(*servers)\n\nasyncio.run(main())\n`,
  );
  const child = spawn(PYTHON, [runner], { stdio: ['ignore', 'ignore', 'pipe'] });
  return started(child, programs, ports);
}

/**
 * `nginx -t` on each configuration, a `server` block placed in a minimal nginx.conf of its own. A TLS example names
 * `cert.pem` and `key.pem` (relative to nginx's prefix); a throwaway self-signed pair is put there.
 */
export async function testNginxConfig(directory: string, program: Program): Promise<void> {
  const prefix = path.join(directory, `nginx-${program.code}`);
  await mkdir(path.join(prefix, 'logs'), { recursive: true });
  if (/\bssl_certificate\b/.test(program.source)) {
    const { key, cert } = await generateCertificate(['localhost']);
    await writeFile(path.join(prefix, 'cert.pem'), cert);
    await writeFile(path.join(prefix, 'key.pem'), key);
    await writeFile(path.join(prefix, 'ca.pem'), cert); // for ssl_client_certificate: any CA will do for nginx -t
  }
  const conf = path.join(prefix, 'nginx.conf');
  await writeFile(
    conf,
    `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n  fastcgi_temp_path ${prefix}/fastcgi;\n  uwsgi_temp_path ${prefix}/uwsgi;\n  scgi_temp_path ${prefix}/scgi;\n${program.source}\n}\n`,
  );
  await run(NGINX, ['-t', '-q', '-p', prefix, '-c', conf]);
}
