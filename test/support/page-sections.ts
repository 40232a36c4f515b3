/**
 * The anchors of a code page's headings, in the order the page must show them: the seed's order, the server-side
 * example (or why there is none), then related codes.
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
  'server-side-example',
  'related-status-codes',
];
