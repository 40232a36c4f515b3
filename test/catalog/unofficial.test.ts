import { describe, expect, it } from 'vitest';
import { loadContent } from '../support/content.js';

describe('unofficial codes', async () => {
  const { catalog } = await loadContent();
  const unofficial = catalog.codes.filter((entry) => entry.status === 'unofficial');

  it.each(unofficial.map((entry) => [entry.code, entry] as const))(
    '%i names who emits it and says it is not registered',
    (_code, entry) => {
      expect(entry.emitters.length).toBeGreaterThan(0);
      for (const emitter of entry.emitters) expect(emitter.note.length).toBeGreaterThan(20);
      expect(entry.sections.meaning.markdown).toMatch(
        /not (?:in|part of|listed in) the IANA|not registered|unregistered|never registered/i,
      );
    },
  );

  it('covers the unofficial codes people meet (nginx, Cloudflare, AWS, IIS, Laravel, Twitter, Apache, Esri, proxies)', () => {
    const codes = new Set(unofficial.map((entry) => entry.code));
    const expected = [
      444, 494, 495, 496, 497, 499, 520, 521, 522, 523, 524, 525, 526, 527, 530, 460, 463, 464, 561, 440, 449, 419, 420, 509, 498, 598, 599,
    ];
    expect(expected.filter((code) => !codes.has(code))).toEqual([]);
  });

  it('shows every meaning of a shared number on one page', () => {
    const emittersOf = (code: number) =>
      catalog.codes
        .find((entry) => entry.code === code)
        ?.emitters.map((emitter) => emitter.name)
        .join(' | ') ?? '';
    expect(emittersOf(420)).toMatch(/Twitter/);
    expect(emittersOf(420)).toMatch(/Spring/);
    expect(emittersOf(499)).toMatch(/nginx/i);
    expect(emittersOf(499)).toMatch(/Esri|ArcGIS/);
    expect(emittersOf(530)).toMatch(/Cloudflare/);
    expect(emittersOf(530)).toMatch(/Pantheon/);
    expect(emittersOf(451)).toMatch(/IIS|Exchange/);
  });
});
