import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimsIn, proseOf } from '../support/claims.js';

const root = path.resolve(import.meta.dirname, '../..');
const codesDir = path.join(root, 'content/codes');

describe('facts that several pages state live once, in content/facts/', async () => {
  const names = (await readdir(codesDir)).filter((name) => name.endsWith('.md'));
  const pages = await Promise.all(names.map(async (name) => [name, proseOf(await readFile(path.join(codesDir, name), 'utf8'))] as const));

  it('no tool version or vendor limit is written out on two pages instead of referenced', () => {
    const where = new Map<string, string[]>();
    for (const [name, prose] of pages) for (const claim of claimsIn(prose)) where.set(claim, [...(where.get(claim) ?? []), name]);
    const repeated = [...where]
      .filter(([, files]) => files.length > 1)
      .map(([claim, files]) => `"${claim}" on ${files.join(', ')}: put it in content/facts/ and reference it`);
    expect(repeated).toEqual([]);
  });

  it('finds what it is meant to find', () => {
    expect(
      claimsIn(
        proseOf('Checked with curl 7.88 and Node 20. Cloudflare waits 100 seconds. nginx gives up after 60s.\n\n```sh\ncurl 8.1\n```'),
      ),
    ).toEqual(['curl 7.88', 'Node 20', 'Cloudflare: 100 seconds', 'nginx: 60 seconds']);
    expect(claimsIn(proseOf('reviewed: 2026-12-02\nsources:\n  - "curl 7.88.1"\n---\n'))).toEqual([]);
    expect(claimsIn(proseOf('curl {{curl.retry-codes.holds}} retries {{curl.retry-codes}}. A 30 s timeout.'))).toEqual([]);
    // Each limit belongs to the vendor named last before it; one named only after it is not its owner.
    expect(
      claimsIn('Cloudflare keeps it for 3 minutes and CloudFront for 10 seconds. A 10-second timeout stays under Cloudflare.'),
    ).toEqual(['Cloudflare: 3 minutes', 'CloudFront: 10 seconds']);
  });
});
