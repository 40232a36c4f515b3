import type { SectionKey } from '../model/catalog.js';

export interface SectionDefinition {
  key: SectionKey;
  heading: string;
  /** A page may leave it out (server-side examples, until every page has one; never on codes nobody sends). */
  optional?: boolean;
}

/** The page skeleton, in the seed's order. "Related status codes" is rendered from front matter, not written. */
export const SECTIONS: readonly SectionDefinition[] = [
  { key: 'meaning', heading: 'What does it mean' },
  { key: 'responseExample', heading: 'Response example' },
  { key: 'causes', heading: 'Common causes' },
  { key: 'fixes', heading: 'How to fix it' },
  { key: 'mistakes', heading: 'Common mistakes' },
  { key: 'clients', heading: 'How browsers and APIs use it' },
  { key: 'insight', heading: 'Practical developer insight' },
  { key: 'clientExample', heading: 'Client-side example' },
  { key: 'serverExample', heading: 'Server-side example', optional: true },
];

/**
 * Minimum number of list items in the list sections. Error codes (4xx, 5xx) need more, because a reader
 * arrives with a failure to explain; other classes still need at least one of each.
 */
export function minimumListItems(key: SectionKey, code: number): number {
  const isError = code >= 400;
  switch (key) {
    case 'causes':
    case 'fixes':
      return isError ? 3 : 1;
    case 'mistakes':
      return isError ? 2 : 1;
    default:
      return 0;
  }
}
