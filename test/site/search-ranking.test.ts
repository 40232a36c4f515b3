import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { rankCodes } from '../../src/site/assets/search-rank.js';
import { buildSearchIndex } from '../../src/site/search-index.js';
import { loadContent } from '../support/content.js';
import { startTestServer } from '../support/server.js';

/**
 * The search, tested once for every face: the live search, /search, /api/search and the CLI all call rankCodes
 * (src/site/assets/search-rank.js) on the index the build writes. Each query names the codes that must come first,
 * or be among the first three, and the codes that must not come before them.
 */
const { catalog } = await loadContent();
const index = buildSearchIndex(catalog.codes);
const codes = (query: string) => rankCodes(index, query).hits.map((hit) => hit.code);

describe('search ranking', () => {
  it.each([
    ['rate limit', 429],
    ['too many requests', 429],
    ['unauthorized', 401],
    ['server error', 500],
    ['deleted', 410],
    ['permission', 403],
    ['duplicate', 409],
    ['misdirected', 421],
    ['teapot', 418],
    ['jwt', 401],
    ['maintenance', 503],
  ])('%j: %i first', (query, first) => {
    expect(codes(query)[0]).toBe(first);
  });

  it.each([
    ['login', [401]],
    ['timeout', [408, 504]],
    ['redirect', [301, 302, 303]],
    ['cors', [204]],
    ['preflight', [204]],
    ['idempotency', [425]],
    ['upstream', [502]],
  ])('%j: %j among the first results', (query, expected) => {
    const top = codes(query).slice(0, Math.max(3, expected.length + 2));
    for (const code of expected) expect(top, `${query} → ${top.join(', ')}`).toContain(code);
  });

  it.each([
    ['rate limit', 429, 420],
    ['unauthorized', 401, 561],
    ['timeout', 408, 598],
    ['timeout', 504, 524],
    ['server error', 500, 520],
  ])('%j: the standard %i before the unofficial %i', (query, standard, unofficial) => {
    const ranked = codes(query);
    expect(ranked.indexOf(standard)).toBeGreaterThanOrEqual(0);
    if (ranked.includes(unofficial)) expect(ranked.indexOf(standard)).toBeLessThan(ranked.indexOf(unofficial));
  });

  it('sends an exact code to its page', () => {
    expect(rankCodes(index, '404').redirect).toBe(404);
    expect(rankCodes(index, '299').redirect).toBeUndefined();
  });

  it('lists a prefix in numeric order', () => {
    expect(codes('50').slice(0, 4)).toEqual([500, 501, 502, 503]);
    expect(codes('4').every((code) => code >= 400 && code < 500)).toBe(true);
  });

  it('offers a suggestion for a typo', () => {
    const ranking = rankCodes(index, 'teapto');
    expect(ranking.suggestion?.code).toBe(418);
    expect(ranking.suggestion?.phrase).toBe("I'm a teapot");
  });
});

describe('every face uses that ranking', async () => {
  const server = await startTestServer();

  it('/search?q=404 redirects to the page; /search shows the suggestion without JavaScript', async () => {
    const exact = await fetch(`${server.url}/search?q=404`, { redirect: 'manual' });
    expect(exact.status).toBe(303);
    expect(exact.headers.get('location')).toBe('/codes/404');
    const typo = await (await fetch(`${server.url}/search?q=teapto`)).text();
    expect(typo).toContain('Did you mean <a href="/codes/418">418 I&#39;m a teapot</a>?');
  });

  it('/api/search gives the same order', async () => {
    const response = (await (await fetch(`${server.url}/api/search?q=${encodeURIComponent('rate limit')}`)).json()) as {
      results: Array<{ code: number; page: string }>;
    };
    expect(response.results.map((result) => result.code)).toEqual(codes('rate limit'));
    expect(response.results[0]?.page).toBe('/codes/429');
    expect((await fetch(`${server.url}/api/search`)).status).toBe(400);
  });

  it('httpstatus search (the installed CLI, as a process) gives the same order and the same suggestion', async () => {
    const bin = fileURLToPath(new URL('../../packages/httpstatus/bin/httpstatus.js', import.meta.url));
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [bin, 'search', 'rate', 'limit', '--json']);
    expect((JSON.parse(stdout) as Array<{ code: number }>).map((entry) => entry.code)).toEqual(codes('rate limit'));
    const typo = await run(process.execPath, [bin, 'search', 'teapto']).catch((error: { code: number; stderr: string }) => error);
    expect('code' in typo ? typo.code : 0).toBe(1);
    expect(typo.stderr).toBe('no status code matches "teapto"; did you mean 418 I\'m a teapot?\n');
  });

  it('closes its server', async () => {
    await server.close();
  });
});
