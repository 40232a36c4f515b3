import type { CatalogEntry, SectionKey } from './catalog.js';

/** A section's text laid out for a terminal, prepared at build time from its Markdown. */
export type TerminalBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'code'; lang: string; code: string };

/** The catalog entry as the API and `--json` give it: everything but the content file's path. */
export type PublicEntry = Omit<CatalogEntry, 'source'>;

/** `data/codes/NNN.json` in the package: one code for `httpstatus NNN`. */
export interface CliCodeFile {
  entry: PublicEntry;
  /** Section → its heading on the page and its blocks; a section the page does not have (yet) is absent. */
  sections: Partial<Record<SectionKey, { heading: string; blocks: TerminalBlock[] }>>;
  /** Phrases of the related codes, for the "Related" list. */
  relatedPhrases: Record<string, string>;
}

/** `data/index.json`: one row per code, for `list`, suggestions and search results. */
export interface CliIndexRow {
  code: number;
  phrase: string;
  class: CatalogEntry['class'];
  status: CatalogEntry['status'];
  summary: string;
  emitters: string[];
}
