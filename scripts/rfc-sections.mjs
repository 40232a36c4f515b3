// Lists the section numbers and titles of an RFC from its plain text (or the HTML rendering the HTTP working group
// publishes, specs/rfcNNNN.html on httpwg.org), for content/sources/rfc-sections/, which the content compiler checks
// every "RFC NNNN §x.y" against. Usage:
//   node scripts/rfc-sections.mjs <rfcNNNN.txt|rfcNNNN.html> '<source JSON>' > content/sources/rfc-sections/rfcNNNN.json
// A heading is kept only when its number follows the previous one (4.2 → 4.2.1, 4.3 or 5), which drops numbered
// lists, page furniture and the table of contents (reading starts at the last "1." heading, the body's).
import { readFileSync } from 'node:fs';

const [file, source = '{}'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/rfc-sections.mjs <rfcNNNN.txt> [source JSON]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
if (file.endsWith('.html')) {
  // rfc2629.xslt output: <h2 id="rfc.section.2.1">…2.1.</a>&nbsp;<a …>Title</a></h2>
  const plain = (html) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  const headings = [...text.matchAll(/<h[1-6] id="rfc\.section\.([0-9A-Z][0-9.]*)"[^>]*>(.*?)<\/h[1-6]>/g)].map((match) => [
    match[1],
    plain(match[2]).replace(/^(Appendix )?[0-9A-Z][0-9.]*\.?\s*/, ''),
  ]);
  const rfcNumber = Number(/urn:ietf:rfc:(\d+)/.exec(text)?.[1]);
  const htmlTitle = plain(/<title>(.*?)<\/title>/s.exec(text)?.[1] ?? '').replace(/^RFC \d+ - /, '');
  write(rfcNumber, htmlTitle, new Map(headings));
  process.exit(0);
}
const lines = text.split(/\r?\n/);
const rfc = Number(/Request for Comments:\s*(\d+)/.exec(lines.join('\n'))?.[1]);
const HEADING = /^(?:Appendix\s+)?([0-9]+(?:\.[0-9]+)*|[A-Z](?:\.[0-9]+)*)\.?\s+(\S.*?)\s*$/;
const TOC_ENTRY = /(\.\s*){3,}\d+$/;

/** A heading too long for one line goes on in the next, indented ("14.3.  Ramifications … Error-Free" / "Secure Transport"). */
const withContinuation = (match, index) => {
  if (match === null) return null;
  let heading = match[2];
  // Continuation lines start where the title does; body text is indented less (three spaces).
  const indent = new RegExp(`^ {${match[0].indexOf(match[2])}}\\S`);
  for (let next = index + 1; match[0].length >= 60 && indent.test(lines[next] ?? ''); next++) {
    if (TOC_ENTRY.test(lines[next] ?? '')) break;
    heading += ` ${lines[next].trim()}`;
    if ((lines[next] ?? '').length < 60) break;
  }
  match[2] = heading;
  return match;
};
const candidates = lines
  .map((line, index) => withContinuation(HEADING.exec(line), index))
  .filter(
    (match) =>
      match !== null && !TOC_ENTRY.test(match[0]) && (/^\d/.test(match[1]) || /^Appendix\s/.test(match[0]) || match[1].includes('.')),
  );
const start = candidates.findLastIndex((match) => match[1] === '1');

/** Whether `next` may follow `previous` in an outline: a first child, a next sibling, or a next ancestor sibling. */
function follows(previous, next) {
  const a = previous.split('.');
  const b = next.split('.');
  const step = (x) => (/^\d+$/.test(x) ? String(Number(x) + 1) : String.fromCharCode(x.charCodeAt(0) + 1));
  if (b.length === a.length + 1 && b.slice(0, -1).join('.') === previous && b.at(-1) === '1') return true;
  for (let depth = Math.min(a.length, b.length); depth >= 1; depth--) {
    if (b.length !== depth) continue;
    if (b.slice(0, -1).join('.') === a.slice(0, depth - 1).join('.') && b.at(-1) === step(a[depth - 1])) return true;
  }
  // From the last numbered section to the first appendix.
  return /^\d/.test(a[0]) && next === 'A';
}

const sections = new Map();
let previous;
for (const match of candidates.slice(start)) {
  const [, number, title] = match;
  if (previous !== undefined && !follows(previous, number)) continue;
  if (previous === undefined && number !== '1') continue;
  sections.set(number, title.replace(/\s+/g, ' '));
  previous = number;
}
// The title: the first lines after the header block (two-column lines, or "| "-prefixed ones in converted texts).
const headerLine = /^\|/;
const isHeader = (line) =>
  headerLine.test(line.trim()) ||
  /\S\s{3,}\S/.test(line.trim()) ||
  /, Ed(itor|\.)$/.test(line.trim()) ||
  // Right-aligned (the author, affiliation and date column of older RFCs); titles are centred.
  (/^\s{20,}\S/.test(line) && line.trimEnd().length >= 70) ||
  /^(Obsoletes|Updates|Category|ISSN|STD|BCP|Request for Comments|Network Working Group|Internet Engineering Task Force)\b/.test(
    line.trim(),
  );
let first = lines.findIndex((line) => /Request for Comments:/.test(line));
while (first < lines.length && (lines[first]?.trim() === '' || isHeader(lines[first] ?? ''))) first++;
let last = first;
while (last < lines.length && lines[last]?.trim() !== '') last++;
const title = lines
  .slice(first, last)
  .map((line) => line.trim())
  .join(' ');
write(rfc, title, sections);

/** Written by hand: JSON.stringify would put the integer-like keys ("1", "2") before "1.1" and lose document order. */
function write(number, documentTitle, list) {
  const entries = [...list].map(([section, heading]) => `    ${JSON.stringify(section)}: ${JSON.stringify(heading)}`);
  const checked = new Date().toISOString().slice(0, 10);
  process.stdout.write(
    `{\n  "rfc": ${number},\n  "title": ${JSON.stringify(documentTitle)},\n  "source": ${JSON.stringify(JSON.parse(source))},\n  "checked": "${checked}",\n  "sections": {\n${entries.join(',\n')}\n  }\n}\n`,
  );
}
