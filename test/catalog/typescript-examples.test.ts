import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/catalog/paths.js';
import { loadContent } from '../support/content.js';

/** The settings a reader's project would plausibly use: strict, Node 20 with DOM types, ES modules with top-level await. */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  types: ['node'],
  noEmit: true,
  skipLibCheck: true,
};

/** Type-checks in-memory files placed inside the project, so `undici` and `@types/node` resolve as for a reader. */
function typeCheck(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(fileName));
    return text === undefined
      ? getSourceFile(fileName, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const problems = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.resolve(diagnostic.file.fileName) : '(global)';
    const where =
      diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const list = problems.get(file) ?? [];
    list.push(`line ${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    problems.set(file, list);
  }
  return problems;
}

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
