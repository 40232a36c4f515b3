import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryTables } from '../../src/build/package.js';
import { loadContent } from '../support/content.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = path.join(ROOT, 'packages/httpstatus');
const DIST = path.join(PACKAGE, 'dist');

describe('the generated library tables', () => {
  it('are committed as the current content generates them (run npm run build and commit when this fails)', async () => {
    const { catalog } = await loadContent();
    for (const [file, text] of libraryTables(catalog.codes)) {
      expect(await readFile(path.join(ROOT, file), 'utf8'), file).toBe(text);
    }
  });
});

describe('the public surface', () => {
  // A change here is a change to the published API: make it on purpose, and say so in the package's README.
  it.each([
    [
      'index.js',
      'classOf codeOf forbidsContent isCacheableByDefault isClientError isInformational isRedirect isRedirection isServerError isStatusCode isSuccess phraseOf preservesMethod requiredHeadersOf retryPolicyOf Status',
    ],
    ['catalog.js', 'entries entryOf'],
    ['lint/index.js', 'RULES describeCaching lintResponse lintText parseResponseText'],
    ['generated/vendors/nginx.js', 'PHRASES Status'],
  ])('%s exports exactly its names', async (file, names) => {
    const module = (await import(path.join(DIST, file))) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(names.split(' ').sort());
  });

  it('exports every vendor module the build generates, and the files it names exist', async () => {
    const manifest = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types: string; default: string }>;
      dependencies?: Record<string, string>;
      sideEffects: boolean;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.sideEffects).toBe(false);
    const { catalog } = await loadContent();
    const vendors = [...libraryTables(catalog.codes).keys()].flatMap((file) => /vendors\/(\w+)\.ts$/.exec(file)?.[1] ?? []);
    for (const vendor of vendors) expect(Object.keys(manifest.exports), vendor).toContain(`./${vendor}`);
    for (const target of Object.values(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : [target.types, target.default]) {
        await expect(readFile(path.join(PACKAGE, file)), file).resolves.toBeDefined();
      }
    }
  });

  it('has no node: import and no dependency in the library entry points (browsers, edge runtimes)', async () => {
    const result = await build({
      stdin: { contents: `export * from ${JSON.stringify(path.join(DIST, 'index.js'))};`, resolveDir: ROOT },
      bundle: true,
      platform: 'neutral',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => input !== '<stdin>');
    expect(inputs.length).toBeGreaterThan(1);
    expect(inputs.filter((input) => !input.startsWith('packages/httpstatus/dist/'))).toEqual([]);
  });
});

describe('size budgets, on esbuild minified output', () => {
  async function gzipped(source: string): Promise<number> {
    const result = await build({
      stdin: { contents: source, resolveDir: ROOT },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      logLevel: 'silent',
    });
    return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length;
  }
  const entry = JSON.stringify(path.join(DIST, 'index.js'));

  it('one constant costs at most 1 KB gzip', async () => {
    expect(await gzipped(`import { Status } from ${entry}; console.log(Status.MisdirectedRequest);`)).toBeLessThanOrEqual(1024);
  });

  it('one look-up costs less than the whole core', async () => {
    const phrase = await gzipped(`import { phraseOf } from ${entry}; console.log(phraseOf(421));`);
    const all = await gzipped(`import * as all from ${entry}; console.log(all);`);
    expect(phrase).toBeLessThan(all);
  });

  it('the whole core costs at most 3 KB gzip', async () => {
    expect(await gzipped(`import * as all from ${entry}; console.log(all);`)).toBeLessThanOrEqual(3072);
  });
});

describe('npm pack, installed into an empty folder without the network', () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'httpstatus-pack-'));
    const { stdout } = await run('npm', ['pack', PACKAGE, '--pack-destination', project, '--json'], { cwd: ROOT });
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(project, filename)], {
      cwd: project,
    });
  }, 120_000);
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it('imports from ESM: the core, a vendor module, the catalog', async () => {
    const script = `
      import { Status, phraseOf, codeOf } from 'httpstatus';
      import { Status as Nginx } from 'httpstatus/nginx';
      import { entryOf } from 'httpstatus/catalog';
      import { lintText } from 'httpstatus/lint';
      const lint = lintText('HTTP/1.1 405 Method Not Allowed\\r\\nContent-Length: 0\\r\\n\\r\\n');
      console.log(JSON.stringify([Status.MisdirectedRequest, phraseOf(413), codeOf('payload too large'), Nginx.ClientClosedRequest, entryOf(421)?.phrase, lint.findings.map((f) => f.id)]));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    expect(JSON.parse(stdout)).toEqual([421, 'Content Too Large', 413, 499, 'Misdirected Request', ['allow-missing']]);
  });

  it.each([
    ['node16', 'node16'],
    ['bundler', 'esnext'],
  ])('resolves its types under moduleResolution %s', async (moduleResolution, module) => {
    const directory = path.join(project, `types-${moduleResolution}`);
    await mkdir(directory, { recursive: true });
    await writeFile(
      path.join(directory, 'check.ts'),
      `import { Status, type StatusCode, requiredHeadersOf } from 'httpstatus';
import { Status as Cloudflare } from 'httpstatus/cloudflare';
import { entryOf, type CatalogEntry } from 'httpstatus/catalog';
const code: StatusCode = Status.MisdirectedRequest;
const origin: 524 = Cloudflare.ATimeoutOccurred;
const entry: CatalogEntry | undefined = entryOf(code);
const level: 'MUST' | 'SHOULD' | 'MAY' | undefined = requiredHeadersOf(405)[0]?.level;
// @ts-expect-error: not a registered code
const wrong: StatusCode = 299;
export { code, origin, entry, level, wrong };
`,
    );
    await writeFile(path.join(directory, 'package.json'), JSON.stringify({ type: 'module' }));
    await writeFile(
      path.join(directory, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module, moduleResolution, target: 'ES2022', types: [], skipLibCheck: false },
        files: ['check.ts'],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', directory]).catch((error: { stdout: string }) => error);
    expect('stdout' in result ? result.stdout : '').toBe('');
  });

  it('does what its README says: every `expression; // value` line of the library examples', async () => {
    const readme = await readFile(path.join(PACKAGE, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    // The value is the literal the comment starts with: a number, a string, a boolean or an array.
    const literal = /^(\d+|'[^']*'|true|false|\[.*\])/;
    let checks = 0;
    const script = blocks
      .join('\n')
      .split('\n')
      .map((line) => {
        const match = /^(.+?);\s*\/\/\s*(.+)$/.exec(line);
        const expected = match?.[2] ? literal.exec(match[2])?.[1] : undefined;
        if (!match || expected === undefined) return line;
        checks++;
        return `check(${JSON.stringify(match[1])}, ${match[1]}, ${expected});`;
      })
      .join('\n');
    const check = `const check = (source, actual, expected) => { if (JSON.stringify(actual) !== JSON.stringify(expected)) { console.error(source, '→', JSON.stringify(actual), 'expected', JSON.stringify(expected)); process.exitCode = 1; } };`;
    const imports = script.split('\n').filter((line) => line.startsWith('import '));
    const rest = script.split('\n').filter((line) => !line.startsWith('import '));
    const result = await run(process.execPath, ['--input-type=module', '-e', [...imports, check, ...rest].join('\n')], {
      cwd: project,
    }).catch((error: { stderr: string }) => error);
    expect('stderr' in result ? result.stderr : '').toBe('');
    expect(checks).toBeGreaterThanOrEqual(10);
    for (const line of readme.matchAll(/^npx (httpstatus .+?)\s+#/gm)) {
      const args = (line[1] ?? '').split(/\s+/).slice(1);
      await expect(run('npx', ['--offline', 'httpstatus', ...args], { cwd: project }), line[0]).resolves.toBeDefined();
    }
  });

  it('runs its CLI with npx, offline: httpstatus 421', async () => {
    const { stdout } = await run('npx', ['--offline', 'httpstatus', '421'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(/^421 Misdirected Request {2}4xx · registered\n/);
    const missing = await run('npx', ['--offline', 'httpstatus', '492'], { cwd: project }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(missing).toMatchObject({ code: 1 });
    expect('stderr' in missing ? missing.stderr : '').toContain('did you mean 429 Too Many Requests');
  });
});
