import path from 'node:path';
import ts from 'typescript';

/** The settings a reader's project would plausibly use: strict, Node 20 with DOM types, ES modules with top-level await. */
export const OPTIONS: ts.CompilerOptions = {
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
export function typeCheck(files: ReadonlyMap<string, string>, options: ts.CompilerOptions = OPTIONS): Map<string, string[]> {
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(fileName));
    return text === undefined
      ? getSourceFile(fileName, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(fileName, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => files.has(path.resolve(fileName)) || fileExists(fileName);
  const program = ts.createProgram([...files.keys()], options, host);
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
