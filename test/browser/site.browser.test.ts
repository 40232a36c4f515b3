import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type LaunchedBrowser, launchChromium, mustRunBrowserTests } from '../support/browser.js';
import { SECTION_IDS } from '../support/page-sections.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Without Chromium the tests skip on a developer machine; with CI=true they run and fail loudly.
describe.skipIf(!browserAvailable && !mustRunBrowserTests)('the site in Chromium', () => {
  let server: TestServer;
  let launched: LaunchedBrowser;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    launched = await launchChromium();
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  /** A page that records console errors and failed requests, which every test then asserts are absent. */
  async function open(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    return { page, problems };
  }

  it('search finds 421 for "misdirected"; a click opens the page; sections show; back and related links work', async () => {
    const context = await browser.newContext();
    const { page, problems } = await open(context);
    await page.goto(`${server.url}/`);
    await page.keyboard.press('/');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('q');
    await page.keyboard.type('misdirected');
    const first = page.locator('#results li').first();
    await expect.poll(() => first.getAttribute('data-code')).toBe('421');
    await first.locator('a').click();
    await page.waitForURL(`${server.url}/codes/421`);
    expect(await page.locator('h1').textContent()).toBe('421 Misdirected Request');

    for (const id of SECTION_IDS) {
      const heading = page.locator(`h2#${id}`);
      await heading.scrollIntoViewIfNeeded();
      expect(await heading.isVisible(), id).toBe(true);
    }
    expect(await page.locator('.example button.copy').first().isVisible()).toBe(true);

    const related = page.locator('#related-status-codes + ul a').first();
    const target = await related.getAttribute('href');
    await related.click();
    await page.waitForURL(`${server.url}${target}`);

    await page.getByRole('link', { name: '← Back to status codes' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('HTTP status codes');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works with JavaScript disabled: pages read the same and search submits to /search', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await open(context);
    await page.goto(`${server.url}/codes/421`);
    expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(9);
    expect(await page.locator('.example button.copy').first().isVisible()).toBe(false);
    await page.fill('#q', 'too many reqests');
    await page.press('#q', 'Enter');
    await page.waitForURL(/\/search\?q=too\+many\+reqests/);
    expect(await page.locator('ul.codes li').first().getAttribute('data-code')).toBe('429');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is comfortable on a phone: no horizontal scrolling of the page', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true });
    const { page } = await open(context);
    for (const pathname of ['/', '/codes/421']) {
      await page.goto(`${server.url}${pathname}`);
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, pathname).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
