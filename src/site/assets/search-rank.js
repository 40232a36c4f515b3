// The search, one implementation for the live search (bundled into search.js), the /search page, /api/search and
// the CLI, so that they all rank alike. Plain JavaScript, because browsers run it as is.

// Fields and their weights: the name and the curated keywords beat a passing mention in the page's prose.
const BOOST = { code: 10, phrase: 5, aliases: 3, keywords: 5, summary: 1.5, text: 0.4 };

// At equal relevance, registered codes come before the rest, unofficial ones last.
const STANDING = { standard: 1, temporary: 0.9, unused: 0.75, obsolete: 0.75, unofficial: 0.55 };

export const SEARCH_OPTIONS = {
  boost: BOOST,
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  combineWith: 'AND',
  boostDocument: (_id, _term, stored) => STANDING[stored?.status] ?? 1,
};

export const INDEX_OPTIONS = {
  fields: ['code', 'phrase', 'aliases', 'keywords', 'summary', 'text'],
  storeFields: ['code', 'phrase', 'summary', 'status', 'tag', 'keywords'],
  searchOptions: SEARCH_OPTIONS,
};

const normalize = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * A query that is, word for word, a page's name or one of its keywords is what that page is about: it goes ahead
 * of pages that only contain the words ("login" is 401's keyword, and only a word in 440's name).
 */
function exactFirst(results, query) {
  const wanted = normalize(query);
  const exact = (result) =>
    normalize(result.phrase) === wanted ||
    String(result.keywords ?? '')
      .split(' · ')
      .some((keyword) => normalize(keyword) === wanted);
  return results
    .map((result) => ({ result, score: result.score * (exact(result) ? 3 : 1) }))
    .sort((a, b) => b.score - a.score)
    .map(({ result }) => result);
}

const hit = (result) => ({
  code: Number(result.code),
  phrase: result.phrase,
  summary: result.summary,
  status: result.status,
  tag: result.tag,
});

/**
 * Ranks codes for a query: an exact code is a redirect to its page; one or two digits list the codes that start
 * with them in numeric order; words search every field with the weights above (all words first, then any); when
 * nothing matches, a looser fuzzy search offers one suggestion ("did you mean 418 I'm a teapot?").
 */
export function rankCodes(index, query, limit = 20) {
  const trimmed = String(query).trim().slice(0, 200);
  if (!trimmed) return { hits: [] };
  const stored = (code) => index.getStoredFields(code);
  if (/^\d{3}$/.test(trimmed) && stored(Number(trimmed))) {
    return { redirect: Number(trimmed), hits: [hit({ ...stored(Number(trimmed)), code: trimmed })] };
  }
  if (/^\d{1,2}$/.test(trimmed)) {
    const hits = [];
    for (let code = 100; code <= 599; code++) {
      const fields = stored(code);
      if (fields && String(code).startsWith(trimmed)) hits.push(hit(fields));
    }
    return { hits: hits.slice(0, 100) };
  }
  let results = index.search(trimmed);
  if (results.length === 0) results = index.search(trimmed, { combineWith: 'OR' });
  if (results.length > 0) return { hits: exactFirst(results, trimmed).slice(0, limit).map(hit) };
  const [guess] = index.search(trimmed, { combineWith: 'OR', fuzzy: (term) => (term.length >= 4 ? 0.34 : false), prefix: false });
  return { hits: [], ...(guess ? { suggestion: hit(guess) } : {}) };
}
