import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { filesIn } from '../../src/cli/files.js';
import { run } from '../../src/cli/run.js';
import { startTestServer } from '../support/server.js';

const run$ = promisify(execFile);
const PACKAGE = fileURLToPath(new URL('../../packages/httpstatus/', import.meta.url));
const BIN = `${PACKAGE}bin/httpstatus.js`;
const version = (JSON.parse(await readFile(`${PACKAGE}package.json`, 'utf8')) as { version: string }).version;
// The data the build put in the package, as the installed CLI reads it.
const data = filesIn(new URL('dist/cli/data/', `file://${PACKAGE}`), version);

async function cli(argv: string[], { color = false, width = 80, input }: { color?: boolean; width?: number; input?: Uint8Array } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(
    argv,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      style: { width, color },
      readInput: async (file) => {
        if (file !== undefined) return readFile(file);
        if (input === undefined) throw new Error('nothing on stdin');
        return input;
      },
    },
    data,
  );
  return { code, stdout, stderr };
}

describe('httpstatus <code>', () => {
  it('prints the page: title, summary, facts, every section, related codes, sources', async () => {
    const { code, stdout, stderr } = await cli(['421']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^421 Misdirected Request {2}4xx · registered\n/);
    for (const heading of ['What does it mean', 'Response example', 'Common causes', 'How to fix it', 'Related status codes', 'Sources']) {
      expect(stdout).toContain(`\n${heading}\n`);
    }
    expect(stdout).toContain('https://www.rfc-editor.org/rfc/rfc9110');
  });

  it('wraps prose to the width it is given, and leaves code as it is', async () => {
    const { stdout } = await cli(['429'], { width: 60 });
    const prose = stdout.split('\n').filter((line) => !line.startsWith('    ') && !line.includes('://'));
    expect(Math.max(...prose.map((line) => line.length))).toBeLessThanOrEqual(60);
  });

  it.each([
    [['421', '--section', 'causes'], 'Common causes', 'What does it mean'],
    [['--section', 'example', '204'], 'Response example', 'Common causes'],
    [['405', '--section', 'server'], 'Allow: GET, HEAD', 'Client-side example'],
    [['306', '--section', 'server'], 'None: 306 is reserved', 'Client-side example'],
  ])('%j prints one section', async (argv, shown, hidden) => {
    const { code, stdout } = await cli(argv);
    expect(code).toBe(0);
    expect(stdout).toContain(shown);
    expect(stdout).not.toContain(hidden);
  });

  it.each([
    ['421', '--json'],
    ['--json', '421'],
  ])('%j prints the catalog entry, --json anywhere', async (...argv) => {
    const { code, stdout } = await cli(argv);
    expect(code).toBe(0);
    const entry = JSON.parse(stdout) as { code: number; phrase: string; sections: object; source?: string };
    expect(entry).toMatchObject({ code: 421, phrase: 'Misdirected Request' });
    expect(entry.sections).toHaveProperty('fixes');
    expect(entry.source).toBeUndefined();
  });

  it('colours only when asked (a TTY without NO_COLOR)', async () => {
    expect((await cli(['404'], { color: true })).stdout).toContain('\u001b[');
    expect((await cli(['404'], { color: false })).stdout).not.toContain('\u001b[');
  });
});

describe('exit codes and errors', () => {
  it.each([
    [['492'], 1, /^error: no status 492 in the catalog; did you mean 429 Too Many Requests/],
    [['299'], 1, /no status 299/],
    [['4211'], 2, /a status code has three digits/],
    [['421', '--section', 'nope'], 2, /unknown section "nope"/],
    [['421', '404'], 2, /one code at a time/],
    [['search'], 2, /search needs words/],
    [['search', 'zzzqqqxxx'], 1, /no status code matches "zzzqqqxxx"/],
    [['list', '--class', '6xx'], 2, /--class takes 1xx/],
    [['frob'], 2, /unknown command "frob"/],
    [['421', '--bogus'], 2, /Unknown option '--bogus'/],
    [[], 2, /^$/],
  ] as Array<[string[], number, RegExp]>)('%j exits %i', async (argv, exit, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(exit);
    expect(stderr).toMatch(message);
  });
});

describe('search and list', () => {
  it('searches as the site does, best first; --json gives the entries', async () => {
    const text = await cli(['search', 'too', 'many', 'requests']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^429 Too Many Requests: /);
    const json = await cli(['search', 'misdirected', '--json']);
    expect((JSON.parse(json.stdout) as Array<{ code: number }>)[0]?.code).toBe(421);
  });

  it('lists a class, or the unofficial codes', async () => {
    const fours = await cli(['list', '--class', '4xx']);
    expect(fours.code).toBe(0);
    expect(
      fours.stdout
        .split('\n')
        .filter((line) => /^\d{3} /.test(line))
        .every((line) => line.startsWith('4')),
    ).toBe(true);
    const unofficial = JSON.parse((await cli(['list', '--unofficial', '--json'])).stdout) as Array<{ code: number; status: string }>;
    expect(unofficial.length).toBeGreaterThan(20);
    expect(unofficial.every((row) => row.status === 'unofficial')).toBe(true);
    expect(unofficial.map((row) => row.code)).toContain(444);
  });

  it('answers --help and --version', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/^Usage: httpstatus .*\n\nExamples:/);
    expect((await cli(['help', 'search'])).stdout).toMatch(/^Usage: httpstatus search/);
    expect((await cli(['--version'])).stdout).toBe(`${version}\n`);
  });
});

describe('httpstatus lint', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/lint/${name}`, import.meta.url));

  it('reads a response from stdin, prints findings and the caching summary, exits 1 on an error', async () => {
    const input = await readFile(fixture('bad-405-refused-method.http'));
    const result = await cli(['lint', '--method', 'GET'], { input });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('allow-lists-refused-method');
    expect(result.stdout).toContain('RFC 9110 §15.5.6 · see httpstatus 405');
    expect(result.stdout).toMatch(/Caching: Browsers and shared caches may store it/);
    expect(result.stdout).toMatch(/1 errors, 0 warnings, \d+ notes in 1 response/);
  });

  it('reads a file, and --json gives { findings: [{ id, level, message, rfc, page }] }', async () => {
    const result = await cli(['lint', fixture('bad-204-content.http'), '--json']);
    expect(result.code).toBe(1);
    const { findings } = JSON.parse(result.stdout) as { findings: Array<Record<string, string>> };
    expect(findings.map((finding) => finding.id).sort()).toEqual(['content-forbidden', 'content-length-forbidden']);
    expect(Object.keys(findings[0] ?? {}).sort()).toEqual(['id', 'level', 'message', 'page', 'rfc']);
  });

  it('exits 0 on warnings, and 1 with --strict', async () => {
    const input = await readFile(fixture('bad-301-no-location.http'));
    expect((await cli(['lint'], { input })).code).toBe(0);
    expect((await cli(['lint', '--strict'], { input })).code).toBe(1);
  });

  it('exits 2 for what is not a response, or nothing to read', async () => {
    const text = await cli(['lint'], { input: new TextEncoder().encode('<html>hello</html>') });
    expect(text).toMatchObject({ code: 2 });
    expect(text.stderr).toContain('not an HTTP response');
    expect((await cli(['lint'])).stderr).toContain('cannot read stdin');
  });

  it('checks what curl -si prints from the mock, in a real pipe', async () => {
    const server = await startTestServer();
    try {
      for (const [path, method] of [
        ['/status/405', 'GET'],
        ['/status/206', 'GET'],
        ['/status/401', 'GET'],
      ]) {
        const { stdout } = await run$('sh', [
          '-c',
          `curl -si ${server.url}${path} | "${process.execPath}" "${BIN}" lint --method ${method}`,
        ]);
        expect(stdout, path).toMatch(/^0 errors/m);
      }
    } finally {
      await server.close();
    }
  });
});

describe('the real process', () => {
  it('runs from the package alone, plain when piped', async () => {
    const { stdout } = await run$(process.execPath, [BIN, '418']);
    expect(stdout).toMatch(/^418 I'm a teapot/);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours on a terminal, and not with NO_COLOR (run under script(1), which gives it a pseudo-terminal)', async () => {
    const tty = await run$('script', ['-qec', `"${process.execPath}" "${BIN}" 204`, '/dev/null']);
    expect(tty.stdout).toContain('\u001b[1m204 No Content');
    const plain = await run$('script', ['-qec', `"${process.execPath}" "${BIN}" 204`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('exits 1 and writes the hint to stderr for an unknown code', async () => {
    const result = await run$(process.execPath, [BIN, '492']).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect('stderr' in result ? result.stderr : '').toContain('did you mean 429');
  });
});
