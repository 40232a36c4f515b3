import { Marked, type Token, type Tokens } from 'marked';
import type { TerminalBlock } from '../model/cli-data.js';
import { unescapeHtml } from '../site/render-site.js';

const markdown = new Marked({ gfm: true });

const decode = unescapeHtml;

/** Inline Markdown as terminal text: code keeps its backticks, a link shows its target, emphasis is plain. */
function inline(tokens: readonly Token[] | undefined): string {
  return (tokens ?? [])
    .map((token) => {
      switch (token.type) {
        case 'codespan':
          return `\`${decode((token as Tokens.Codespan).text)}\``;
        case 'link': {
          const link = token as Tokens.Link;
          const text = inline(link.tokens);
          return link.href === text ? text : `${text} <${link.href}>`;
        }
        case 'strong':
        case 'em':
        case 'del':
          return inline((token as Tokens.Strong).tokens);
        case 'br':
          return '\n';
        case 'text':
        case 'escape':
          return 'tokens' in token && token.tokens ? inline(token.tokens) : decode(token.text);
        default:
          return decode(token.raw);
      }
    })
    .join('');
}

/**
 * A section's Markdown as blocks the CLI lays out (paragraphs, lists, code), read once at build time with marked,
 * the parser the catalog uses, so that the CLI ships no parser and prints the same text the page shows.
 */
export function toTerminalBlocks(source: string): TerminalBlock[] {
  const blocks: TerminalBlock[] = [];
  for (const token of markdown.lexer(source)) {
    if (token.type === 'paragraph') blocks.push({ type: 'paragraph', text: inline((token as Tokens.Paragraph).tokens) });
    else if (token.type === 'list') {
      const list = token as Tokens.List;
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        items: list.items.map((item) =>
          item.tokens
            .map((child) => ('tokens' in child && child.tokens ? inline(child.tokens) : decode(child.raw)))
            .join(' ')
            .trim(),
        ),
      });
    } else if (token.type === 'code') {
      const code = token as Tokens.Code;
      blocks.push({ type: 'code', lang: code.lang ?? '', code: code.text });
    } else if (token.type === 'heading') blocks.push({ type: 'heading', text: inline((token as Tokens.Heading).tokens) });
    else if (token.type === 'blockquote') blocks.push({ type: 'paragraph', text: inline((token as Tokens.Blockquote).tokens) });
    else if (token.type === 'table') {
      const table = token as Tokens.Table;
      const rows = [table.header, ...table.rows].map((row) => row.map((cell) => inline(cell.tokens)).join(' | '));
      blocks.push({ type: 'code', lang: '', code: rows.join('\n') });
    }
  }
  return blocks;
}
