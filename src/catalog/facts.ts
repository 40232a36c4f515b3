import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { ContentError } from './content-error.js';

/**
 * A statement that several pages make about software or a service (curl's retry list, Cloudflare's timeouts), kept
 * once in content/facts/<namespace>.yaml so that it is corrected once. Pages say `{{curl.retry-codes}}`.
 */
export interface Fact {
  /** `namespace.name`, e.g. `curl.retry-codes`. */
  key: string;
  /** What the value is, for a reader who meets it out of its sentence: "The HTTP codes curl's --retry treats as transient". */
  about: string;
  /** The words a page gets in place of the reference. */
  value: string;
  /** The version or date the value holds for: "curl 8.17.0", "Cloudflare documentation of 2026-07-23". */
  holds: string;
  /** Where it was checked: a release's source file or a vendor's documentation page. */
  source: string;
  /** When it was last checked (YYYY-MM-DD). */
  checked: string;
}

export type Facts = ReadonlyMap<string, Fact>;

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** What may stand in the middle of a sentence, a YAML string or a Markdown table cell without changing its structure. */
const inline = z
  .string()
  .trim()
  .min(1, 'expected non-empty text')
  .refine((text) => !/[\n"\\|]|\{\{|: | #/.test(text), 'expected one line without ", \\, |, {{, ": " or " #"');
const factSchema = z.strictObject({
  about: z.string().trim().min(1, 'expected what the value is, in a few words').max(100, 'expected a few words'),
  value: inline,
  holds: inline,
  source: z.url({ protocol: /^https$/, error: 'expected an https URL' }),
  checked: z.iso.date('expected a date such as 2026-12-02'),
  /** For the next reviewer: how it was checked, what changed and when. Not shown on pages. */
  note: z.string().trim().min(1).optional(),
});

/**
 * Reads content/facts/*.yaml. Undefined when the folder does not exist (a scratch tree in a test); then a reference
 * in a page is an error like any unknown one.
 */
export async function loadFacts(directory: string, root: string): Promise<{ facts: Facts; errors: ContentError[] }> {
  const facts = new Map<string, Fact>();
  const errors: ContentError[] = [];
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  for (const name of names.filter((entry) => entry.endsWith('.yaml')).sort()) {
    const file = path.relative(root, path.join(directory, name)).split(path.sep).join('/');
    const namespace = name.slice(0, -'.yaml'.length);
    if (!NAME.test(namespace)) {
      errors.push({ file, line: 1, field: 'file name', message: 'expected a lower-case name such as curl.yaml' });
      continue;
    }
    const lineCounter = new LineCounter();
    const document = parseDocument(await readFile(path.join(directory, name), 'utf8'), { lineCounter, uniqueKeys: true });
    if (document.errors.length > 0) {
      for (const error of document.errors)
        errors.push({ file, line: error.linePos?.[0].line ?? 1, field: 'YAML', message: error.message.split('\n')[0] ?? 'invalid YAML' });
      continue;
    }
    const lineOf = (keyPath: Array<string | number>) => {
      // A fact's own name is reported at its key; its fields at their values.
      const node =
        keyPath.length === 1
          ? isMap(document.contents)
            ? document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === keyPath[0])?.key
            : undefined
          : document.getIn(keyPath, true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      return range ? lineCounter.linePos(range[0]).line : 1;
    };
    const data: unknown = document.toJS();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      errors.push({ file, line: 1, field: 'YAML', message: 'expected a mapping of fact names to facts' });
      continue;
    }
    for (const [key, raw] of Object.entries(data)) {
      if (!NAME.test(key)) {
        errors.push({ file, line: lineOf([key]), field: key, message: 'expected a lower-case name with dashes, such as retry-codes' });
        continue;
      }
      const parsed = factSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const where = [key, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))];
          errors.push({ file, line: lineOf(where), field: where.join('.'), message: issue.message });
        }
        continue;
      }
      const { about, value, holds, source, checked } = parsed.data;
      facts.set(`${namespace}.${key}`, { key: `${namespace}.${key}`, about, value, holds, source, checked });
    }
  }
  return { facts, errors };
}

// Dotted lower-case names only, so that template syntax in examples (Blade's `{{ csrf_token() }}`, Go's
// `{{ .Values }}`) is left alone; a misspelt reference is still one, and fails as unknown.
const REFERENCE = /\{\{\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*\}\}/g;
const KEY = /^([a-z0-9-]+\.[a-z0-9-]+)(?:\.(holds))?$/;

/**
 * Replaces every `{{namespace.name}}` in a page by the fact's value, and `{{namespace.name.holds}}` by the version it
 * holds for. Values are single-line, so line numbers in later errors stay those of the file. An unknown reference is an
 * error at its line, with the names the namespace does have.
 */
export function expandFacts(file: string, text: string, facts: Facts): { text: string; used: Fact[]; errors: ContentError[] } {
  const used = new Map<string, Fact>();
  const errors: ContentError[] = [];
  const expanded = text.replace(REFERENCE, (whole, inner: string, offset: number) => {
    const line = text.slice(0, offset).split('\n').length;
    const match = KEY.exec(inner);
    const fact = match ? facts.get(match[1] ?? '') : undefined;
    if (!match || !fact) {
      const namespace = inner.split('.')[0] ?? '';
      const known = [...facts.keys()].filter((key) => key.startsWith(`${namespace}.`));
      errors.push({
        file,
        line,
        field: whole,
        message: match
          ? `unknown fact "${match[1]}"${known.length > 0 ? `; content/facts/${namespace}.yaml has ${known.join(', ')}` : `; there is no content/facts/${namespace}.yaml`}`
          : 'expected {{namespace.name}} or {{namespace.name.holds}}',
      });
      return whole;
    }
    used.set(fact.key, fact);
    return match[2] === 'holds' ? fact.holds : fact.value;
  });
  return { text: expanded, used: [...used.values()], errors };
}
