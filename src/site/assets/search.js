// Results as you type on the index. The same form submits to /search?q= without JavaScript, and both rank with
// search-rank.js. The build bundles this file with minisearch and replaces SEARCH_INDEX_URL by the index's
// content-hashed path.
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS, rankCodes } from './search-rank.js';

const input = document.getElementById('q');
const live = document.getElementById('live-results');
const list = document.getElementById('results');
const groups = document.getElementById('groups');
const classes = document.querySelector('nav.toc');
const filters = document.getElementById('filters');
let loading;

function loadIndex() {
  loading ??= fetch(SEARCH_INDEX_URL)
    .then((response) => response.text())
    .then((json) => MiniSearch.loadJSON(json, INDEX_OPTIONS));
  return loading;
}

/** A row as the server renders it (code-list.tsx): number, phrase, tag, summary. */
function row(result) {
  const item = document.createElement('li');
  item.dataset.code = String(result.code);
  const num = document.createElement('span');
  num.className = 'num';
  num.textContent = String(result.code);
  const text = document.createElement('span');
  text.className = 'text';
  const link = document.createElement('a');
  link.className = 'phrase';
  link.href = `/codes/${result.code}`;
  link.textContent = result.phrase;
  text.append(link);
  if (result.tag) {
    const tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = result.tag;
    text.append(tag);
  }
  const summary = document.createElement('span');
  summary.className = 'sum';
  summary.textContent = result.summary;
  text.append(summary);
  item.append(num, text);
  return item;
}

function showing(query) {
  live.hidden = !query;
  groups.hidden = Boolean(query);
  if (classes) classes.hidden = Boolean(query);
  if (filters) filters.hidden = Boolean(query);
}

/** Keeps the query in the address, so that Back after opening a result comes back to it. */
function remember(query) {
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}

async function update() {
  const query = input.value.trim();
  remember(query);
  if (!query) {
    showing('');
    return;
  }
  const index = await loadIndex();
  if (input.value.trim() !== query) return; // a newer keystroke will render
  const { hits, suggestion } = rankCodes(index, query);
  list.replaceChildren(...hits.map(row));
  if (hits.length === 0) {
    const empty = document.createElement('li');
    empty.textContent = suggestion
      ? `No status code matches “${query}”. Did you mean ${suggestion.code} ${suggestion.phrase}?`
      : `No status code matches “${query}”.`;
    list.append(empty);
    if (suggestion) list.append(row(suggestion));
  }
  showing(query);
}

if (input && live && list && groups) {
  input.addEventListener('focus', loadIndex, { once: true });
  input.addEventListener('input', update);
  // Enter on an exact code opens its page, as /search?q=404 does without JavaScript.
  input.form?.addEventListener('submit', async (event) => {
    const query = input.value.trim();
    if (!/^\d{3}$/.test(query)) return;
    event.preventDefault();
    const { redirect } = rankCodes(await loadIndex(), query);
    location.href = redirect === undefined ? `/search?q=${query}` : `/codes/${redirect}`;
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial && !input.value) input.value = initial;
  if (input.value) update();
}
