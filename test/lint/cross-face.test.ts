import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lib/lint/index.js';
import { exampleToWire } from '../../src/lint/raw-response.js';
import { loadContent } from '../support/content.js';
import { exchange } from '../support/http.js';
import { startTestServer } from '../support/server.js';

const errors = (result: ReturnType<typeof lintText>) =>
  'error' in result
    ? [result.error]
    : result.findings.filter((finding) => finding.level === 'error').map((finding) => `${finding.id}: ${finding.message}`);

describe('every response example in content/codes passes the linter', async () => {
  const { catalog } = await loadContent();
  const examples = catalog.codes.filter((entry) => entry.wire !== null);
  // The examples do not say which request they answer, so rules that need the request do not apply.
  it.each(examples.map((entry) => [entry.code, entry.sections.responseExample.http] as const))('%i: no error finding', (_code, http) => {
    const { wire } = exampleToWire(http);
    expect(errors(lintText(wire))).toEqual([]);
  });
});

describe('every mock response passes the linter', async () => {
  const server = await startTestServer();
  const { catalog } = await loadContent();
  const codes = catalog.codes.map((entry) => entry.code).filter((code) => code !== 101);
  for (const method of ['GET', 'HEAD']) {
    it.each(codes)(`${method} /status/%i: no error finding`, async (code) => {
      const raw = await exchange(server.port, `${method} /status/${code} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(errors(lintText(raw, { method }))).toEqual([]);
    });
  }
  it('the server closes', async () => {
    await server.close();
  });
});
