import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { PYTHON, requirePythonModule, requireTool } from '../support/tools.js';

/**
 * The README's table of what clients do with the mock's 1xx responses, checked against the clients themselves:
 * curl, Node's http and fetch, Python's http.client and requests. Chromium's row is test/browser/early-hints.
 */
const run = promisify(execFile);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function python(script: string): Promise<string> {
  const { stdout } = await run(PYTHON, ['-c', script], { timeout: 10_000 });
  return stdout.trim();
}

describe('what each client does with a 1xx', () => {
  it.each([102, 103])('curl shows %i, then waits for the 200', async (code) => {
    requireTool('curl');
    const { stdout } = await run('curl', ['-s', '-i', `${server.url}/status/${code}`], { encoding: 'latin1' });
    expect([...stdout.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]))).toEqual([code, 200]);
  });

  it('curl shows an unsolicited 100, then the 200', async () => {
    requireTool('curl');
    const { stdout } = await run('curl', ['-s', '-i', `${server.url}/status/100`], { encoding: 'latin1' });
    expect([...stdout.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]))).toEqual([100, 200]);
  });

  it.each([100, 102, 103])("Node's http reports %i as an information event, then the 200", async (code) => {
    const seen = await new Promise<number[]>((resolve, reject) => {
      const statuses: number[] = [];
      const req = request(`${server.url}/status/${code}`, (res) => {
        statuses.push(res.statusCode ?? 0);
        res.resume();
        res.on('end', () => resolve(statuses));
      });
      req.on('information', (info) => statuses.push(info.statusCode));
      req.on('error', reject);
      req.end();
    });
    expect(seen).toEqual([code, 200]);
  });

  it.each([102, 103])("Node's fetch skips %i and resolves with the 200", async (code) => {
    expect((await fetch(`${server.url}/status/${code}`)).status).toBe(200);
  });

  it("Node's fetch fails on an unsolicited 100, and refuses the Expect header that would solicit it", async () => {
    const failure = await fetch(`${server.url}/status/100`).then(
      () => 'resolved',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );
    expect(failure).toBe('UND_ERR_SOCKET');
    const refused = await fetch(`${server.url}/status/100`, { method: 'POST', body: 'x', headers: { Expect: '100-continue' } }).then(
      () => 'resolved',
      (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
    );
    expect(refused).toMatch(/expect header not supported/);
  });

  it.each([102, 103])("Python's http.client returns %i as the final response, with no body", async (code) => {
    requireTool(PYTHON);
    const out = await python(
      `import http.client\nc = http.client.HTTPConnection('127.0.0.1', ${server.port})\nc.request('GET', '/status/${code}')\nr = c.getresponse()\nprint(r.status, len(r.read()))`,
    );
    expect(out).toBe(`${code} 0`);
  });

  it("Python's http.client skips an unsolicited 100 and returns the 200", async () => {
    requireTool(PYTHON);
    const out = await python(
      `import http.client\nc = http.client.HTTPConnection('127.0.0.1', ${server.port})\nc.request('GET', '/status/100')\nprint(c.getresponse().status)`,
    );
    expect(out).toBe('200');
  });

  it.each([
    [102, 102],
    [103, 103],
    [100, 200],
  ])('Python requests: /status/%i comes back as %i', async (code, final) => {
    await requirePythonModule('requests', 'python3-requests');
    const out = await python(`import requests\nprint(requests.get('${server.url}/status/${code}', timeout=5).status_code)`);
    expect(Number(out)).toBe(final);
  });
});
