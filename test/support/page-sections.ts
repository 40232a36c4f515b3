/**
 * The anchors of a code page's headings, in the order the page must show them (the seed's order, then related
 * codes); a page with a server-side example shows it after the client-side one (sectionIdsOf).
 */
export const SECTION_IDS = [
  'meaning',
  'response-example',
  'common-causes',
  'how-to-fix-it',
  'common-mistakes',
  'how-browsers-and-apis-use-it',
  'practical-developer-insight',
  'client-side-example',
  'related-status-codes',
];

/** The anchors a given page shows: SECTION_IDS, with the server-side example where the page has one. */
export function sectionIdsOf(hasServerExample: boolean): string[] {
  return hasServerExample ? [...SECTION_IDS.slice(0, -1), 'server-side-example', 'related-status-codes'] : SECTION_IDS;
}
