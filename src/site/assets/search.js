// Results as you type on the index. The same form submits to /search?q= without JavaScript.
// The build bundles this file with minisearch and replaces SEARCH_INDEX_URL by the index's content-hashed path.
import MiniSearch from 'minisearch';
import { INDEX_OPTIONS } from './search-options.js';

const input = document.getElementById('q');
const live = document.getElementById('live-results');
const list = document.getElementById('results');
const groups = document.getElementById('groups');
let loading;

function loadIndex() {
  loading ??= fetch(SEARCH_INDEX_URL)
    .then((response) => response.text())
    .then((json) => MiniSearch.loadJSON(json, INDEX_OPTIONS));
  return loading;
}

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
  const summary = document.createElement('span');
  summary.className = 'sum';
  summary.textContent = result.summary;
  text.append(link, summary);
  item.append(num, text);
  return item;
}

async function update() {
  const query = input.value.trim();
  if (!query) {
    live.hidden = true;
    groups.hidden = false;
    return;
  }
  const index = await loadIndex();
  if (input.value.trim() !== query) return; // a newer keystroke will render
  let results = index.search(query);
  if (results.length === 0) results = index.search(query, { combineWith: 'OR' });
  list.replaceChildren(...results.slice(0, 20).map(row));
  if (results.length === 0) {
    const empty = document.createElement('li');
    empty.textContent = `No status code matches “${query}”.`;
    list.append(empty);
  }
  live.hidden = false;
  groups.hidden = true;
}

if (input && live && list && groups) {
  input.addEventListener('focus', loadIndex, { once: true });
  input.addEventListener('input', update);
  if (input.value) update();
}
