import { Marked, type Token, type Tokens } from 'marked';
import type { SectionKey, Sections, ServerEcosystem, ServerProgram } from '../model/catalog.js';
import type { ContentError } from './content-error.js';
import { minimumListItems, SECTIONS } from './sections.js';

const markdown = new Marked({ gfm: true });

interface RawSection {
  key: SectionKey;
  heading: string;
  line: number;
  tokens: Token[];
}

const SHELL_LANGS = new Set(['sh', 'shell', 'bash']);
const TS_LANGS = new Set(['ts', 'typescript']);
/**
 * The fence languages a server-side example may use, and the ecosystem each one is. A ```ts block is Node's
 * node:http unless its first line says `// Hono` (hono with @hono/node-server).
 */
const SERVER_LANGS: ReadonlyMap<string, ServerEcosystem> = new Map([
  ['ts', 'node'],
  ['typescript', 'node'],
  ['go', 'go'],
  ['python', 'python'],
  ['nginx', 'nginx'],
]);

/**
 * Splits the Markdown body into the page's sections, checking names, order, code fences and lists.
 * `firstLine` is the file line where the body starts, so every error points into the file.
 */
export function parseSections(
  file: string,
  body: string,
  firstLine: number,
  code: number,
  /** A code that never reaches the client (`wire: none`) shows the log line instead of a response. */
  logOnly = false,
): { sections?: Sections; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const found: RawSection[] = [];
  let line = firstLine;
  let current: RawSection | undefined;

  for (const token of markdown.lexer(body)) {
    const tokenLine = line + leadingNewlines(token.raw);
    line += countNewlines(token.raw);
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 2) {
      const { depth, text } = token as Tokens.Heading;
      const definition = SECTIONS.find((section) => section.heading === text.trim());
      if (depth === 1 || !definition) {
        errors.push({
          file,
          line: tokenLine,
          field: `## ${text}`,
          message: `unknown section heading; expected one of ${SECTIONS.map((s) => `"## ${s.heading}"`).join(', ')}`,
        });
        current = undefined;
        continue;
      }
      current = { key: definition.key, heading: definition.heading, line: tokenLine, tokens: [] };
      found.push(current);
      continue;
    }
    if (current) {
      current.tokens.push(token);
    } else if (token.type !== 'space') {
      errors.push({
        file,
        line: tokenLine,
        field: 'body',
        message: `expected "## ${SECTIONS[0]?.heading}" before any text, found ${token.type}`,
      });
    }
  }

  errors.push(...checkOrder(file, found, line));

  for (const section of found) {
    errors.push(...checkSectionContent(file, section, code, logOnly));
  }
  if (errors.length > 0) return { errors };

  const byKey = new Map(found.map((section) => [section.key, section]));
  const render = (key: SectionKey) => {
    const tokens = byKey.get(key)?.tokens ?? [];
    const text = tokens
      .map((token) => token.raw)
      .join('')
      .trim();
    return { markdown: text, html: markdown.parse(text, { async: false }) };
  };
  const codeOf = (key: SectionKey, langs: Set<string>) =>
    byKey.get(key)?.tokens.find((token): token is Tokens.Code => token.type === 'code' && langs.has(token.lang ?? ''))?.text ?? '';

  return {
    errors,
    sections: {
      meaning: render('meaning'),
      responseExample: {
        ...render('responseExample'),
        http: codeOf('responseExample', new Set(['http'])),
        log: codeOf('responseExample', new Set(['log'])),
      },
      causes: render('causes'),
      fixes: render('fixes'),
      mistakes: render('mistakes'),
      clients: render('clients'),
      insight: render('insight'),
      clientExample: {
        ...render('clientExample'),
        typescript: codeOf('clientExample', TS_LANGS),
        shell: codeOf('clientExample', SHELL_LANGS),
      },
      serverExample: {
        ...render('serverExample'),
        programs: (byKey.get('serverExample')?.tokens ?? []).flatMap((token): ServerProgram[] => {
          const ecosystem = token.type === 'code' ? ecosystemOf(token as Tokens.Code) : undefined;
          return ecosystem ? [{ ecosystem, language: (token as Tokens.Code).lang ?? '', code: (token as Tokens.Code).text }] : [];
        }),
        request: codeOf('serverExample', SHELL_LANGS),
        none: null,
      },
    },
  };
}

function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count++;
  return count;
}

function leadingNewlines(text: string): number {
  return text.length - text.replace(/^\n+/, '').length;
}

function checkOrder(file: string, found: readonly RawSection[], endLine: number): ContentError[] {
  const errors: ContentError[] = [];
  const seen = new Set<SectionKey>();
  for (const section of found) {
    if (seen.has(section.key)) {
      errors.push({ file, line: section.line, field: `## ${section.heading}`, message: 'section appears twice' });
    }
    seen.add(section.key);
  }
  SECTIONS.forEach((definition, index) => {
    if (seen.has(definition.key) || definition.optional) return;
    const next = found.find((section) => SECTIONS.findIndex((s) => s.key === section.key) > index);
    const previous = SECTIONS[index - 1];
    errors.push({
      file,
      line: next?.line ?? endLine,
      field: `## ${definition.heading}`,
      message: `missing section; expected it ${previous ? `after "## ${previous.heading}"` : 'first'}`,
    });
  });
  // Compare the order of the sections present with the order they must have.
  const present = found.filter((section, index) => found.findIndex((s) => s.key === section.key) === index);
  const expected = SECTIONS.filter((definition) => seen.has(definition.key));
  for (const [index, section] of present.entries()) {
    const wanted = expected[index];
    if (wanted && wanted.key !== section.key) {
      errors.push({
        file,
        line: section.line,
        field: `## ${section.heading}`,
        message: `section out of order; expected "## ${wanted.heading}" here`,
      });
      break;
    }
  }
  return errors;
}

function checkSectionContent(file: string, section: RawSection, code: number, logOnly: boolean): ContentError[] {
  const errors: ContentError[] = [];
  const field = `## ${section.heading}`;
  const codeBlocks = section.tokens.filter((token): token is Tokens.Code => token.type === 'code');
  for (const block of codeBlocks) {
    if (!block.lang) errors.push({ file, line: section.line, field, message: 'a code fence has no language; name it (http, ts, sh)' });
  }
  const count = (langs: Set<string>) => codeBlocks.filter((block) => langs.has(block.lang ?? '')).length;
  if (section.key === 'responseExample') {
    const [lang, wanted] = logOnly ? ['log', 'the log line (nothing reaches the client)'] : ['http', 'the response'];
    const found = count(new Set([lang]));
    if (found !== 1)
      errors.push({ file, line: section.line, field, message: `expected exactly one \`\`\`${lang} block with ${wanted}, found ${found}` });
  }
  if (section.key === 'clientExample') {
    if (count(TS_LANGS) !== 1)
      errors.push({ file, line: section.line, field, message: `expected exactly one \`\`\`ts block, found ${count(TS_LANGS)}` });
    if (count(SHELL_LANGS) !== 1)
      errors.push({
        file,
        line: section.line,
        field,
        message: `expected exactly one \`\`\`sh block with a curl command, found ${count(SHELL_LANGS)}`,
      });
  }
  if (section.key === 'serverExample') errors.push(...checkServerExample(file, section, codeBlocks));
  const minimum = minimumListItems(section.key, code);
  if (minimum > 0) {
    const items = section.tokens
      .filter((token): token is Tokens.List => token.type === 'list')
      .reduce((sum, list) => sum + list.items.length, 0);
    if (items < minimum) {
      errors.push({ file, line: section.line, field, message: `expected a list of at least ${minimum} items, found ${items}` });
    }
  }
  if (section.tokens.every((token) => token.type === 'space')) {
    errors.push({ file, line: section.line, field, message: 'section is empty' });
  }
  return errors;
}

/**
 * A server-side example: programs in the languages we can compile and run here, at most one per ecosystem, and one
 * curl command against http://localhost:8080 that asks them for the code (the tests send the same request).
 */
function checkServerExample(file: string, section: RawSection, codeBlocks: readonly Tokens.Code[]): ContentError[] {
  const errors: ContentError[] = [];
  const where = { file, line: section.line, field: `## ${section.heading}` };
  const seen = new Set<ServerEcosystem>();
  for (const block of codeBlocks) {
    const lang = block.lang ?? '';
    if (SHELL_LANGS.has(lang)) continue;
    const ecosystem = ecosystemOf(block);
    if (!ecosystem) {
      errors.push({
        ...where,
        message: `\`\`\`${lang} is not a language whose examples are checked here; use ts, go, python or nginx`,
      });
    } else if (seen.has(ecosystem)) {
      errors.push({ ...where, message: `two ${ecosystem} examples; keep one per ecosystem` });
    }
    if (ecosystem) seen.add(ecosystem);
  }
  if (seen.size === 0) errors.push({ ...where, message: 'expected at least one program or configuration' });
  const requests = codeBlocks.filter((block) => SHELL_LANGS.has(block.lang ?? ''));
  if (requests.length !== 1 || !/\bcurl\b[^\n]*http:\/\/localhost:8080(\/|\s)/.test(requests[0]?.text ?? '')) {
    errors.push({
      ...where,
      message:
        'expected exactly one ```sh block with the curl command that asks http://localhost:8080/ (or, as a proxy, -x http://localhost:8080) for the code',
    });
  }
  return errors;
}

/** The ecosystem of one fenced program, or undefined for a language the examples do not use. */
function ecosystemOf(block: Tokens.Code): ServerEcosystem | undefined {
  const ecosystem = SERVER_LANGS.get(block.lang ?? '');
  return ecosystem === 'node' && /^\/\/ Hono\b/.test(block.text) ? 'hono' : ecosystem;
}
