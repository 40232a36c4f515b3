import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RFC_SECTIONS_DIR } from './compile-catalog.js';
import { checkFrontMatterCitations, checkProseCitations, loadRfcSections, type RfcSections } from './rfc-citations.js';

const root = path.resolve(import.meta.dirname, '../..');
const SECTIONS: RfcSections = new Map([
  [9110, new Set(['11', '11.4', '15', '15.5', '15.5.4', '15.5.5'])],
  [9113, new Set(['9', '9.1', '9.1.1'])],
]);
const prose = (text: string) => checkProseCitations('content/codes/999.md', text, 40, SECTIONS);

describe('checkProseCitations', () => {
  it('accepts sections the RFC has, bare ones belonging to the RFC named last in the paragraph', () => {
    expect(prose('Per RFC 9110 §15.5.4 and §11.4, and RFC 9113 §9.1.1.')).toEqual([]);
  });

  it('names the file, the line and the missing section, with the sections that do exist beside it', () => {
    expect(prose('Intro.\n\nSee RFC 9113 §9.1.2 for coalescing.')).toEqual([
      {
        file: 'content/codes/999.md',
        line: 42,
        field: '§9.1.2',
        message: 'RFC 9113 has no section 9.1.2; §9.1 has §9.1.1',
      },
    ]);
  });

  it('asks which RFC a bare § means when none was named earlier in its paragraph', () => {
    const errors = prose('RFC 9110 §15.5.4 says so.\n\nAnd §11.4 too.');
    expect(errors.map((error) => [error.line, error.message])).toEqual([
      [42, 'name the RFC this section belongs to earlier in the paragraph'],
    ]);
  });

  it('does not take the sections of other documents or of code samples for an RFC’s', () => {
    expect(prose('RFC 9110 §15.5.4; MS-WEBDAVE §2.2.1 and draft-ietf-httpbis-foo §3.')).toEqual([]);
    expect(prose('RFC 9110 §15.5.4\n```\n§99.9 inside a fence\n```')).toEqual([]);
  });

  it('asks for a section list when the RFC has none', () => {
    expect(prose('RFC 5842 §7.1.')[0]?.message).toBe('RFC 5842 has no section list; add content/sources/rfc-sections/rfc5842.json');
  });
});

describe('checkFrontMatterCitations', () => {
  it('checks rfc + section pairs and points at the section line', () => {
    const yaml = [
      'spec:',
      '  - rfc: 9110',
      '    section: "15.5.5"',
      '  - rfc: 9113',
      '    section: "9.1.2"',
      '  - draft: draft-ietf-foo',
      '    section: "7.7"',
      'summary: Forbidden (RFC 9110 §15.5.4).',
    ].join('\n');
    const errors = checkFrontMatterCitations('content/codes/999.md', yaml, 2, SECTIONS);
    expect(errors.map((error) => [error.line, error.field, error.message])).toEqual([
      [6, 'front matter "section" 9.1.2', 'RFC 9113 has no section 9.1.2; §9.1 has §9.1.1'],
    ]);
  });
});

describe('the committed section lists', () => {
  it('are filed under their RFC number, say where they were taken from and when, and list sections in order', async () => {
    const directory = path.join(root, RFC_SECTIONS_DIR);
    const names = (await readdir(directory)).filter((name) => name.endsWith('.json'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const text = await readFile(path.join(directory, name), 'utf8');
      const list = JSON.parse(text) as { rfc: number; title: string; source: object; checked: string; sections: Record<string, string> };
      expect(`rfc${list.rfc}.json`, name).toBe(name);
      expect(list.title, name).not.toBe('');
      expect(Object.keys(list.source).length, name).toBeGreaterThan(0);
      expect(list.checked, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Document order, read from the file's text (JSON.parse puts "2" before "1.1").
      const order = [...text.matchAll(/^ {4}"([0-9A-Z.]+)":/gm)].map((match) => match[1]);
      expect(order[0], name).toBe('1');
      expect(order.length, name).toBe(Object.keys(list.sections).length);
    }
    const loaded = await loadRfcSections(directory);
    expect(loaded?.get(9113)?.has('9.1.1')).toBe(true);
    expect(loaded?.get(9113)?.has('9.1.2')).toBe(false);
  });

  // The RFC texts in ../shared/ref/rfc/ are the primary source the lists for those RFCs were made from; CI has them.
  const refDir = path.resolve(root, '../shared/ref/rfc');
  it.runIf(existsSync(refDir) || process.env.CI === 'true')('match the RFC texts in ../shared/ref/rfc/ section for section', async () => {
    const texts = (await readdir(refDir)).filter((name) => /^rfc\d+\.txt$/.test(name));
    expect(texts.length).toBeGreaterThan(0);
    for (const name of texts) {
      const { stdout } = await promisify(execFile)(process.execPath, [
        path.join(root, 'scripts/rfc-sections.mjs'),
        path.join(refDir, name),
      ]);
      const fresh = JSON.parse(stdout) as { sections: Record<string, string> };
      const committed = JSON.parse(await readFile(path.join(root, RFC_SECTIONS_DIR, name.replace('.txt', '.json')), 'utf8')) as {
        sections: Record<string, string>;
      };
      expect(committed.sections, name).toEqual(fresh.sections);
    }
  });
});
