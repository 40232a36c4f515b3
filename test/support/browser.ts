import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI the browser tests are mandatory: a missing Chromium fails them instead of skipping them. */
export const browserAvailable = existsSync(CHROMIUM_PATH);
export const mustRunBrowserTests = process.env.CI === 'true';

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with everything that would reach for the (absent) network switched off.
 * Playwright gives each launch a fresh, temporary user-data folder.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!browserAvailable) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium package (apt-get install -y chromium)`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}
