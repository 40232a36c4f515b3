import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type LintRequest, lintText, RULES } from '../../src/lib/lint/index.js';

const FIXTURES = new URL('../fixtures/lint/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('expected.json', FIXTURES), 'utf8')) as Record<
  string,
  { request?: LintRequest; ids: string[] }
>;

/**
 * Raw responses written by hand from the RFCs, good and bad: each must produce exactly the rule ids listed (at the
 * levels warning and error; info findings are listed too when expected.json names them).
 */
describe('the linter on the fixture corpus', () => {
  it('has an expectation for every fixture, and a fixture for every expectation', async () => {
    const files = (await readdir(FIXTURES)).filter((name) => name.endsWith('.http')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', async (file, { request, ids }) => {
    const result = lintText(await readFile(new URL(file, FIXTURES)), request);
    if ('error' in result) throw new Error(result.error);
    const found = result.findings.filter((finding) => finding.level !== 'info' || ids.includes(finding.id)).map((finding) => finding.id);
    expect(found.sort()).toEqual([...ids].sort());
    for (const finding of result.findings) {
      expect(finding.rfc).toMatch(/^RFC \d+(bis)? §[\d.]+$/);
      expect(finding.page).toMatch(/^\/(codes\/\d{3})?$/);
    }
  });

  it('declares every rule with an id, a level, a section and a summary', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(rule.level);
      expect(rule.rfc).toMatch(/^RFC \d+ §[\d.]+$/);
      expect(rule.summary.length).toBeGreaterThan(10);
    }
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
  });

  it('says what is wrong with text that is not a response', () => {
    expect(lintText('hello')).toEqual({
      error: 'not an HTTP response: the first line should look like "HTTP/1.1 200 OK", received "hello"',
    });
  });
});
