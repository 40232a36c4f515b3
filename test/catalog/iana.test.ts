import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/model/catalog.js';
import { type IanaSnapshot, loadContent, readJson } from '../support/content.js';

/** The registry writes status notes into the description: "Not Extended (OBSOLETED)", "… (TEMPORARY - …)". */
function registryPhrase(description: string): string {
  return description.replace(/ \((OBSOLETED|TEMPORARY[^)]*)\)$/, '');
}

function registryStatus(description: string): CatalogEntry['status'] {
  if (description === '(Unused)') return 'unused';
  if (description.endsWith('(OBSOLETED)')) return 'obsolete';
  if (description.includes('(TEMPORARY')) return 'temporary';
  return 'standard';
}

describe('the catalog against the IANA registry snapshot', async () => {
  const iana = await readJson<IanaSnapshot>('content/sources/iana.json');
  const { catalog } = await loadContent();
  const registered = new Map(iana.codes.map((row) => [row.value, row]));
  const pages = catalog.codes.filter((entry) => registered.has(entry.code));

  it('is a snapshot with a date and the registry rows', () => {
    expect(iana.lastUpdated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(iana.codes.length).toBeGreaterThan(60);
  });

  it.each(pages.map((entry) => [entry.code, entry] as const))(
    '%i: phrase, standing and defining section match the registry',
    (code, entry) => {
      const row = registered.get(code);
      if (!row) throw new Error(`no registry row for ${code}`);
      expect(entry.phrase).toBe(registryPhrase(row.description));
      expect(entry.status).toBe(registryStatus(row.description));
      const defining = row.reference[0];
      const first = entry.spec[0];
      if (defining?.rfc !== undefined) {
        expect(first?.rfc).toBe(defining.rfc);
        if (defining.section !== undefined) expect(first?.section).toBe(defining.section);
      } else if (defining?.draft !== undefined) {
        expect(first?.document).toBe(defining.draft);
      }
    },
  );

  it('has a page for every number in the registry', () => {
    const pages = new Set(catalog.codes.map((entry) => entry.code));
    expect(iana.codes.filter((row) => !pages.has(row.value)).map((row) => row.value)).toEqual([]);
  });

  it('marks every page whose code is not in the registry as unofficial', () => {
    const unregistered = catalog.codes.filter((entry) => !registered.has(entry.code));
    expect(unregistered.filter((entry) => entry.status !== 'unofficial').map((entry) => entry.code)).toEqual([]);
  });
});
