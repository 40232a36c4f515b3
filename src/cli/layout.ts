import { styleText } from 'node:util';
import type { TerminalBlock } from '../model/cli-data.js';

/** How output looks: the terminal's width, and whether colour is wanted (a TTY without NO_COLOR). */
export interface Style {
  width: number;
  color: boolean;
}

export type Tone = 'bold' | 'dim' | 'cyan' | 'yellow' | 'green' | 'red' | 'magenta';

/** Colour, only when the style allows it (Node's styleText writes the escapes whatever the stream is). */
export function paint(style: Style, tone: Tone, text: string): string {
  // Whether to colour is decided here, from the style; Node's own TTY check would see a test's pipe.
  return style.color ? styleText(tone, text, { validateStream: false }) : text;
}

/** Wraps text to `width` columns at spaces, each line starting with `indent`; words longer than a line stay whole. */
export function wrap(text: string, width: number, indent = '', hanging = indent): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = lines.length === 0 ? indent : hanging;
    let empty = true;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!empty && line.length + 1 + word.length > width) {
        lines.push(line);
        line = hanging + word;
      } else line += (empty ? '' : ' ') + word;
      empty = false;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** Blocks of a section, laid out: paragraphs wrapped, list items with a bullet and a hanging indent, code as is. */
export function layOut(blocks: readonly TerminalBlock[], style: Style): string {
  const width = Math.max(40, style.width);
  return blocks
    .map((block) => {
      if (block.type === 'paragraph') return wrap(block.text, width, '  ');
      if (block.type === 'heading') return paint(style, 'bold', wrap(block.text, width, '  '));
      if (block.type === 'list') {
        return block.items.map((item, index) => wrap(item, width, block.ordered ? `  ${index + 1}. ` : '  • ', '    ')).join('\n');
      }
      return block.code
        .split('\n')
        .map((line) => paint(style, 'dim', `    ${line}`))
        .join('\n');
    })
    .join('\n\n');
}
