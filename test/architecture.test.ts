import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * Dependencies point down (STYLE.md): each layer may import only the layers listed for it. `model` imports nothing;
 * faces read the catalog's types, never each other; only `server` wires them together.
 */
const ALLOWED: Record<string, string[]> = {
  // The published library: zero dependencies, not even on our own types (its package must stand alone); every
  // other layer may use it.
  lib: [],
  model: [],
  // Where the server's little state lives (memory or Redis); it knows nothing of HTTP.
  state: [],
  http: ['lib'],
  catalog: ['model', 'lib'],
  lint: ['model', 'http', 'lib'],
  site: ['model', 'lib', 'check'],
  mock: ['model', 'http', 'lib', 'state'],
  api: ['model', 'lib'],
  check: ['lib'],
  cli: ['model', 'site', 'lib', 'check'],
  build: ['model', 'catalog', 'site', 'api', 'lib'],
  server: ['model', 'http', 'catalog', 'site', 'mock', 'lint', 'lib', 'check', 'state'],
  // The product as a Workers module: the app and the mock over the bundled site, sequences in Durable Objects.
  edge: ['model', 'mock', 'server', 'state'],
  commands: ['model', 'http', 'catalog', 'site', 'mock', 'lint', 'api', 'build', 'server', 'cli', 'lib', 'check', 'state', 'edge'],
};

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('architecture', () => {
  it('has a rule for every layer', async () => {
    const layers = (await readdir(SRC, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(layers.filter((layer) => !(layer in ALLOWED))).toEqual([]);
  });

  it('imports only downwards', async () => {
    const violations: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const layer = path.relative(SRC, file).split(path.sep)[0] ?? '';
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), match[1] ?? ''));
        const targetLayer = target.split(path.sep)[0] ?? '';
        if (targetLayer !== layer && !ALLOWED[layer]?.includes(targetLayer))
          violations.push(`${path.relative(SRC, file)} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
