import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/catalog/paths.js';
import { loadContent } from '../support/content.js';
import { typeCheck } from '../support/type-check.js';

const virtualPath = (code: number) => path.join(PROJECT_ROOT, '.examples', `${code}.ts`);

describe('TypeScript client examples', async () => {
  const { catalog } = await loadContent();
  const files = new Map(catalog.codes.map((entry) => [virtualPath(entry.code), entry.sections.clientExample.typescript]));
  const problems = typeCheck(files);

  it('the checker reports a type error when there is one', () => {
    const bad = new Map([[virtualPath(999), 'const status: string = (await fetch("https://example.com/")).status;\n']]);
    expect(typeCheck(bad).get(virtualPath(999))?.join('\n')).toMatch(/not assignable to type 'string'/);
  });

  it('compiles with no global errors', () => {
    expect(problems.get('(global)') ?? []).toEqual([]);
  });

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))('%i: type-checks and uses fetch', (code, entry) => {
    expect(problems.get(virtualPath(code)) ?? []).toEqual([]);
    expect(entry.sections.clientExample.typescript).toMatch(/\bfetch\(/);
    expect(entry.sections.clientExample.shell).toMatch(/\bcurl\b/);
  });
});
