import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, type LaunchedBrowser, launchChromium, mustRunBrowserTests } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The server-side examples: stacked without JavaScript, tabs with it, and the reader's choice kept across pages. */
describe.skipIf(!browserAvailable && !mustRunBrowserTests)('server-side example tabs in Chromium', () => {
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

  const visiblePrograms = (langs: string[]) => langs.filter((lang) => ['ts', 'go', 'python', 'nginx'].includes(lang));

  it('shows every program one after another without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/codes/405`);
    const section = page.locator('section:has(#server-side-example)');
    expect(await section.locator('[role=tab]').count()).toBe(0);
    const shown = await section.locator('pre.code:visible').evaluateAll((pres) => pres.map((pre) => pre.getAttribute('data-lang') ?? ''));
    expect(visiblePrograms(shown)).toEqual(['ts', 'ts', 'go', 'python']);
    await context.close();
  });

  it('turns them into tabs: one panel at a time, arrow keys move, the choice holds on the next page, no axe violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/codes/405`);
    const section = page.locator('section:has(#server-side-example)');
    const tabs = section.locator('[role=tab]');
    expect(await tabs.allTextContents()).toEqual(['Node.js', 'Hono', 'Go', 'Python']);
    // The visible program, by its first line ("// Node.js (node:http)", "// Hono (@hono/node-server)", "// Go (net/http)").
    const shownLangs = () =>
      section
        .locator('[role=tabpanel]:visible pre')
        .evaluateAll((pres) => pres.map((pre) => pre.textContent?.split('\n')[0]?.split(' ')[1]));
    expect(await shownLangs()).toEqual(['Node.js']);
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');

    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await shownLangs()).toEqual(['Hono']);
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Hono');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await shownLangs()).toEqual(['Python']);
    // The curl command is not a tab: it stays visible under whichever program is shown.
    expect(await section.locator('pre[data-lang=sh]').isVisible()).toBe(true);

    const results = await new AxeBuilder({ page }).include('section:has(#server-side-example)').analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.goto(`${server.url}/codes/429`);
    expect(
      await page.locator('[role=tabpanel]:visible pre').evaluateAll((pres) => pres.map((pre) => pre.getAttribute('data-lang'))),
    ).toEqual(['python']);
    // A page without a Hono program falls back to the first tab when Hono was the last choice.
    await page.locator('[role=tab]', { hasText: 'Node.js' }).click();
    await page.goto(`${server.url}/codes/405`);
    await page.locator('[role=tab]', { hasText: 'Hono' }).click();
    // 102 has no Hono program: Hono cannot send an interim response.
    await page.goto(`${server.url}/codes/102`);
    expect(await page.locator('[role=tab]').allTextContents()).not.toContain('Hono');
    expect(await page.locator('[role=tab][aria-selected=true]').textContent()).toBe('Node.js');
    await context.close();
  });
});
