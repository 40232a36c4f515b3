import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type LaunchedBrowser, launchChromium, mustRunBrowserTests } from '../support/browser.js';
import { startTestHttp2Servers, startTestServer, type TestHttp2Servers, type TestServer } from '../support/server.js';

interface NetworkEvent {
  kind: 'early-hints' | 'request' | 'response';
  url: string;
  timestamp: number;
  headers?: Record<string, string>;
  protocol?: string;
}

/**
 * 103 Early Hints reach Chromium only over HTTP/2 or HTTP/3: over the TLS listener the preload of the hinted script
 * starts while the mock still sleeps, before the final response has arrived. Watched through the DevTools protocol.
 */
describe.skipIf(!browserAvailable && !mustRunBrowserTests)('103 Early Hints in Chromium', () => {
  let plain: TestServer;
  let servers: TestHttp2Servers;
  let launched: LaunchedBrowser;
  let browser: Browser;

  beforeAll(async () => {
    plain = await startTestServer();
    servers = await startTestHttp2Servers();
    launched = await launchChromium();
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
    await servers?.close();
    await plain?.close();
  });

  async function navigate(url: string): Promise<NetworkEvent[]> {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const events: NetworkEvent[] = [];
      const urls = new Map<string, string>();
      await cdp.send('Network.enable');
      cdp.on('Network.requestWillBeSent', (event) => {
        urls.set(event.requestId, event.request.url);
        events.push({ kind: 'request', url: event.request.url, timestamp: event.timestamp });
      });
      cdp.on('Network.responseReceivedEarlyHints', (event) => {
        events.push({ kind: 'early-hints', url: urls.get(event.requestId) ?? '', timestamp: 0, headers: event.headers });
      });
      cdp.on('Network.responseReceived', (event) => {
        events.push({ kind: 'response', url: event.response.url, timestamp: event.timestamp, protocol: event.response.protocol ?? '' });
      });
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await page.waitForTimeout(200);
      return events;
    } finally {
      await context.close();
    }
  }

  it('over HTTP/2, Chromium receives the hint and starts the preload before the final response', async () => {
    // When each request reaches the server, and when the final response went out: the preload must arrive while
    // the mock still sleeps, before its final response (an order, not a duration, so a slow machine cannot fail it).
    const arrivals: Array<[string, number]> = [];
    let finalSent = Number.POSITIVE_INFINITY;
    const record = (req: { url?: string }, res: { once(event: 'finish', listener: () => void): unknown }) => {
      arrivals.push([req.url ?? '', Date.now()]);
      if (req.url?.startsWith('/status/103')) res.once('finish', () => (finalSent = Date.now()));
    };
    servers.servers.tls.http2.on('request', record);
    const events = await navigate(`https://localhost:${servers.tlsPort}/status/103?sleep=1500`).finally(() =>
      servers.servers.tls.http2.off('request', record),
    );
    const script = plain.product.site.assets['page.js'];
    const preloadArrived = arrivals.find(([url]) => url === script)?.[1];
    expect(preloadArrived, JSON.stringify(arrivals)).toBeDefined();
    expect(Number.isFinite(finalSent), 'the final response was seen leaving').toBe(true);
    expect(preloadArrived ?? Number.POSITIVE_INFINITY, JSON.stringify({ arrivals, finalSent })).toBeLessThan(finalSent);
    const hints = events.find((event) => event.kind === 'early-hints');
    expect(hints, JSON.stringify(events)).toBeDefined();
    expect(Object.entries(hints?.headers ?? {}).find(([name]) => name.toLowerCase() === 'link')?.[1]).toBe(
      `<${script}>; rel=preload; as=script`,
    );
    const document = events.find((event) => event.kind === 'response' && event.url.includes('/status/103'));
    expect(document?.protocol).toBe('h2');
  });

  it('over HTTP/1.1, Chromium ignores the 103 and loads the final response', async () => {
    const arrivals: string[] = [];
    const record = (req: { url?: string }) => arrivals.push(req.url ?? '');
    plain.product.server.on('request', record);
    const events = await navigate(`${plain.url}/status/103?sleep=300`).finally(() => plain.product.server.off('request', record));
    expect(events.filter((event) => event.kind === 'early-hints')).toEqual([]);
    expect(arrivals).toContain('/status/103?sleep=300');
    expect(arrivals).not.toContain(plain.product.site.assets['page.js']);
  });

  it.each([100, 102])('Chromium skips a %i and shows the final 200', async (code) => {
    await navigate(`${plain.url}/status/${code}`);
  });
});
