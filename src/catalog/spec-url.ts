import type { SpecReference } from '../model/catalog.js';

/** Turns a front-matter spec entry into a reference linked to the RFC Editor's (or datatracker's) section anchor. */
export function toSpecReference(
  entry: { rfc: number; section?: string | undefined } | { draft: string; section?: string | undefined },
): SpecReference {
  const anchor = entry.section === undefined ? '' : `#section-${entry.section}`;
  if ('rfc' in entry) {
    return {
      document: `RFC ${entry.rfc}`,
      rfc: entry.rfc,
      ...(entry.section === undefined ? {} : { section: entry.section }),
      url: `https://www.rfc-editor.org/rfc/rfc${entry.rfc}${anchor}`,
    };
  }
  return {
    document: entry.draft,
    ...(entry.section === undefined ? {} : { section: entry.section }),
    url: `https://datatracker.ietf.org/doc/html/${entry.draft}${anchor}`,
  };
}
