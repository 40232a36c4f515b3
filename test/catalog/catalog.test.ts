import { describe, expect, it } from 'vitest';
import { formatContentError } from '../../src/catalog/content-error.js';
import { SECTIONS } from '../../src/catalog/sections.js';
import { FIRST_PAGES, loadContent } from '../support/content.js';

describe('the content catalog', async () => {
  const { catalog, errors } = await loadContent();
  const codes = new Set(catalog.codes.map((entry) => entry.code));

  it('compiles without a single content error', () => {
    expect(errors.map(formatContentError)).toEqual([]);
  });

  it('has a page for each of the first 34 codes', () => {
    expect(FIRST_PAGES.filter((code) => !codes.has(code))).toEqual([]);
  });

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))('%i: every related code has a page and a note', (_code, entry) => {
    for (const related of entry.related) {
      expect(codes.has(related.code), `${entry.code} relates to ${related.code}`).toBe(true);
      expect(related.note.length).toBeGreaterThan(15);
    }
  });

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '%i: every section is present, in the order of the page',
    (_code, entry) => {
      expect(Object.keys(entry.sections)).toEqual(SECTIONS.map((section) => section.key));
      for (const section of SECTIONS) {
        // An optional section (server-side examples, for now) is either absent, rendered empty, or a real one.
        if (section.optional && entry.sections[section.key].markdown === '') continue;
        expect(entry.sections[section.key].markdown.length, section.heading).toBeGreaterThan(80);
      }
    },
  );

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '%i: spec links point at RFC Editor section anchors',
    (_code, entry) => {
      for (const spec of entry.spec) {
        if (spec.rfc !== undefined) {
          expect(spec.url).toBe(`https://www.rfc-editor.org/rfc/rfc${spec.rfc}${spec.section ? `#section-${spec.section}` : ''}`);
        }
      }
    },
  );
});
