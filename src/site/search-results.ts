import type MiniSearch from 'minisearch';
import { SEARCH_SLOTS, type SearchPageParts } from '../model/manifest.js';
import type { Ranking, SearchDocument } from './assets/search-rank.js';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** `/search?q=`: the same ranking the index shows as you type, for browsers without JavaScript. */
export function renderSearchPage(parts: SearchPageParts, ranking: Ranking, query: string): string {
  const shown = escapeHtml(query);
  const { hits, suggestion } = ranking;
  let main = '<a class="back" href="/">← Back to status codes</a><h1>Search</h1>';
  if (query.trim() === '') main += '<p>Type a code, a phrase, a symptom or a few words in the box above.</p>';
  else if (hits.length === 0) {
    const guess = suggestion
      ? `<p>Did you mean <a href="/codes/${suggestion.code}">${suggestion.code} ${escapeHtml(suggestion.phrase)}</a>?</p>`
      : `<p>No status code matches “${shown}”. Try another word for the symptom (“login”, “rate limit”, “redirect”), a code, or browse <a href="/">all status codes</a>.</p>`;
    main += suggestion ? `<p>No status code matches “${shown}”.</p>${guess}` : guess;
  } else {
    const rows = hits.map((hit) => parts.rows[hit.code] ?? '').join('');
    main += `<p>${hits.length} result${hits.length === 1 ? '' : 's'} for “${shown}”</p><ul class="codes">${rows}</ul>`;
  }
  const title = query ? `“${shown}” · status code search` : 'Search status codes';
  // Functions as replacements, so that "$&" in a query stays text.
  return parts.frame
    .replaceAll(SEARCH_SLOTS.title, () => title)
    .replaceAll(SEARCH_SLOTS.query, () => shown)
    .replaceAll(SEARCH_SLOTS.main, () => main);
}

export type { MiniSearch, SearchDocument };
