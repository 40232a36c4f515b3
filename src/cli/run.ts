import { parseArgs } from 'node:util';
import type { SectionKey, StatusClass } from '../model/catalog.js';
import type { CliCodeFile, CliIndexRow } from '../model/cli-data.js';
import { formatCode } from './format-code.js';
import { paint, type Style, wrap } from './layout.js';
import { similarCodes } from './suggest.js';

/** Where the CLI's data comes from: the JSON files the build put in the package. */
export interface CliData {
  version: string;
  index(): Promise<CliIndexRow[]>;
  code(code: number): Promise<CliCodeFile | undefined>;
  /** Codes matching `query`, best first, ranked as the site ranks them; a suggestion when none does. */
  search(query: string): Promise<{ codes: number[]; suggestion?: { code: number; phrase: string } }>;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  style: Style;
  /** The bytes of a file, or of stdin when `file` is undefined; rejects when there is nothing to read. */
  readInput(file: string | undefined): Promise<Uint8Array>;
}

/** Exit codes scripts can rely on. */
export const EXIT = { found: 0, notFound: 1, usage: 2 } as const;

const SECTIONS: Record<string, SectionKey> = {
  meaning: 'meaning',
  example: 'responseExample',
  'response-example': 'responseExample',
  causes: 'causes',
  fixes: 'fixes',
  fix: 'fixes',
  mistakes: 'mistakes',
  clients: 'clients',
  insight: 'insight',
  'client-example': 'clientExample',
  server: 'serverExample',
  'server-example': 'serverExample',
};

const HELP: Record<string, string> = {
  main: `Usage: httpstatus <code> | search <words> | list

Examples:
  httpstatus 421                    the page for 421 Misdirected Request
  httpstatus 429 --section fixes    one section: meaning, example, causes, fixes, mistakes, clients, insight, client-example, server
  httpstatus search rate limit      codes that match, best first
  httpstatus list --class 4xx       every 4xx code; --unofficial for the codes outside the IANA registry
  httpstatus 503 --json             the catalog entry as JSON (every command takes --json)
  curl -si URL | httpstatus lint    check a response against the RFCs; httpstatus lint response.txt
  httpstatus check example.com      follow the redirects, time and lint every hop

Exit status: 0 found, 1 nothing found, 2 usage error. Colour only on a terminal, never with NO_COLOR.
Run httpstatus help <command> for one command.`,
  search: `Usage: httpstatus search <words> [--json]

Examples:
  httpstatus search too many requests
  httpstatus search teapot --json

Ranks codes by their number, phrase, former names and summary, as the site's search does; a word of five
letters or more tolerates a typo. Exit status 1 when nothing matches.`,
  list: `Usage: httpstatus list [--class 1xx|2xx|3xx|4xx|5xx] [--unofficial] [--json]

Examples:
  httpstatus list
  httpstatus list --class 5xx
  httpstatus list --unofficial --json`,
  check: `Usage: httpstatus check <url> [--method GET] [--header "Name: value"]… [--max-redirects 10] [--timeout 10000] [--allow-private] [--json]

Examples:
  httpstatus check http://example.com/
  httpstatus check https://example.com/form --method POST
  httpstatus check https://api.example.com/ -H "Authorization: Bearer …" --json

Follows the redirects itself (at most 10), and for every hop prints the status and what it means, the HTTP
version, the timings (DNS, connect, TLS, first byte) and what the linter finds; then what is wrong with the chain
(loops, https to http, POST turned into GET, long chains, no HSTS). Internal addresses (loopback, private,
link-local…) are refused unless --allow-private. Exit status 1 when the last status is 400 or more, a hop failed,
or a finding is an error.`,
  lint: `Usage: httpstatus lint [file] [--method GET] [--strict] [--json]

Examples:
  curl -si https://example.com/ | httpstatus lint
  httpstatus lint response.txt --method POST
  curl -si https://example.com/api | httpstatus lint --json --strict

Reads a raw response (status line, fields, blank line, content), as curl -si prints it, from the file or stdin.
--method says what the request was (rules for HEAD, 405 and others use it). Exit status 1 when a finding is an
error (with --strict, a warning too), 2 when the input is not a response.`,
  code: `Usage: httpstatus <code> [--section <name>] [--json]

Examples:
  httpstatus 421
  httpstatus 308 --section mistakes
  httpstatus 418 --json

Sections: ${Object.keys(SECTIONS).join(', ')}.`,
};

class UsageError extends Error {}

function describeRow(row: CliIndexRow, style: Style): string {
  const tag =
    row.status === 'standard'
      ? ''
      : paint(style, 'dim', ` (${row.status === 'unofficial' ? row.emitters.join(', ') || 'unofficial' : row.status})`);
  return wrap(`${paint(style, 'bold', String(row.code))}  ${row.phrase}${tag}: ${row.summary}`, Math.max(40, style.width), '', '     ');
}

async function showCode(text: string, options: { section?: string | undefined; json: boolean }, io: CliIo, data: CliData): Promise<number> {
  const section = options.section === undefined ? undefined : SECTIONS[options.section.toLowerCase()];
  if (options.section !== undefined && section === undefined) {
    throw new UsageError(`unknown section "${options.section}"; one of ${Object.keys(SECTIONS).join(', ')}`);
  }
  const code = Number(text);
  const file = await data.code(code);
  if (!file) {
    const rows = await data.index();
    const similar = similarCodes(
      text,
      rows.map((row) => row.code),
    );
    const hint =
      similar.length > 0
        ? `; did you mean ${similar.map((near) => `${near} ${rows.find((row) => row.code === near)?.phrase ?? ''}`.trim()).join(', or ')}?`
        : '; httpstatus list shows them all';
    io.stderr(`error: no status ${text} in the catalog${hint}\n`);
    return EXIT.notFound;
  }
  if (section && !file.sections[section]) {
    io.stderr(`error: ${code} has no ${options.section} section yet; httpstatus ${code} shows the whole page\n`);
    return EXIT.notFound;
  }
  if (options.json) io.stdout(`${JSON.stringify(section ? { code, section, ...file.entry.sections[section] } : file.entry, null, 2)}\n`);
  else io.stdout(formatCode(file, io.style, section));
  return EXIT.found;
}

async function search(words: string[], json: boolean, io: CliIo, data: CliData): Promise<number> {
  const query = words.join(' ').trim();
  if (!query) throw new UsageError('search needs words, e.g. httpstatus search rate limit');
  const { codes, suggestion } = await data.search(query);
  if (json) {
    const files = await Promise.all(codes.map((code) => data.code(code)));
    io.stdout(
      `${JSON.stringify(
        files.flatMap((file) => (file ? [file.entry] : [])),
        null,
        2,
      )}\n`,
    );
  } else if (codes.length > 0) {
    const rows = new Map((await data.index()).map((row) => [row.code, row]));
    io.stdout(
      `${codes
        .flatMap((code) => {
          const row = rows.get(code);
          return row ? [describeRow(row, io.style)] : [];
        })
        .join('\n')}\n`,
    );
  }
  if (codes.length === 0) {
    io.stderr(
      `no status code matches "${query}"${suggestion ? `; did you mean ${suggestion.code} ${suggestion.phrase}?` : '; try another word for the symptom'}\n`,
    );
  }
  return codes.length > 0 ? EXIT.found : EXIT.notFound;
}

async function list(
  options: { class?: string | undefined; unofficial: boolean; json: boolean },
  io: CliIo,
  data: CliData,
): Promise<number> {
  const wanted = options.class?.toLowerCase();
  if (wanted !== undefined && !/^[1-5]xx$/.test(wanted))
    throw new UsageError(`--class takes 1xx, 2xx, 3xx, 4xx or 5xx, not "${options.class}"`);
  const rows = (await data.index()).filter(
    (row) => (wanted === undefined || row.class === (wanted as StatusClass)) && (!options.unofficial || row.status === 'unofficial'),
  );
  if (options.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  else io.stdout(rows.length > 0 ? `${rows.map((row) => describeRow(row, io.style)).join('\n')}\n` : '');
  return rows.length > 0 ? EXIT.found : EXIT.notFound;
}

/**
 * The CLI as a function (STYLE.md): arguments in, output through `io`, the exit code out. `--json` may stand
 * anywhere on the command line; errors go to stderr with a hint.
 */
export async function run(argv: readonly string[], io: CliIo, data: CliData): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        section: { type: 'string', short: 's' },
        class: { type: 'string', short: 'c' },
        unofficial: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        method: { type: 'string', short: 'X' },
        header: { type: 'string', short: 'H', multiple: true },
        'max-redirects': { type: 'string' },
        timeout: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
      },
    });
    const [command, ...rest] = positionals;
    if (values.version) {
      io.stdout(`${data.version}\n`);
      return EXIT.found;
    }
    if (values.help || command === undefined || command === 'help') {
      const topic =
        command === 'help' ? (rest[0] ?? 'main') : values.help ? (command && /^\d+$/.test(command) ? 'code' : (command ?? 'main')) : 'main';
      io.stdout(`${HELP[topic] ?? HELP.main}\n`);
      return command === undefined && !values.help ? EXIT.usage : EXIT.found;
    }
    if (command === 'search') return await search(rest, values.json, io, data);
    if (command === 'check') {
      const [target, ...extra] = rest;
      if (target === undefined || extra.length > 0) throw new UsageError('check takes one URL, e.g. httpstatus check https://example.com/');
      const number = (name: string, text: string | undefined, fallback: number, max: number) => {
        if (text === undefined) return fallback;
        if (!/^\d+$/.test(text) || Number(text) > max)
          throw new UsageError(`--${name} takes a whole number up to ${max}, received "${text}"`);
        return Number(text);
      };
      const headers = (values.header ?? []).map((field): [string, string] => {
        const colon = field.indexOf(':');
        if (colon <= 0) throw new UsageError(`--header takes "Name: value", received "${field}"`);
        return [field.slice(0, colon).trim(), field.slice(colon + 1).trim()];
      });
      const { checkCommand } = await import('./check-command.js');
      return await checkCommand(
        {
          url: /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : `https://${target}`,
          method: (values.method ?? 'GET').toUpperCase(),
          headers,
          maxRedirects: number('max-redirects', values['max-redirects'], 10, 50),
          timeoutMs: number('timeout', values.timeout, 10_000, 120_000),
          allowPrivate: values['allow-private'],
          json: values.json,
        },
        await data.index(),
        io,
      );
    }
    if (command === 'lint') {
      if (rest.length > 1) throw new UsageError(`lint takes one file (or stdin), received "${rest.join(' ')}"`);
      const input = await io.readInput(rest[0]).catch((error: Error) => {
        throw new UsageError(`cannot read ${rest[0] ?? 'stdin'}: ${error.message}`);
      });
      // Loaded only for this command: `httpstatus 421` stays fast.
      const { lintCommand } = await import('./lint-command.js');
      return lintCommand(input, { json: values.json, strict: values.strict, method: values.method }, io);
    }
    if (command === 'list') {
      if (rest.length > 0) throw new UsageError(`list takes no words, received "${rest.join(' ')}"`);
      return await list({ class: values.class, unofficial: values.unofficial, json: values.json }, io, data);
    }
    if (/^\d+$/.test(command)) {
      if (rest.length > 0) throw new UsageError(`one code at a time, received "${[command, ...rest].join(' ')}"`);
      if (command.length !== 3) throw new UsageError(`a status code has three digits, received "${command}"`);
      return await showCode(command, { section: values.section, json: values.json }, io, data);
    }
    throw new UsageError(`unknown command "${command}"; a status code (httpstatus 404), search, list or help`);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`error: ${error.message}\nRun httpstatus --help for usage.\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
