import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ContentError } from './content-error.js';
import { type FrontMatter, frontMatterSchema } from './front-matter-schema.js';

export interface FrontMatterBlock {
  yaml: string;
  /** 1-based line of the first YAML line in the file. */
  firstLine: number;
  /** Everything after the closing `---`. */
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyFirstLine: number;
}

/** Splits `---\n<yaml>\n---\n<body>`; returns an error when the delimiters are missing. */
export function splitFrontMatter(file: string, source: string): FrontMatterBlock | ContentError {
  const lines = source.split('\n');
  if (lines[0] !== '---') {
    return {
      file,
      line: 1,
      field: 'front matter',
      message: `expected the file to start with a "---" line, found ${JSON.stringify(lines[0] ?? '')}`,
    };
  }
  const closing = lines.indexOf('---', 1);
  if (closing === -1) {
    return { file, line: 1, field: 'front matter', message: 'expected a closing "---" line after the front matter, found none' };
  }
  return {
    yaml: lines.slice(1, closing).join('\n'),
    firstLine: 2,
    body: lines.slice(closing + 1).join('\n'),
    bodyFirstLine: closing + 2,
  };
}

type PathSegment = string | number;

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return JSON.stringify(value);
}

function fieldPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const received = 'input' in issue ? describeValue(issue.input) : undefined;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required field is missing (expected ${issue.expected})`
        : `expected ${issue.expected}, received ${received}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, received ${received}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      return `expected { rfc, section } or { draft, section }, received ${received}`;
    case 'custom':
      return issue.message;
    default:
      return received === undefined ? issue.message : `${issue.message.replace(/^Invalid input: /, '')}, received ${received}`;
  }
}

/** Parses and validates front matter; every problem is located at the line of the offending YAML node. */
export function parseFrontMatter(file: string, block: FrontMatterBlock): { frontMatter?: FrontMatter; errors: ContentError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(block.yaml, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line + block.firstLine - 1;

  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.map((error) => ({
        file,
        line: lineOf(error.pos[0]),
        field: 'front matter',
        message: `invalid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }

  // The nearest YAML node that exists along the path: a missing field is reported at its parent.
  const lineOfPath = (path: readonly PathSegment[]): number => {
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineOf(node.range[0]);
    }
    return block.firstLine;
  };

  const result = frontMatterSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => {
        const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
        const keyPath = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
        return {
          file,
          line: issue.code === 'unrecognized_keys' ? (lineOfKey(doc, keyPath, lineOf) ?? lineOfPath(path)) : lineOfPath(path),
          field: `front matter "${fieldPath(keyPath) || '(root)'}"`,
          message: describeIssue(issue),
        };
      }),
    };
  }
  return { frontMatter: result.data, errors: [] };
}

/** The line of a key itself (for unknown fields, whose value may span several lines). */
function lineOfKey(
  doc: ReturnType<typeof parseDocument>,
  path: readonly PathSegment[],
  lineOf: (offset: number) => number,
): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isNode(item.key) && 'value' in item.key && item.key.value === path.at(-1));
  return pair && isNode(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : undefined;
}
