import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type LaunchedBrowser, launchChromium, mustRunBrowserTests } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * A page on another origin calls the API and the mock with `credentials: 'include'`, as an app under test would:
 * Chromium enforces CORS, so this passes only if the answers name the origin and allow credentials.
 */
describe.skipIf(!browserAvailable && !mustRunBrowserTests)('CORS from another origin in Chromium', () => {
  let server: TestServer;
  let app: Server;
  let appUrl: string;
  let launched: LaunchedBrowser;

  beforeAll(async () => {
    server = await startTestServer();
    app = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>app under test</title>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
    launched = await launchChromium();
  });
  afterAll(async () => {
    await launched?.close();
    app?.close();
    await server?.close();
  });

  it.each([
    ['the mock', '/status/429?retry_after=7', 429],
    ['the mock, with a preflight', '/status/201', 201],
    ['the API', '/api/codes/421', 200],
  ])("%s answers fetch(…, { credentials: 'include' })", async (_name, path, status) => {
    const context = await launched.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(appUrl);
      // Another origin than the page's: localhost instead of 127.0.0.1.
      const target = `${server.url.replace('127.0.0.1', 'localhost')}${path}`;
      const preflighted = path === '/status/201';
      const result = await page.evaluate(
        async ({ target, preflighted }) => {
          const response = await fetch(target, {
            credentials: 'include',
            ...(preflighted ? { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-Test': '1' }, body: '{}' } : {}),
          });
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        },
        { target, preflighted },
      );
      expect(result.status).toBe(status);
      if (status === 429) expect(result.retryAfter).toBe('7');
    } finally {
      await context.close();
    }
  });
});
