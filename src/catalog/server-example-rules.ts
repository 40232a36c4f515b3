import type { Sections } from '../model/catalog.js';
import type { ContentError } from './content-error.js';
import type { FrontMatter } from './front-matter-schema.js';

/** Checked on every application example: fields the front matter marks MUST whatever the request (HTTP/1.1, one range). */
const UNCONDITIONAL = new Set(['always', 'http1', 'single-part']);

/**
 * The rules that need the front matter as well as the section (parse-sections.ts checks the section alone): a page
 * has a server-side example or says why not, never both; and every application example (Node, Hono, Go, Python) writes
 * each header field the front matter marks MUST without a condition that could exempt it. Proxy configurations are
 * not checked for fields: nginx adds such fields itself. `text` is the whole page.
 */
export function checkServerExample(
  file: string,
  text: string,
  bodyFirstLine: number,
  frontMatter: FrontMatter,
  sections: Sections,
): ContentError[] {
  const errors: ContentError[] = [];
  const lines = text.split('\n');
  const has = sections.serverExample.programs.length > 0;
  if (has === (frontMatter.noServerExample !== undefined)) {
    errors.push({
      file,
      // At the field when it is there to remove, else at the end of the page, where the section would go.
      line: has ? lines.findIndex((line) => line.startsWith('noServerExample:')) + 1 : lines.length,
      field: 'noServerExample',
      message: has
        ? 'the page has a server-side example and says it has none; remove noServerExample'
        : 'expected a "## Server-side example" section, or noServerExample in the front matter saying why there is none',
    });
  }
  const required = frontMatter.headers.filter(
    (header) => header.level === 'MUST' && header.lint !== undefined && UNCONDITIONAL.has(header.lint),
  );
  const heading = lines.findIndex((line, index) => index >= bodyFirstLine - 1 && line.startsWith('## Server-side example'));
  const line = heading >= 0 ? heading + 1 : bodyFirstLine;
  for (const program of sections.serverExample.programs) {
    if (program.ecosystem === 'nginx') continue;
    for (const header of required) {
      if (program.code.toLowerCase().includes(header.name.toLowerCase())) continue;
      errors.push({
        file,
        line,
        field: '## Server-side example',
        message: `the ${program.ecosystem} example never sends ${header.name}, which the front matter marks MUST (${header.condition})`,
      });
    }
  }
  return errors;
}
