import { createHash } from 'node:crypto';
import { type BundledLanguage, createHighlighter, type ThemedTokenWithVariants } from 'shiki';

// The "default" GitHub themes keep comments above 4.5:1 contrast on our backgrounds (axe checks it).
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
const LANGS: Record<string, BundledLanguage> = {
  http: 'http',
  ts: 'typescript',
  typescript: 'typescript',
  sh: 'shellscript',
  shell: 'shellscript',
  bash: 'shellscript',
  go: 'go',
  python: 'python',
  nginx: 'nginx',
};

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A colour pair and style, `#light|#dark|fontStyle`: what one highlight class stands for. */
export type ColourKey = string;

/**
 * The class of a colour pair, derived from the pair alone: a page highlighted on its own gets the same classes as
 * in a full build, which is what lets the build re-highlight only the pages that changed.
 */
export function classOf(key: ColourKey): string {
  return `t${createHash('sha256').update(key).digest('hex').slice(0, 6)}`;
}

export interface Highlighted {
  /** `<pre><code>` with one class per colour pair, so that no inline style is needed (the CSP forbids them). */
  html: string;
  /** The colour pairs the HTML uses, for the stylesheet. */
  colours: ColourKey[];
}

export interface CodeHighlighter {
  /** `colour: false` keeps the block plain (escaped text), still labelled with its language. */
  highlight(code: string, lang: string, colour?: boolean): Highlighted;
}

/** Highlighting happens at build time; pages carry plain HTML and classes, no script. */
export async function createCodeHighlighter(): Promise<CodeHighlighter> {
  const shiki = await createHighlighter({
    themes: Object.values(THEMES),
    langs: ['http', 'typescript', 'shellscript', 'go', 'python', 'nginx'],
  });
  const keyOf = (token: ThemedTokenWithVariants): ColourKey =>
    `${token.variants.light?.color ?? ''}|${token.variants.dark?.color ?? ''}|${token.variants.light?.fontStyle ?? 0}`;

  return {
    highlight(code, lang, colour = true) {
      const language = colour ? LANGS[lang] : undefined;
      const colours = new Set<ColourKey>();
      const lines =
        language === undefined
          ? code.split('\n').map((line) => escapeHtml(line))
          : shiki.codeToTokensWithThemes(code, { lang: language, themes: THEMES }).map((line) =>
              line
                .map((token) => {
                  const key = keyOf(token);
                  colours.add(key);
                  return `<span class="${classOf(key)}">${escapeHtml(token.content)}</span>`;
                })
                .join(''),
            );
      // tabindex: a wide example scrolls sideways, and keyboard users must be able to scroll it too.
      return {
        html: `<pre class="code" data-lang="${escapeHtml(lang)}" tabindex="0"><code>${lines.join('\n')}</code></pre>`,
        colours: [...colours],
      };
    },
  };
}

/** CSS for the given colour pairs, light by default and dark under `prefers-color-scheme`, in a stable order. */
export function highlightCss(colours: Iterable<ColourKey>): string {
  const byClass = new Map<string, ColourKey>();
  for (const key of colours) {
    const name = classOf(key);
    const other = byClass.get(name);
    if (other !== undefined && other !== key) throw new Error(`highlight classes collide: ${other} and ${key} are both .${name}`);
    byClass.set(name, key);
  }
  const light: string[] = [];
  const dark: string[] = [];
  for (const [name, key] of [...byClass].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [lightColor, darkColor, fontStyle] = key.split('|');
    const italic = Number(fontStyle) & 1 ? ';font-style:italic' : '';
    light.push(`.${name}{color:${lightColor}${italic}}`);
    dark.push(`.${name}{color:${darkColor}}`);
  }
  return `${light.join('')}@media (prefers-color-scheme:dark){${dark.join('')}}`;
}
