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
};

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface CodeHighlighter {
  /** `<pre><code>` with one class per colour pair, so that no inline style is needed (the CSP forbids them). */
  highlight(code: string, lang: string): string;
  /** CSS for every colour class handed out so far, light by default and dark under `prefers-color-scheme`. */
  css(): string;
}

/** Highlighting happens once, when the site is rendered; pages carry plain HTML and classes, no script. */
export async function createCodeHighlighter(): Promise<CodeHighlighter> {
  const shiki = await createHighlighter({ themes: Object.values(THEMES), langs: ['http', 'typescript', 'shellscript'] });
  const classes = new Map<string, string>();

  const classFor = (token: ThemedTokenWithVariants): string => {
    const light = token.variants.light;
    const dark = token.variants.dark;
    const key = `${light?.color ?? ''}|${dark?.color ?? ''}|${light?.fontStyle ?? 0}`;
    let name = classes.get(key);
    if (!name) {
      name = `t${classes.size.toString(36)}`;
      classes.set(key, name);
    }
    return name;
  };

  return {
    highlight(code, lang) {
      const language = LANGS[lang];
      const lines =
        language === undefined
          ? code.split('\n').map((line) => escapeHtml(line))
          : shiki
              .codeToTokensWithThemes(code, { lang: language, themes: THEMES })
              .map((line) => line.map((token) => `<span class="${classFor(token)}">${escapeHtml(token.content)}</span>`).join(''));
      // tabindex: a wide example scrolls sideways, and keyboard users must be able to scroll it too.
      return `<pre class="code" data-lang="${escapeHtml(lang)}" tabindex="0"><code>${lines.join('\n')}</code></pre>`;
    },
    css() {
      const light: string[] = [];
      const dark: string[] = [];
      for (const [key, name] of classes) {
        const [lightColor, darkColor, fontStyle] = key.split('|');
        const italic = Number(fontStyle) & 1 ? ';font-style:italic' : '';
        light.push(`.${name}{color:${lightColor}${italic}}`);
        dark.push(`.${name}{color:${darkColor}}`);
      }
      return `${light.join('')}@media (prefers-color-scheme:dark){${dark.join('')}}`;
    },
  };
}
