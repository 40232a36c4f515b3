import MiniSearch from 'minisearch';
import type { CatalogEntry } from '../model/catalog.js';
import { INDEX_OPTIONS, type SearchDocument } from './assets/search-rank.js';
import { displayPhrase, emitterNames, STATUS_LABELS } from './labels.js';

export type { Ranking, SearchDocument, SearchHit } from './assets/search-rank.js';
export { rankCodes } from './assets/search-rank.js';

/** Markdown to plain words for the index: code, links and emphasis keep their text, markup goes. */
const plain = (markdown: string) =>
  markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#|]/g, ' ');

export function toSearchDocument(entry: CatalogEntry): SearchDocument {
  const tag =
    entry.status === 'standard'
      ? ''
      : `${STATUS_LABELS[entry.status]}${entry.status === 'unofficial' && entry.emitters.length > 0 ? `: ${emitterNames(entry)}` : ''}`;
  return {
    id: entry.code,
    code: String(entry.code),
    phrase: displayPhrase(entry),
    aliases: entry.aliases.join(' · '),
    keywords: entry.keywords.join(' · '),
    summary: entry.summary,
    text: (['meaning', 'causes', 'fixes', 'mistakes'] as const).map((key) => plain(entry.sections[key].markdown)).join(' '),
    status: entry.status,
    tag,
  };
}

export function buildSearchIndex(entries: readonly CatalogEntry[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
  index.addAll(entries.map(toSearchDocument));
  return index;
}
