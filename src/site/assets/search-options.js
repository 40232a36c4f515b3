// Shared by the server (/search?q=) and the browser, so both rank results alike.
// Codes and phrases weigh most; words of five letters or more tolerate a typo ("reqests");
// prefixes match so results appear while typing.
export const SEARCH_OPTIONS = {
  boost: { code: 6, phrase: 3, aliases: 3, summary: 1 },
  prefix: true,
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  combineWith: 'AND',
};

export const INDEX_OPTIONS = {
  fields: ['code', 'phrase', 'aliases', 'summary'],
  storeFields: ['code', 'phrase', 'summary'],
  searchOptions: SEARCH_OPTIONS,
};
