// Renders src/site/assets/og-card.png, the 1200×630 card that link previews (Open Graph, Twitter) show for every
// page. Run by hand when the card's words or colours change (`node scripts/render-og-card.mjs`); the PNG is
// committed, so that the build needs no browser. Uses Debian's chromium through playwright-core.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const OUTPUT = fileURLToPath(new URL('../src/site/assets/og-card.png', import.meta.url));
const classes = [
  ['1xx', '#4493f8'],
  ['2xx', '#3fb950'],
  ['3xx', '#d29922'],
  ['4xx', '#f0883e'],
  ['5xx', '#f85149'],
];
const html = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;background:#0d1117;color:#e6edf3;
font-family:'DejaVu Sans',system-ui,sans-serif;display:flex;flex-direction:column;justify-content:center;padding:0 80px;box-sizing:border-box">
<div style="font-size:112px;font-weight:700;letter-spacing:-2px">httpstatus</div>
<div style="font-size:40px;color:#9198a1;margin:20px 0 56px">Every HTTP status code, checked against the RFCs</div>
<div style="display:flex;gap:28px">${classes
  .map(
    ([name, colour]) =>
      `<span style="font-size:48px;font-weight:700;color:${colour};border:4px solid ${colour};border-radius:48px;padding:6px 30px">${name}</span>`,
  )
  .join('')}</div></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.setContent(html);
  await page.screenshot({ path: OUTPUT });
  console.log(`wrote ${OUTPUT}`);
} finally {
  await browser.close();
}
