import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSTANT_ECOSYSTEMS } from '../../src/model/catalog.js';
import { loadContent, readJson } from '../support/content.js';

interface ConstantSnapshot {
  ecosystem: string;
  source: { repo: string; path: string; commit: string };
  codes: Record<string, string>;
}

describe('constants in other languages', async () => {
  const { catalog } = await loadContent();
  const files = (await readdir(new URL('../../content/sources/constants/', import.meta.url))).filter((name) => name.endsWith('.json'));
  const snapshots = new Map<string, ConstantSnapshot>();
  for (const file of files) {
    const snapshot = await readJson<ConstantSnapshot>(`content/sources/constants/${file}`);
    snapshots.set(snapshot.ecosystem, snapshot);
  }

  it('has one snapshot per ecosystem, each naming its upstream file and commit', () => {
    expect([...snapshots.keys()].sort()).toEqual([...CONSTANT_ECOSYSTEMS].sort());
    for (const snapshot of snapshots.values()) {
      expect(snapshot.source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(snapshot.source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(Object.keys(snapshot.codes).length).toBeGreaterThan(30);
    }
  });

  it.each(catalog.codes.map((entry) => [entry.code, entry] as const))(
    '%i: every constant is the one its ecosystem defines',
    (code, entry) => {
      for (const [ecosystem, name] of Object.entries(entry.constants)) {
        expect(snapshots.get(ecosystem)?.codes[String(code)], `${code} ${ecosystem}`).toBe(name);
      }
    },
  );

  it("node's snapshot agrees with the running Node's http.STATUS_CODES", async () => {
    const { STATUS_CODES } = await import('node:http');
    for (const [code, phrase] of Object.entries(snapshots.get('node')?.codes ?? {})) {
      expect(STATUS_CODES[code], code).toBe(phrase);
    }
  });
});
