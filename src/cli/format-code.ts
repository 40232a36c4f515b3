import type { SectionKey } from '../model/catalog.js';
import type { CliCodeFile } from '../model/cli-data.js';
import { layOut, paint, type Style, wrap } from './layout.js';

const STANDING: Record<string, string> = {
  standard: 'registered',
  unused: 'registered as unused',
  obsolete: 'obsolete',
  temporary: 'temporary registration',
  unofficial: 'not in the IANA registry',
};

/** A code's page for a terminal: title, summary, facts, then each section (or only `only`), related codes, sources. */
export function formatCode(file: CliCodeFile, style: Style, only?: SectionKey): string {
  const { entry } = file;
  const width = Math.max(40, style.width);
  const out: string[] = [];
  const heading = (text: string) => paint(style, 'bold', paint(style, 'cyan', text));
  if (!only) {
    // "(Unused)" is the registry's note for 306 and 418, not a name: the title uses the name people know.
    const phrase = entry.phrase.startsWith('(') ? (entry.aliases[0] ?? entry.phrase) : entry.phrase;
    out.push(
      `${paint(style, 'bold', `${entry.code} ${phrase}`)}  ${paint(style, 'dim', `${entry.class} · ${STANDING[entry.status] ?? entry.status}`)}`,
    );
    out.push(wrap(entry.summary, width));
    const facts: Array<[string, string]> = [];
    if (entry.aliases.length > 0) facts.push(['Also called', entry.aliases.join(' · ')]);
    for (const emitter of entry.emitters) facts.push(['Sent by', `${emitter.name}${emitter.phrase ? ` ("${emitter.phrase}")` : ''}`]);
    if (entry.spec.length > 0)
      facts.push(['Specification', entry.spec.map((spec) => `${spec.document}${spec.section ? ` §${spec.section}` : ''}`).join(', ')]);
    facts.push(['Content', entry.content === 'forbidden' ? 'none allowed' : 'allowed']);
    facts.push(['Cacheable by default', entry.cacheable ? 'yes (heuristically)' : 'no, only with explicit freshness']);
    facts.push(['Retry', `${entry.retry.policy}: ${entry.retry.note}`]);
    for (const header of entry.headers) {
      facts.push([`Header ${header.name}`, `${header.level} (RFC ${header.rfc} §${header.section}): ${header.condition}`]);
    }
    out.push(facts.map(([label, value]) => wrap(`${paint(style, 'yellow', `${label}:`)} ${value}`, width, '  ', '      ')).join('\n'));
  }
  for (const key of only ? [only] : (Object.keys(file.sections) as SectionKey[])) {
    const section = file.sections[key];
    if (section) out.push(`${heading(section.heading)}\n${layOut(section.blocks, style)}`);
  }
  if (!only) {
    const related = entry.related.map((item) =>
      wrap(`${paint(style, 'bold', `${item.code} ${file.relatedPhrases[item.code] ?? ''}`.trim())}: ${item.note}`, width, '  • ', '    '),
    );
    out.push(`${heading('Related status codes')}\n${related.join('\n')}`);
    const links = entry.spec.map((spec) => `  ${spec.document}${spec.section ? ` §${spec.section}` : ''}: ${spec.url}`);
    if (links.length > 0) out.push(`${heading('Sources')}\n${links.join('\n')}`);
  }
  return `${out.join('\n\n')}\n`;
}
