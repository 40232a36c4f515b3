import { describe, expect, it } from 'vitest';
import { loadTestSite } from '../support/server.js';

/** One round trip: a code page (its HTML with the inline CSS) must fit in about ten TCP segments. */
const CODE_PAGE_BUDGET = 14 * 1024;
const INDEX_BUDGET = 30 * 1024;

describe('compressed size budgets', async () => {
  const site = await loadTestSite();
  const pages = [...site.files].filter(([path]) => path.startsWith('/codes/'));

  // The bytes the server sends: the build's precompressed variants.
  it.each(pages.map(([path, file]) => [path, file] as const))('%s fits in 14 KB with br and gzip', (_path, file) => {
    expect(file.variants.br.body.length).toBeLessThanOrEqual(CODE_PAGE_BUDGET);
    expect(file.variants.gzip.body.length).toBeLessThanOrEqual(CODE_PAGE_BUDGET);
  });

  it('the index fits in 30 KB with br and gzip', () => {
    const index = site.files.get('/');
    expect(index?.variants.identity.body.length).toBeGreaterThan(1000);
    expect(index?.variants.br.body.length).toBeLessThanOrEqual(INDEX_BUDGET);
    expect(index?.variants.gzip.body.length).toBeLessThanOrEqual(INDEX_BUDGET);
  });

  it('inlines all the CSS a page needs (no stylesheet request)', () => {
    const html = site.files.get('/codes/421')?.variants.identity.body.toString() ?? '';
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  });
});
