import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_VALUES } from '../../src/mock/header-values.js';
import { loadContent } from '../support/content.js';
import { exchange, headerNames, send } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { requireTool } from '../support/tools.js';

const run = promisify(execFile);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const NO_CONTENT = new Set([204, 304]);

describe('every catalog code through /status', async () => {
  const { catalog } = await loadContent();
  const finals = catalog.codes.filter((entry) => entry.code >= 200);

  it('has a value for every header the catalog asks the mock to send', () => {
    for (const entry of catalog.codes) {
      for (const header of entry.headers) expect(HEADER_VALUES[header.name.toLowerCase()], `${entry.code} ${header.name}`).toBeDefined();
    }
  });

  it.each(finals.map((entry) => [entry.code, entry] as const))(
    'GET /status/%i: status, MUST and SHOULD headers, framing',
    async (code, entry) => {
      const response = await send(server.url, `/status/${code}`);
      expect(response.status).toBe(code);
      expect(response.interim).toEqual([]);
      const required = server.product.mock.codes.get(code)?.headers ?? [];
      for (const header of entry.headers.filter((h) => h.level === 'MUST' || h.level === 'SHOULD')) {
        const expectedToBeSent = required.some((r) => r.name === header.name);
        expect(expectedToBeSent, `${code} ${header.name} is in the mock's table`).toBe(true);
      }
      for (const header of required) {
        const applies = HEADER_VALUES[header.name.toLowerCase()]?.({
          code,
          knobs: { sleepMs: 0, headers: [], location: undefined, retryAfter: undefined, sequenceKey: undefined },
          request: { method: 'GET', headers: {} },
          representationLength: 101,
          contentRange: 'bytes 0-49/101',
          etag: '"tag"',
        });
        if (applies !== undefined) expect(response.headers[header.name.toLowerCase()], `${code} ${header.name}`).toBeDefined();
      }
      if (entry.content === 'forbidden' || NO_CONTENT.has(code)) {
        expect(response.body.length).toBe(0);
        expect(response.headers['transfer-encoding']).toBeUndefined();
        if (code === 205) expect(response.headers['content-length']).toBe('0');
        else expect(response.headers['content-length']).toBeUndefined();
      } else {
        expect(Number(response.headers['content-length'])).toBe(response.body.length);
      }
      expect(response.headers['access-control-allow-origin']).toBe('*');
    },
  );

  it.each(finals.map((entry) => [entry.code] as const))(
    'HEAD /status/%i: same status and fields, no content, no framing fields',
    async (code) => {
      const raw = (await exchange(server.port, `HEAD /status/${code} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)).toString(
        'latin1',
      );
      const [head = '', rest = ''] = raw.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${code} `));
      expect(rest).toBe('');
      const names = headerNames(head);
      expect(names).not.toContain('transfer-encoding');
      if (code !== 205) expect(names).not.toContain('content-length');
      const get = await send(server.url, `/status/${code}`);
      for (const name of Object.keys(get.headers)) {
        if (['date', 'content-length', 'connection', 'keep-alive'].includes(name)) continue;
        expect(names, `${code} HEAD lacks ${name}`).toContain(name);
      }
    },
  );

  const tried = catalog.codes.filter((entry) => entry.tryIt?.curl);
  it.each(tried.map((entry) => [entry.code, entry.tryIt?.curl ?? ''] as const))(
    'the "Try it" command of %i gets that status from the mock: curl -i %s',
    async (code, options) => {
      requireTool('curl');
      // The options as a shell would split them: single-quoted words stay whole.
      const args = [...options.matchAll(/'([^']*)'|(\S+)/g)].map((part) => part[1] ?? part[2] ?? '');
      const { stdout } = await run('curl', ['-s', '-i', '--max-time', '3', ...args, `${server.url}/status/${code}`], {
        encoding: 'latin1',
      }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      expect(stdout).toMatch(new RegExp(`^HTTP/1\\.1 ${code} `, 'm'));
    },
  );

  it('answers a code without a page with its Node phrase and no catalog headers', async () => {
    const response = await send(server.url, '/status/299');
    expect(response.status).toBe(299);
    expect(response.body.toString()).toMatch(/^299 /);
  });
});
