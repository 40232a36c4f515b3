import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../support/content.js';
import { send } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const json = async (path: string, headers: Record<string, string> = {}) => {
  const response = await send(server.url, path, { headers });
  return { response, body: response.body.length > 0 ? JSON.parse(response.body.toString()) : undefined };
};

describe('JSON API', async () => {
  const { catalog } = await loadContent();

  it('lists every code with its summary fields', async () => {
    const { response, body } = await json('/api/codes');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(body.codes.map((entry: { code: number }) => entry.code)).toEqual(catalog.codes.map((entry) => entry.code));
    expect(body.codes[0]).toEqual({
      code: catalog.codes[0]?.code,
      phrase: catalog.codes[0]?.phrase,
      aliases: catalog.codes[0]?.aliases,
      class: catalog.codes[0]?.class,
      status: catalog.codes[0]?.status,
      summary: catalog.codes[0]?.summary,
      page: `/codes/${catalog.codes[0]?.code}`,
      api: `/api/codes/${catalog.codes[0]?.code}`,
    });
  });

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '/api/codes/%i carries everything the page shows',
    async (code, entry) => {
      const { response, body } = await json(`/api/codes/${code}`);
      expect(response.status).toBe(200);
      expect(body).toMatchObject({
        code,
        phrase: entry.phrase,
        spec: entry.spec,
        related: entry.related,
        headers: entry.headers,
        constants: entry.constants,
      });
      expect(body.sections.causes.markdown).toBe(entry.sections.causes.markdown);
      expect(body.sections.responseExample.http).toBe(entry.sections.responseExample.http);
      expect(body.mock).toBe(`/status/${code}`);
    },
  );

  it.each([
    ['/api/codes/299', 404, /no page for status code 299/, '299'],
    ['/api/codes/abc', 400, /three digits from 100 to 599/, 'abc'],
    ['/api/codes/600', 400, /three digits from 100 to 599/, '600'],
    ['/api/codes/42', 400, /three digits/, '42'],
    ['/api/codes/4210', 400, /three digits/, '4210'],
    ['/api/codes/%3Cscript%3E', 400, /three digits/, '<script>'],
    ['/api/nothing', 404, /no such API route/, '/api/nothing'],
  ])('%s answers %i in the one error shape', async (path, status, message, input) => {
    const { response, body } = await json(path);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(body).toMatchObject({ status, input });
    expect(typeof body.error).toBe('string');
    expect(body.message).toMatch(message);
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s with 405', async (method) => {
    const response = await send(server.url, '/api/codes/421', { method });
    expect(response.status).toBe(405);
  });

  it('sends CORS headers and answers a preflight', async () => {
    const { response } = await json('/api/codes/421');
    expect(response.headers['access-control-allow-origin']).toBe('*');
    const preflight = await send(server.url, '/api/codes/421', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-requested-with',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    expect(preflight.headers['access-control-allow-headers']).toBe('x-requested-with');
  });

  it('answers If-None-Match with 304, per encoding', async () => {
    for (const encoding of ['identity', 'gzip', 'br']) {
      const first = await send(server.url, '/api/codes/421', { headers: { 'Accept-Encoding': encoding } });
      const again = await send(server.url, '/api/codes/421', {
        headers: { 'Accept-Encoding': encoding, 'If-None-Match': String(first.headers.etag) },
      });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });
});

describe('OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document, served as committed', async () => {
    const committed = await readFile(new URL('../../src/api/openapi.json', import.meta.url), 'utf8');
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(committed));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const served = await send(server.url, '/api/openapi.json');
    expect(served.body.toString()).toBe(committed);
  });

  it('describes every route the server answers', async () => {
    const document = JSON.parse((await send(server.url, '/api/openapi.json')).body.toString());
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/check',
      '/api/codes',
      '/api/codes/{code}',
      '/api/lint',
      '/api/openapi.json',
      '/api/search',
      '/check',
      '/codes/{code}',
      '/healthz',
      '/lint',
      '/metrics',
      '/readyz',
      '/search',
      '/status/{codes}',
    ]);
    for (const method of ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'])
      expect(document.paths['/status/{codes}'][method], method).toBeDefined();
  });
});
