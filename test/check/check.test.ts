import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckOptions, checkUrl } from '../../src/check/check-url.js';
import { generateCertificate } from '../../src/server/certificate.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../packages/httpstatus/bin/httpstatus.js', import.meta.url));

/** A tiny origin for redirect chains: each path answers as the table says. */
function routes(table: Record<string, (req: IncomingMessage, res: ServerResponse) => void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const handler = table[(req.url ?? '/').split('?')[0] ?? '/'];
    if (handler) handler(req, res);
    else {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
    }
  };
}
const redirect = (status: number, location: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { Location: location, 'Content-Length': '0' });
  res.end();
};
const ok = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '2' });
  res.end('ok');
};

let plain: Server;
let secure: HttpsServer;
let other: Server;
let base: string;
let secureBase: string;
let otherBase: string;
let cert: string;
const exceptions = new Set<string>();

beforeAll(async () => {
  other = createServer(ok);
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  plain = createServer(
    routes({
      '/start': redirect(301, '/next'),
      '/next': redirect(302, '/final'),
      '/final': ok,
      '/loop-a': redirect(302, '/loop-b'),
      '/loop-b': redirect(302, '/loop-a'),
      '/post': redirect(302, '/final'),
      '/see-other': redirect(303, '/final'),
      '/keep': redirect(307, '/final'),
      '/to-internal': redirect(302, `${otherBase}/`),
      '/to-localhost': redirect(302, `http://localhost:${(other.address() as AddressInfo).port}/`),
      '/slow': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
        res.write('a few bytes, then nothing');
      },
      '/huge': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(5 * 1024 * 1024) });
        res.end(Buffer.alloc(5 * 1024 * 1024));
      },
      ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`/count/${i}`, redirect(302, `/count/${i + 1}`)])),
    }),
  );
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const port = (plain.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const pems = await generateCertificate(['127.0.0.1']);
  cert = pems.cert;
  secure = createHttpsServer({ key: pems.key, cert: pems.cert }, routes({ '/secure': redirect(301, `${base}/final`), '/hsts': ok }));
  await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
  secureBase = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
  // The test origins live on loopback, which the policy refuses: only these two are let through.
  exceptions.add(`127.0.0.1:${port}`);
  exceptions.add(`127.0.0.1:${(secure.address() as AddressInfo).port}`);
});
afterAll(() => {
  for (const server of [plain, secure, other]) {
    server?.closeAllConnections();
    server?.close();
  }
});

const options = (overrides: Partial<CheckOptions> = {}): CheckOptions => ({
  method: 'GET',
  headers: [],
  timeoutMs: 3000,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 10,
  allowPrivate: false,
  exceptions,
  ca: cert,
  describe: (status) => ({ phrase: `phrase of ${status}`, summary: `meaning of ${status}` }),
  ...overrides,
});

const ids = (findings: Array<{ id: string }>) => findings.map((finding) => finding.id);

describe('httpstatus check: following a chain', () => {
  it('follows redirects hop by hop, with status, meaning, version, address and timings', async () => {
    const result = await checkUrl(`${base}/start`, options());
    expect(result.hops.map((hop) => [hop.method, new URL(hop.url).pathname, hop.status])).toEqual([
      ['GET', '/start', 301],
      ['GET', '/next', 302],
      ['GET', '/final', 200],
    ]);
    const [first] = result.hops;
    expect(first).toMatchObject({ phrase: 'phrase of 301', meaning: 'meaning of 301', httpVersion: '1.1', address: '127.0.0.1' });
    expect(first?.timings?.firstByteMs).toBeGreaterThanOrEqual(first?.timings?.connectMs ?? 0);
    expect(result.final).toBe(200);
    expect(ids(result.findings)).toEqual([]);
  });

  it('reports a loop', async () => {
    const result = await checkUrl(`${base}/loop-a`, options());
    expect(ids(result.findings)).toEqual(['redirect-loop']);
    expect(result.hops.at(-1)?.error).toBe('this URL was already visited: the redirects loop');
  });

  it('stops after --max-redirects, and says a long chain costs round trips', async () => {
    const result = await checkUrl(`${base}/count/0`, options({ maxRedirects: 5 }));
    expect(result.hops.length).toBe(6);
    expect(ids(result.findings)).toEqual(['too-many-redirects', 'redirect-chain-long']);
  });

  it('turns POST into GET after a 302 and says so; keeps it after 307; 303 means GET', async () => {
    const post = await checkUrl(`${base}/post`, options({ method: 'POST' }));
    expect(post.hops.map((hop) => hop.method)).toEqual(['POST', 'GET']);
    expect(ids(post.findings)).toEqual(['redirect-method-changed']);
    const kept = await checkUrl(`${base}/keep`, options({ method: 'POST' }));
    expect(kept.hops.map((hop) => hop.method)).toEqual(['POST', 'POST']);
    const seeOther = await checkUrl(`${base}/see-other`, options({ method: 'PUT' }));
    expect(seeOther.hops.map((hop) => hop.method)).toEqual(['PUT', 'GET']);
  });

  it('warns of an https to http downgrade, and notes a final https answer without HSTS', async () => {
    const down = await checkUrl(`${secureBase}/secure`, options());
    expect(down.hops.map((hop) => hop.status)).toEqual([301, 200]);
    expect(down.hops[0]?.timings?.tlsMs).not.toBeNull();
    expect(ids(down.findings)).toEqual(['redirect-downgrade', 'redirect-cross-origin']);
    const hsts = await checkUrl(`${secureBase}/hsts`, options());
    expect(ids(hsts.findings)).toEqual(['hsts-missing']);
  });

  it('gives up on a slow body at the time limit, and reads at most the body limit of a huge one', async () => {
    const slow = await checkUrl(`${base}/slow`, options({ timeoutMs: 500 }));
    expect(slow.hops[0]?.error).toBe(`no complete answer from ${new URL(base).host} within 500 ms`);
    const huge = await checkUrl(`${base}/huge`, options());
    expect(huge.hops[0]).toMatchObject({ status: 200, truncated: true });
    expect(ids(huge.hops[0]?.findings ?? [])).not.toContain('content-length-mismatch');
  });
});

describe('the SSRF guard', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1 is a loopback address; the checker does not connect to internal addresses'],
    ['http://[::1]/', '::1 is a loopback address; the checker does not connect to internal addresses'],
    ['http://10.0.0.1/', '10.0.0.1 is a private address; the checker does not connect to internal addresses'],
    [
      'http://169.254.169.254/latest/meta-data/',
      '169.254.169.254 is a link-local address (where cloud metadata services live); the checker does not connect to internal addresses',
    ],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is an IPv4-mapped IPv6 address; the checker does not connect to internal addresses'],
    ['http://2130706433/', '127.0.0.1 is a loopback address; the checker does not connect to internal addresses'],
  ])('refuses %s', async (url, message) => {
    const result = await checkUrl(url, options({ exceptions: new Set() }));
    expect(result.hops).toHaveLength(1);
    expect(result.hops[0]?.error).toBe(message);
  });

  it('refuses a name that resolves to loopback', async () => {
    const result = await checkUrl('http://localhost/', options({ exceptions: new Set() }));
    expect(result.hops[0]?.error).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), a loopback address.*: the checker does not connect to internal addresses$/,
    );
  });

  it('checks every hop again: a redirect from an allowed host to loopback is refused', async () => {
    const result = await checkUrl(`${base}/to-internal`, options());
    expect(result.hops.map((hop) => hop.status)).toEqual([302, undefined]);
    expect(result.hops[1]?.error).toBe('127.0.0.1 is a loopback address; the checker does not connect to internal addresses');
    const named = await checkUrl(`${base}/to-localhost`, options());
    expect(named.hops[1]?.error).toMatch(/^localhost resolves to .*loopback/);
  });

  it('lets the CLI reach a private address only with --allow-private', async () => {
    const refused = await run(process.execPath, [BIN, 'check', `${base}/start`]).catch((error: { code: number; stdout: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect('stdout' in refused ? refused.stdout : '').toContain('127.0.0.1 is a loopback address');
    const { stdout } = await run(process.execPath, [BIN, 'check', `${base}/start`, '--allow-private', '--json']);
    const result = JSON.parse(stdout) as { hops: Array<{ status: number; phrase: string }> };
    expect(result.hops.map((hop) => [hop.status, hop.phrase])).toEqual([
      [301, 'Moved Permanently'],
      [302, 'Found'],
      [200, 'OK'],
    ]);
  });
});
