import { mkdir } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type LaunchedBrowser, launchChromium, mustRunBrowserTests } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const RESULTS = new URL('../../test-results/', import.meta.url);

/** The two screens the site is read on: a desktop wide enough for the margin contents list, and a phone. */
const VIEWPORTS: Record<'desktop' | 'phone', BrowserContextOptions> = {
  desktop: { viewport: { width: 1400, height: 900 } },
  phone: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

// Without Chromium the tests skip on a developer machine; with CI=true they run and fail loudly.
describe.skipIf(!browserAvailable && !mustRunBrowserTests)('reading the site in Chromium, desktop and phone', () => {
  let server: TestServer;
  let launched: LaunchedBrowser;
  let browser: Browser;

  beforeAll(async () => {
    await mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    launched = await launchChromium();
    browser = launched.browser;
  });
  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  /** A page that records console errors and failed requests; each test asserts there are none. */
  async function open(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // A request the browser itself abandoned (a favicon still loading when the test navigates on) is no fault of ours.
    page.on('requestfailed', (request) => {
      if (request.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    return { page, problems };
  }

  const box = async (page: Page, selector: string) => {
    const found = await page.locator(selector).first().boundingBox();
    if (!found) throw new Error(`${selector} is not rendered`);
    return found;
  };

  for (const [device, options] of Object.entries(VIEWPORTS)) {
    describe(device, () => {
      it('live search ranks as you type, keeps the query in the address, and Back restores it', async () => {
        const context = await browser.newContext(options);
        const { page, problems } = await open(context);
        await page.goto(`${server.url}/`);
        await page.fill('#q', 'rate limit');
        const first = page.locator('#results li').first();
        await expect.poll(() => first.getAttribute('data-code')).toBe('429');
        expect(await page.locator('#groups').isHidden()).toBe(true);
        expect(await page.locator('#filters').isHidden()).toBe(true);
        expect(new URL(page.url()).searchParams.get('q')).toBe('rate limit');
        // Tags travel with the live results, as on /search.
        await page.fill('#q', 'teapot');
        await expect.poll(() => page.locator('#results li[data-code="418"] .tag').textContent()).toBe('unused');
        await page.locator('#results li[data-code="418"] a').click();
        await page.waitForURL(`${server.url}/codes/418`);
        expect(await page.locator('h1').textContent()).toBe("418 I'm a teapot");
        await page.goBack();
        await page.waitForURL(/\?q=teapot$/);
        expect(await page.inputValue('#q')).toBe('teapot');
        await expect.poll(() => first.getAttribute('data-code')).toBe('418');
        // A typo gets a suggestion; an exact code and Enter go to its page.
        await page.fill('#q', 'teapto');
        await expect.poll(() => page.locator('#results').textContent()).toContain('Did you mean 418');
        await page.fill('#q', '404');
        await page.press('#q', 'Enter');
        await page.waitForURL(`${server.url}/codes/404`);
        expect(problems).toEqual([]);
        await context.close();
      });

      it('copies an example without covering it, and says so to screen readers', async () => {
        const context = await browser.newContext({ ...options, permissions: ['clipboard-read', 'clipboard-write'] });
        const { page, problems } = await open(context);
        await page.goto(`${server.url}/codes/499`);
        const example = page.locator('section[aria-labelledby="response-example"] .example').first();
        await example.scrollIntoViewIfNeeded();
        const button = example.locator('button.copy');
        const pre = example.locator('pre');
        // The first line of code starts below the button: the button never hides text.
        const buttonBox = await button.boundingBox();
        const firstLine = await pre.evaluate((element) => {
          const range = element.ownerDocument.createRange();
          range.selectNodeContents(element);
          return range.getClientRects()[0]?.top ?? 0;
        });
        expect(buttonBox).not.toBeNull();
        expect(firstLine).toBeGreaterThanOrEqual((buttonBox?.y ?? 0) + (buttonBox?.height ?? 0));
        await button.click();
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(await pre.textContent());
        expect(await button.textContent()).toBe('Copied');
        expect(await page.locator('[role="status"]').textContent()).toBe('Copied to the clipboard');
        expect(problems).toEqual([]);
        await context.close();
      });

      it('"Try it" names the server the page came from, on one line that scrolls', async () => {
        const context = await browser.newContext(options);
        const { page, problems } = await open(context);
        await page.goto(`${server.url}/codes/421`);
        const command = page.locator('.try pre');
        await expect.poll(() => command.textContent()).toBe(`curl -i ${server.url}/status/421`);
        const lineHeight = await command.evaluate(
          (element) => Number.parseFloat(element.ownerDocument.defaultView?.getComputedStyle(element).lineHeight ?? '') || 20,
        );
        const text = await box(page, '.try pre code');
        expect(text.height).toBeLessThan(lineHeight * 1.5);
        expect(problems).toEqual([]);
        await context.close();
      });

      it('shows the skip link when it has focus, and it moves focus to the content', async () => {
        const context = await browser.newContext(options);
        const { page } = await open(context);
        await page.goto(`${server.url}/codes/421`);
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement?.className')).toBe('skip');
        const skip = await box(page, 'a.skip');
        expect(skip.y).toBeGreaterThanOrEqual(0);
        expect(skip.height).toBeGreaterThan(10);
        await page.keyboard.press('Enter');
        expect(await page.evaluate('document.activeElement?.id')).toBe('main');
        await context.close();
      });

      it('keeps space around the content: the back link clears the header, the pager the footer', async () => {
        const context = await browser.newContext(options);
        const { page } = await open(context);
        await page.goto(`${server.url}/codes/421`);
        const header = await box(page, 'header.top');
        const back = await box(page, 'a.back');
        expect(back.y - (header.y + header.height)).toBeGreaterThanOrEqual(12);
        const pager = await box(page, 'nav.pager');
        const footer = await box(page, 'footer');
        expect(footer.y - (pager.y + pager.height)).toBeGreaterThanOrEqual(12);
        await context.close();
      });

      it('lists every section in the contents list, and each link lands on its heading', async () => {
        const context = await browser.newContext(options);
        const { page } = await open(context);
        await page.goto(`${server.url}/codes/421`);
        const targets = await page.locator('nav.toc a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
        const headings = await page.locator('main h2[id]').evaluateAll((elements) => elements.map((element) => `#${element.id}`));
        expect(targets).toEqual(headings);
        expect(targets).toContain('#constants');
        const toc = page.locator('nav.toc');
        await page.locator('#constants').scrollIntoViewIfNeeded();
        if (device === 'desktop') {
          // In the margin beside the text, and still in view far down the page.
          expect((await box(page, 'nav.toc')).x).toBeGreaterThan((await box(page, '#constants')).x + 500);
          expect(await toc.isVisible()).toBe(true);
          const top = await toc.evaluate((element) => element.getBoundingClientRect().top);
          expect(top).toBeGreaterThanOrEqual(0);
          expect(top).toBeLessThan(40);
        } else {
          // In the flow on a phone: scrolled away with the top of the page.
          expect(await toc.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).position)).toBe('static');
        }
        await context.close();
      });

      it('lets a wide table scroll by keyboard inside its box, never the page', async () => {
        const context = await browser.newContext(options);
        const { page } = await open(context);
        await page.goto(`${server.url}/codes/421`);
        const region = page.locator('section[aria-labelledby="constants"] [role="region"]');
        expect(await region.getAttribute('tabindex')).toBe('0');
        expect(await region.getAttribute('aria-label')).toBeTruthy();
        const overflow = await region.evaluate((element) => element.scrollWidth - element.clientWidth);
        if (device === 'phone') {
          expect(overflow).toBeGreaterThan(0);
          await region.focus();
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
        }
        expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
        await context.close();
      });

      it('has no serious or critical axe violation in either theme, tables scrolled; screenshots in test-results/', async () => {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({ ...options, colorScheme });
          const { page, problems } = await open(context);
          for (const [name, pathname] of [
            ['index', '/'],
            ['421', '/codes/421'],
            ['499', '/codes/499'],
            ['471', '/codes/471'],
            ['search', '/search?q=redirect'],
          ] as const) {
            const response = await page.goto(`${server.url}${pathname}`);
            expect(response?.status(), pathname).toBe(pathname === '/codes/471' ? 404 : 200);
            if (name === 'index' || name === '421')
              await page.screenshot({ path: new URL(`${name}-${device}-${colorScheme}.png`, RESULTS).pathname, fullPage: true });
            await page.locator('[role="region"]').evaluateAll((regions) => {
              for (const region of regions) region.scrollLeft = region.scrollWidth;
            });
            const results = await new AxeBuilder({ page }).analyze();
            const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
            expect(
              serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
              `${name} ${device} ${colorScheme}`,
            ).toEqual([]);
          }
          // The 404 status of /codes/471 is the only "problem" expected: Chromium logs every 404 document.
          expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
          await context.close();
        }
      });
    });
  }

  it('filters the index by class and standing, and compacts it, without JavaScript', async () => {
    const context = await browser.newContext({ ...VIEWPORTS.desktop, javaScriptEnabled: false });
    const { page } = await open(context);
    await page.goto(`${server.url}/`);
    const visibleCodes = () =>
      page
        .locator('#groups li[data-code]')
        .evaluateAll((items) =>
          items.filter((item) => item.getClientRects().length > 0).map((item) => item.getAttribute('data-code') ?? ''),
        );
    const all = await visibleCodes();
    await page.check('#only-4xx');
    const fours = await visibleCodes();
    expect(fours.length).toBeGreaterThan(20);
    expect(fours.every((code) => code.startsWith('4'))).toBe(true);
    expect(fours).toContain('499'); // unofficial 4xx codes stay, in their own group
    await page.check('#only-standard');
    const registered = await visibleCodes();
    expect(registered).toContain('421');
    expect(registered).not.toContain('499');
    await page.check('#only-unofficial');
    expect((await visibleCodes()).every((code) => code.startsWith('4'))).toBe(true);
    expect(await visibleCodes()).toContain('499');
    await page.check('#only-all');
    await page.check('#only-any');
    expect(await visibleCodes()).toEqual(all);
    const tall = await page.evaluate('document.documentElement.scrollHeight');
    await page.check('#compact');
    expect(await page.locator('#groups .sum').first().isVisible()).toBe(false);
    const compact = (await page.evaluate('document.documentElement.scrollHeight')) as number;
    // The whole registry on about two desktop screens instead of a long scroll.
    expect(compact).toBeLessThan((tall as number) / 3);
    expect(compact).toBeLessThan(900 * 3);
    await page.screenshot({ path: new URL('index-compact-desktop.png', RESULTS).pathname, fullPage: true });
    await context.close();
  });

  it('prints on A4 without the header, search or buttons, and code wraps instead of overflowing', async () => {
    const context = await browser.newContext({ viewport: { width: 700, height: 1000 } });
    const { page } = await open(context);
    await page.goto(`${server.url}/codes/421`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.top', 'footer', 'form.search', '.copy', 'nav.pager', 'a.back'])
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    const wide = await page
      .locator('pre.code')
      .evaluateAll((blocks) => blocks.filter((block) => block.scrollWidth > block.clientWidth + 1).length);
    expect(wide).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});
