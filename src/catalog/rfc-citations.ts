import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentError } from './content-error.js';

/** RFC number → its section numbers ("15.5.20", "A.1"), from content/sources/rfc-sections/rfcNNNN.json. */
export type RfcSections = ReadonlyMap<number, ReadonlySet<string>>;

interface SectionList {
  rfc: number;
  sections: Record<string, string>;
}

/**
 * Reads every committed section list. Each was made from the RFC's published text (scripts/rfc-sections.mjs).
 * Undefined when the folder does not exist (a scratch content folder in a test): citations are then not checked.
 */
export async function loadRfcSections(directory: string): Promise<RfcSections | undefined> {
  const all = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (all === undefined) return undefined;
  const names = all.filter((name) => /^rfc\d+\.json$/.test(name));
  const lists = await Promise.all(
    names.map(async (name) => {
      const list = JSON.parse(await readFile(path.join(directory, name), 'utf8')) as SectionList;
      // A list filed under the wrong number would silently vouch for another RFC's sections.
      if (`rfc${list.rfc}.json` !== name || Object.keys(list.sections ?? {}).length === 0)
        throw new Error(`${path.join(directory, name)}: "rfc" must be the number in the file name and "sections" must not be empty`);
      return list;
    }),
  );
  return new Map(lists.map((list) => [list.rfc, new Set(Object.keys(list.sections))]));
}

// "RFC 9110", "RFC9110", and "§15.5.20", "§ 7.1", "§A.2"; a section number never ends with a dot.
// Other documents with sections (Microsoft's open specifications, Internet-Drafts) are named too, so that their "§x"
// is not taken for the last RFC's; their sections are not checked.
const TOKEN = /RFC ?(\d{3,5})|\b(MS-[A-Z0-9]+|draft-[a-z0-9-]+)|§ ?([0-9]+(?:\.[0-9]+)*|[A-Z](?:\.[0-9]+)*)\b/g;

/**
 * Every "RFC N §x" in the text names a section that RFC has. A bare "§x" belongs to the RFC named last in the same
 * paragraph ("RFC 9110 §15.5.4 and §11.4"); one with no RFC before it in its paragraph is an error, because the
 * reader cannot tell which document it means either. `firstLine` is the file line the text starts on.
 */
export function checkProseCitations(file: string, text: string, firstLine: number, sections: RfcSections): ContentError[] {
  const errors: ContentError[] = [];
  let current: number | 'other' | undefined;
  let inFence = false;
  text.split('\n').forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    if (line.trim() === '') current = undefined; // a new paragraph
    for (const match of line.matchAll(TOKEN)) {
      if (match[1] !== undefined || match[2] !== undefined) {
        current = match[1] === undefined ? 'other' : Number(match[1]);
        continue;
      }
      const section = match[3] ?? '';
      const where = { file, line: firstLine + index, field: `§${section}` };
      if (current === undefined) errors.push({ ...where, message: 'name the RFC this section belongs to earlier in the paragraph' });
      else if (current !== 'other') errors.push(...checkSection(where, current, section, sections));
    }
  });
  return errors;
}

/**
 * The citations in the front matter: `rfc:` + `section:` pairs of `spec` and `headers` items, and "RFC N §x" in its
 * texts (summary, notes, conditions), where a bare "§x" must follow an RFC on the same line.
 */
export function checkFrontMatterCitations(file: string, yaml: string, firstLine: number, sections: RfcSections): ContentError[] {
  const errors: ContentError[] = [];
  let rfc: number | 'draft' | undefined;
  yaml.split('\n').forEach((line, index) => {
    const where = { file, line: firstLine + index };
    if (/^\s*-\s/.test(line)) rfc = undefined; // a new list item
    for (const match of line.matchAll(/\b(rfc|draft|section):\s*"?([\w.-]+)"?/g)) {
      if (match[1] === 'rfc') rfc = Number(match[2]);
      else if (match[1] === 'draft') rfc = 'draft';
      else if (typeof rfc === 'number')
        errors.push(...checkSection({ ...where, field: `front matter "section" ${match[2]}` }, rfc, match[2] ?? '', sections));
    }
    errors.push(...checkProseCitations(file, line, firstLine + index, sections));
  });
  return errors;
}

/** One front-matter citation (`spec`, `headers`): the RFC has a section list and the section is in it. */
export function checkSection(
  where: { file: string; line: number; field: string },
  rfc: number,
  section: string,
  sections: RfcSections,
): ContentError[] {
  const known = sections.get(rfc);
  if (!known) return [{ ...where, message: `RFC ${rfc} has no section list; add content/sources/rfc-sections/rfc${rfc}.json` }];
  if (known.has(section)) return [];
  const parent = section.split('.').slice(0, -1).join('.');
  const siblings = [...known].filter((candidate) => candidate.split('.').slice(0, -1).join('.') === parent);
  return [
    {
      ...where,
      message: `RFC ${rfc} has no section ${section}${siblings.length > 0 ? `; ${parent ? `§${parent} has` : 'it has'} ${siblings.map((s) => `§${s}`).join(', ')}` : ''}`,
    },
  ];
}
