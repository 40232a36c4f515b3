import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog, CatalogEntry } from '../model/catalog.js';
import type { ContentError } from './content-error.js';
import { expandFacts, type Facts, loadFacts } from './facts.js';
import type { FrontMatter } from './front-matter-schema.js';
import { parseFrontMatter, splitFrontMatter } from './parse-front-matter.js';
import { parseSections } from './parse-sections.js';
import { checkFrontMatterCitations, checkProseCitations, loadRfcSections, type RfcSections } from './rfc-citations.js';
import { checkServerExample } from './server-example-rules.js';
import { toSpecReference } from './spec-url.js';

interface ParsedPage {
  file: string;
  source: string;
  frontMatter: FrontMatter;
  entry: CatalogEntry;
}

const FILE_NAME = /^(\d{3})\.md$/;
/** The section lists of the RFCs pages cite, relative to the project root. */
export const RFC_SECTIONS_DIR = 'content/sources/rfc-sections';
/** Statements several pages share (content/facts/<namespace>.yaml), relative to the project root. */
export const FACTS_DIR = 'content/facts';

/** What pages are checked against besides themselves. */
export interface PageContext {
  /** Section lists of the RFCs pages may cite; without them citations are not checked. */
  rfcSections?: RfcSections | undefined;
  /** The shared facts `{{namespace.name}}` references resolve to; without them every reference is unknown. */
  facts?: Facts;
}

/** Parses one content file. Checks that involve other files (names, duplicates, related codes) come later. */
export function compilePage(file: string, source: string, context: PageContext = {}): { page?: ParsedPage; errors: ContentError[] } {
  // References are expanded first, in front matter and prose alike; values are one line, so line numbers hold.
  const expansion = expandFacts(file, source.replace(/\r\n?/g, '\n'), context.facts ?? new Map());
  const text = expansion.text;
  const block = splitFrontMatter(file, text);
  if ('message' in block) return { errors: [...expansion.errors, block] };

  const parsedFrontMatter = parseFrontMatter(file, block);
  const { frontMatter } = parsedFrontMatter;
  const errors = [...expansion.errors, ...parsedFrontMatter.errors];
  if (!frontMatter) return { errors };

  const parsed = parseSections(file, block.body, block.bodyFirstLine, frontMatter.code, frontMatter.wire === 'none');
  errors.push(...parsed.errors);
  if (context.rfcSections) {
    errors.push(...checkFrontMatterCitations(file, block.yaml, block.firstLine, context.rfcSections));
    errors.push(...checkProseCitations(file, block.body, block.bodyFirstLine, context.rfcSections));
  }
  if (parsed.sections) errors.push(...checkServerExample(file, text, block.bodyFirstLine, frontMatter, parsed.sections));
  if (!parsed.sections || errors.length > 0) return { errors };

  const entry: CatalogEntry = {
    code: frontMatter.code,
    phrase: frontMatter.phrase,
    aliases: frontMatter.aliases,
    keywords: frontMatter.keywords,
    class: frontMatter.class,
    status: frontMatter.status,
    emitters: frontMatter.emitters,
    wire: frontMatter.wire === 'none' ? null : (frontMatter.wire ?? frontMatter.code),
    summary: frontMatter.summary,
    spec: frontMatter.spec.map(toSpecReference),
    related: frontMatter.related,
    headers: frontMatter.headers,
    content: frontMatter.content,
    cacheable: frontMatter.cacheable,
    retry: frontMatter.retry,
    constants: Object.fromEntries(Object.entries(frontMatter.constants).filter(([, name]) => name !== undefined)),
    tryIt: frontMatter.tryIt ? { curl: frontMatter.tryIt.curl ?? null, note: frontMatter.tryIt.note ?? null } : null,
    review: {
      date: frontMatter.reviewed,
      // The page's own list, then the versions its shared facts hold for, each once.
      sources: [...new Set([...frontMatter.sources, ...expansion.used.map((fact) => fact.holds)])],
      facts: expansion.used.map(({ key, about, value, holds, source, checked }) => ({ key, about, value, holds, source, checked })),
    },
    sections: {
      ...parsed.sections,
      serverExample: { ...parsed.sections.serverExample, none: frontMatter.noServerExample ?? null },
    },
    source: file,
  };
  return { page: { file, source: text, frontMatter, entry }, errors };
}

/** 1-based line of a top-level front-matter key, for errors found after YAML parsing. */
function lineOfField(text: string, field: string, index = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (const [number, line] of lines.entries()) {
    if (line.startsWith(`${field}:`) || line.trimStart().startsWith(`- ${field}:`) || line.trimStart().startsWith(`${field}:`)) {
      if (seen === index) return number + 1;
      seen++;
    }
  }
  return 1;
}

/** Checks that need every page at once: duplicate codes and related codes that have no page. */
function checkAcrossPages(pages: readonly ParsedPage[], pageFiles: ReadonlySet<number>): ContentError[] {
  const errors: ContentError[] = [];
  const firstFileOf = new Map<number, string>();
  for (const page of pages) {
    const other = firstFileOf.get(page.entry.code);
    const fileCode = Number(FILE_NAME.exec(path.basename(page.file))?.[1]);
    const line = lineOfField(page.source, 'code');
    if (other) {
      errors.push({
        file: page.file,
        line,
        field: 'front matter "code"',
        message: `duplicate code ${page.entry.code}, already defined in ${other}`,
      });
    } else if (fileCode !== page.entry.code) {
      errors.push({
        file: page.file,
        line,
        field: 'front matter "code"',
        message: `expected ${fileCode} (the file name), received ${page.entry.code}`,
      });
    } else {
      firstFileOf.set(page.entry.code, page.file);
    }
  }
  for (const page of pages) {
    const listed = new Set<number>();
    page.entry.related.forEach((related, index) => {
      const line = lineOfRelated(page.source, index);
      // A page that failed to compile still exists: do not report its code as missing too.
      if (!firstFileOf.has(related.code) && !pageFiles.has(related.code)) {
        errors.push({
          file: page.file,
          line,
          field: `front matter "related[${index}].code"`,
          message: `expected a code that has a page, received ${related.code}`,
        });
      }
      if (listed.has(related.code)) {
        errors.push({ file: page.file, line, field: `front matter "related[${index}].code"`, message: `${related.code} is listed twice` });
      }
      listed.add(related.code);
    });
  }
  return errors;
}

function lineOfRelated(text: string, index: number): number {
  const lines = text.split('\n');
  const start = lines.indexOf('related:');
  let seen = -1;
  for (let number = start + 1; start >= 0 && number < lines.length; number++) {
    const line = lines[number] ?? '';
    if (/^\S/.test(line)) break;
    if (/^\s*- code:/.test(line) && ++seen === index) return number + 1;
  }
  return start + 1;
}

export interface CompileResult {
  catalog: Catalog;
  errors: ContentError[];
}

/** Compiles every `NNN.md` in `directory`; collects the errors of all files before returning. */
export async function compileCatalog(directory: string, root = process.cwd()): Promise<CompileResult> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  const errors: ContentError[] = [];
  const pages: ParsedPage[] = [];
  const facts = await loadFacts(path.join(root, FACTS_DIR), root);
  errors.push(...facts.errors);
  const context: PageContext = { rfcSections: await loadRfcSections(path.join(root, RFC_SECTIONS_DIR)), facts: facts.facts };
  for (const name of names) {
    const file = path.relative(root, path.join(directory, name)).split(path.sep).join('/');
    if (!FILE_NAME.test(name)) {
      errors.push({ file, line: 1, field: 'file name', message: 'expected NNN.md, the three-digit status code' });
      continue;
    }
    const result = compilePage(file, await readFile(path.join(directory, name), 'utf8'), context);
    errors.push(...result.errors);
    if (result.page) pages.push(result.page);
  }
  const pageFiles = new Set(names.flatMap((name) => FILE_NAME.exec(name)?.slice(1, 2).map(Number) ?? []));
  errors.push(...checkAcrossPages(pages, pageFiles));
  const codes = pages.map((page) => page.entry).sort((a, b) => a.code - b.code);
  return { catalog: { codes }, errors };
}
