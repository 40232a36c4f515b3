import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadContent, readJson } from '../support/content.js';

interface PhraseDifferences {
  node: Record<string, { phrase: string; reason: string }>;
}

describe("phrases against Node's http.STATUS_CODES", async () => {
  const { catalog } = await loadContent();
  const differences = await readJson<PhraseDifferences>('content/sources/phrase-differences.json');

  it.each(catalog.codes.filter((entry) => STATUS_CODES[entry.code] !== undefined).map((entry) => [entry.code, entry] as const))(
    '%i: matches Node, or differs for a listed reason',
    (code, entry) => {
      const node = STATUS_CODES[code];
      const listed = differences.node[String(code)];
      if (listed) {
        expect(node, `the listed difference for ${code} is stale: Node now says "${node}"`).toBe(listed.phrase);
        expect(entry.phrase).not.toBe(node);
        expect(listed.reason.length).toBeGreaterThan(30);
      } else {
        expect(entry.phrase).toBe(node);
      }
    },
  );

  it('lists a difference only for codes that have a page', () => {
    const codes = new Set(catalog.codes.map((entry) => String(entry.code)));
    expect(Object.keys(differences.node).filter((code) => !codes.has(code))).toEqual([]);
  });
});
