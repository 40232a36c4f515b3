import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCatalog } from './compile-catalog.js';
import { formatContentError } from './content-error.js';

const VALID = new URL('./fixtures/valid/', import.meta.url);
let workDir: string | undefined;

/** Copies the two valid fixture pages into a fresh folder, applies `change`, and compiles it. */
async function compileWith(change: (dir: string) => Promise<void>) {
  workDir = await mkdtemp(path.join(tmpdir(), 'httpstatus-content-'));
  const codesDir = path.join(workDir, 'codes');
  await cp(VALID, codesDir, { recursive: true });
  await change(codesDir);
  return compileCatalog(codesDir, workDir);
}

async function edit(dir: string, name: string, from: string | RegExp, to: string) {
  const file = path.join(dir, name);
  const before = await readFile(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`fixture edit found nothing to replace in ${name}: ${from}`);
  await writeFile(file, after);
}

afterEach(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
  workDir = undefined;
});

describe('compileCatalog', () => {
  it('compiles well-formed pages into catalog entries with rendered sections', async () => {
    const { catalog, errors } = await compileWith(async () => {});
    expect(errors).toEqual([]);
    expect(catalog.codes.map((entry) => entry.code)).toEqual([460, 461]);
    const alpha = catalog.codes[0];
    expect(alpha?.sections.causes.html).toContain('<li>Cause one.</li>');
    expect(alpha?.sections.responseExample.http).toBe('HTTP/1.1 460 Fixture Alpha\nContent-Length: 0');
    expect(alpha?.sections.clientExample.shell).toBe('curl -si https://example.com/');
    expect(alpha?.source).toBe('codes/460.md');
  });

  // One row per kind of bad content file: each must fail with the file, the line and the field.
  const cases: Array<{ name: string; change: (dir: string) => Promise<void>; file: string; line: number; field: string; message: RegExp }> =
    [
      {
        name: 'bad YAML',
        change: (dir) => edit(dir, '460.md', 'phrase: Fixture Alpha', 'phrase: [unclosed'),
        file: 'codes/460.md',
        // The YAML parser notices the unclosed "[" where the next key starts.
        line: 4,
        field: 'front matter',
        message: /invalid YAML/,
      },
      {
        name: 'missing field',
        change: (dir) => edit(dir, '460.md', /^summary: .*\n/m, ''),
        file: 'codes/460.md',
        line: 2,
        field: 'front matter "summary"',
        message: /required field is missing/,
      },
      {
        name: 'unknown related code',
        change: (dir) => edit(dir, '460.md', '  - code: 461', '  - code: 499'),
        file: 'codes/460.md',
        line: 13,
        field: 'front matter "related[0].code"',
        message: /expected a code that has a page, received 499/,
      },
      {
        name: 'missing section',
        change: (dir) => edit(dir, '460.md', /## Common mistakes\n\n- Mistake one\.\n- Mistake two\.\n\n/, ''),
        file: 'codes/460.md',
        line: 49,
        field: '## Common mistakes',
        message: /missing section; expected it after "## How to fix it"/,
      },
      {
        name: 'sections out of order',
        change: async (dir) => {
          await edit(dir, '460.md', '## Common causes', '## PLACEHOLDER');
          await edit(dir, '460.md', '## How to fix it', '## Common causes');
          await edit(dir, '460.md', '## PLACEHOLDER', '## How to fix it');
        },
        file: 'codes/460.md',
        line: 37,
        field: '## How to fix it',
        message: /section out of order; expected "## Common causes" here/,
      },
      {
        name: 'duplicate code',
        change: async (dir) => {
          await cp(path.join(dir, '460.md'), path.join(dir, '462.md'));
        },
        file: 'codes/462.md',
        line: 2,
        field: 'front matter "code"',
        message: /duplicate code 460, already defined in codes\/460\.md/,
      },
      {
        name: 'wrong class',
        change: (dir) => edit(dir, '460.md', 'class: 4xx', 'class: 5xx'),
        file: 'codes/460.md',
        line: 5,
        field: 'front matter "class"',
        message: /expected "4xx" for code 460, received "5xx"/,
      },
    ];

  it.each(cases)('rejects $name with file, line and field', async ({ change, file, line, field, message }) => {
    const { errors } = await compileWith(change);
    expect(errors.length).toBeGreaterThan(0);
    const match = errors.find((error) => error.field === field);
    expect(match, errors.map(formatContentError).join('\n')).toBeDefined();
    expect(match).toMatchObject({ file, line });
    expect(match?.message).toMatch(message);
    if (match) expect(formatContentError(match)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line} `));
  });

  it('collects the errors of every file before failing', async () => {
    const { errors } = await compileWith(async (dir) => {
      await edit(dir, '460.md', 'class: 4xx', 'class: 2xx');
      await edit(dir, '461.md', 'content: allowed', 'content: sometimes');
    });
    expect(errors.map((error) => `${error.file} ${error.field}`)).toEqual([
      'codes/460.md front matter "class"',
      'codes/461.md front matter "content"',
    ]);
    expect(errors[1]?.message).toBe('expected one of "forbidden", "allowed", received "sometimes"');
  });

  it('asks a page whose code never reaches the client for the log line instead of a response', async () => {
    const { errors } = await compileWith((dir) => edit(dir, '460.md', 'content: allowed', 'content: allowed\nwire: none'));
    expect(errors.map(formatContentError)).toEqual([
      'codes/460.md:31 ## Response example: expected exactly one ```log block with the log line (nothing reaches the client), found 0',
    ]);
    const fixed = await compileWith(async (dir) => {
      await edit(dir, '460.md', 'content: allowed', 'content: allowed\nwire: none');
      await edit(
        dir,
        '460.md',
        '```http\nHTTP/1.1 460 Fixture Alpha\nContent-Length: 0\n```',
        '```log\n127.0.0.1 - - [26/Nov/2026:04:00:00 +0000] "GET / HTTP/1.1" 460 0 "-" "curl/8.5.0"\n```',
      );
    });
    expect(fixed.errors).toEqual([]);
    expect(fixed.catalog.codes[0]?.wire).toBeNull();
    expect(fixed.catalog.codes[1]?.wire).toBe(461);
  });

  it('names unknown fields at their own line', async () => {
    const { errors } = await compileWith((dir) => edit(dir, '460.md', 'cacheable: false', 'cacheable: false\ncachable: true'));
    expect(errors).toEqual([{ file: 'codes/460.md', line: 18, field: 'front matter "cachable"', message: 'unknown field "cachable"' }]);
  });

  it('rejects a code fence without a language and a list that is too short', async () => {
    const { errors } = await compileWith(async (dir) => {
      await edit(dir, '460.md', '```sh\ncurl', '```\ncurl');
      await edit(dir, '460.md', '- Fix three.\n', '');
    });
    expect(errors.map(formatContentError)).toEqual(
      expect.arrayContaining([
        'codes/460.md:43 ## How to fix it: expected a list of at least 3 items, found 2',
        expect.stringMatching(/^codes\/460\.md:\d+ ## Client-side example: a code fence has no language/),
      ]),
    );
  });

  it('expands shared facts in prose and front matter, and lists them with the sources the page was checked against', async () => {
    const { catalog, errors } = await compileWith(async (dir) => {
      await mkdir(path.join(dir, '..', 'content/facts'), { recursive: true });
      await writeFile(
        path.join(dir, '..', 'content/facts/curl.yaml'),
        [
          'retry-codes:',
          "  about: The HTTP codes curl's --retry treats as transient",
          '  value: 408, 429, 500, 502, 503, 504, 522 and 524',
          '  holds: curl 8.17.0',
          '  source: https://github.com/curl/curl/blob/curl-8_17_0/src/tool_operate.c',
          '  checked: 2026-12-02',
        ].join('\n'),
      );
      await edit(
        dir,
        '460.md',
        'Fixture alpha means nothing at all.',
        'Since {{curl.retry-codes.holds}}, curl retries {{curl.retry-codes}}.',
      );
      await edit(dir, '460.md', 'summary: A made-up code', 'summary: A made-up code that curl retries since {{curl.retry-codes.holds}},');
    });
    expect(errors).toEqual([]);
    const alpha = catalog.codes[0];
    expect(alpha?.sections.meaning.html).toContain('Since curl 8.17.0, curl retries 408, 429, 500, 502, 503, 504, 522 and 524.');
    expect(alpha?.summary).toContain('since curl 8.17.0,');
    expect(alpha?.review).toEqual({
      date: '2026-12-02',
      sources: ["The compiler's test suite", 'curl 8.17.0'],
      facts: [
        {
          key: 'curl.retry-codes',
          about: "The HTTP codes curl's --retry treats as transient",
          value: '408, 429, 500, 502, 503, 504, 522 and 524',
          holds: 'curl 8.17.0',
          source: 'https://github.com/curl/curl/blob/curl-8_17_0/src/tool_operate.c',
          checked: '2026-12-02',
        },
      ],
    });
  });

  it('rejects an unknown fact, a review that left out a cited RFC, and a review dated in the future', async () => {
    const { errors } = await compileWith(async (dir) => {
      await edit(dir, '460.md', 'Fixture alpha means nothing at all.', 'Curl retries {{curl.retry-codes}}.');
      await edit(dir, '460.md', 'spec: []', 'spec:\n  - rfc: 9110\n    section: "15"');
      await edit(dir, '461.md', 'reviewed: 2026-12-02', 'reviewed: 2999-01-01');
    });
    expect(errors.map(formatContentError)).toEqual([
      'codes/460.md:30 {{curl.retry-codes}}: unknown fact "curl.retry-codes"; there is no content/facts/curl.yaml',
      'codes/460.md:25 front matter "sources": expected "RFC 9110" (cited in spec) among the sources',
      'codes/461.md:22 front matter "reviewed": expected a date that is not in the future',
    ]);
  });

  it('requires a server-side example or a reason for none, and rejects one that misses a MUST field or an unchecked language', async () => {
    const FIXTURE_SECTION = /\n## Server-side example\n[\s\S]*$/;
    const example = (programs: string) =>
      `\n## Server-side example\n\nHow to send it, in a sentence long enough to be one.\n\n${programs}\n\n\`\`\`sh\ncurl -i -X DELETE http://localhost:8080/x\n\`\`\`\n`;
    const node = "```ts\n// Node.js (node:http)\nres.writeHead(460, { Allow: 'GET' });\n```";
    const go = '```go\n// Go (net/http)\nw.WriteHeader(460)\n```';
    const hono = "```ts\n// Hono (@hono/node-server)\nc.body(null, 460, { Allow: 'GET' });\n```";
    const { catalog, errors } = await compileWith(async (dir) => {
      await edit(dir, '461.md', FIXTURE_SECTION, example(`${node}\n\n${hono}`));
    });
    expect(errors).toEqual([]);
    // Two TypeScript programs: the one whose first line says Hono is the Hono one.
    expect(catalog.codes[1]?.sections.serverExample.programs.map((program) => program.ecosystem)).toEqual(['node', 'hono']);
    expect(catalog.codes[1]?.sections.serverExample.request).toBe('curl -i -X DELETE http://localhost:8080/x');
    expect(catalog.codes[1]?.sections.serverExample.none).toBeNull();

    const none = await compileWith(async (dir) => {
      await edit(dir, '460.md', FIXTURE_SECTION, '\n');
      await edit(dir, '460.md', 'constants: {}', 'constants: {}\nnoServerExample: Nobody sends 460, it only exists for the tests.');
      await edit(dir, '461.md', FIXTURE_SECTION, '\n');
      await edit(dir, '461.md', 'constants: {}', 'constants: {}\nnoServerExample: Nobody sends 461 either.');
    });
    expect(none.errors).toEqual([]);
    expect(none.catalog.codes[0]?.sections.serverExample).toMatchObject({
      programs: [],
      none: 'Nobody sends 460, it only exists for the tests.',
    });

    const neither = await compileWith((dir) => edit(dir, '461.md', FIXTURE_SECTION, '\n'));
    expect(neither.errors.map((error) => error.message)).toEqual([
      'expected a "## Server-side example" section, or noServerExample in the front matter saying why there is none',
    ]);
    const both = await compileWith((dir) =>
      edit(dir, '461.md', 'constants: {}', 'constants: {}\nnoServerExample: Contradicts the section.'),
    );
    expect(both.errors.map((error) => [error.line, error.message])).toEqual([
      [22, 'the page has a server-side example and says it has none; remove noServerExample'],
    ]);

    const missing = await compileWith(async (dir) => {
      await edit(
        dir,
        '460.md',
        'headers: []',
        'headers:\n  - name: Allow\n    level: MUST\n    condition: In every 460.\n    rfc: 9110\n    section: "10.2.1"\n    lint: always',
      );
      await edit(dir, '460.md', FIXTURE_SECTION, example(`${node}\n\n${go}`));
    });
    expect(missing.errors.map(formatContentError)).toEqual([
      'codes/460.md:79 ## Server-side example: the go example never sends Allow, which the front matter marks MUST (In every 460.)',
    ]);
    const unchecked = await compileWith((dir) => edit(dir, '460.md', FIXTURE_SECTION, example('```java\nclass A {}\n```')));
    expect(unchecked.errors.map((error) => error.message)).toEqual([
      '```java is not a language whose examples are checked here; use ts, go, python or nginx',
      'expected at least one program or configuration',
    ]);
  });

  it('checks every cited RFC section against the section lists of the tree being compiled', async () => {
    const { errors } = await compileWith(async (dir) => {
      const lists = path.join(dir, '..', 'content/sources/rfc-sections');
      await mkdir(lists, { recursive: true });
      await writeFile(
        path.join(lists, 'rfc9113.json'),
        '{"rfc": 9113, "title": "HTTP/2", "source": {"url": "x"}, "checked": "2026-12-02", "sections": {"9": "a", "9.1": "b", "9.1.1": "c"}}',
      );
      await edit(dir, '460.md', 'spec: []', 'spec:\n  - rfc: 9113\n    section: "9.1.2"');
      await edit(
        dir,
        '460.md',
        'Fixture alpha means nothing at all.',
        'Fixture alpha means nothing at all (RFC 9113 §9.1.1, RFC 7540 §9.1.2).',
      );
      await edit(dir, '460.md', "sources: [The compiler's test suite]", 'sources: [RFC 9113]');
    });
    expect(errors.map(formatContentError)).toEqual([
      'codes/460.md:13 front matter "section" 9.1.2: RFC 9113 has no section 9.1.2; §9.1 has §9.1.1',
      'codes/460.md:30 §9.1.2: RFC 7540 has no section list; add content/sources/rfc-sections/rfc7540.json',
    ]);
  });
});
