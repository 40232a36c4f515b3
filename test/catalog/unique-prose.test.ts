import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/model/catalog.js';
import { loadContent } from '../support/content.js';

const MIN_WORDS = 6;

/** Prose of a page: every section without its code blocks, plus the summary and the notes of the front matter. */
function proseOf(entry: CatalogEntry): string[] {
  const markdown = Object.values(entry.sections)
    .map((section) => section.markdown.replace(/```[\s\S]*?```/g, '\n'))
    .join('\n');
  return [markdown, entry.summary, entry.retry.note, ...entry.related.map((r) => r.note), ...entry.headers.map((h) => h.condition)];
}

/** Sentences normalised so that formatting and case cannot hide a repeat. */
function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?:;])\s+/)
    .map((sentence) =>
      sentence
        .replace(/^\s*[-*]\s+/, '')
        .replace(/[`*_[\]()]/g, '')
        .replace(/[.!?:;,]+$/, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase(),
    )
    .filter((sentence) => sentence.split(' ').length >= MIN_WORDS);
}

describe('prose is specific to each page', async () => {
  const { catalog } = await loadContent();

  it(`shares no sentence of ${MIN_WORDS} words or more between two pages`, () => {
    const firstPage = new Map<string, number>();
    const repeats: string[] = [];
    for (const entry of catalog.codes) {
      for (const sentence of new Set(proseOf(entry).flatMap(sentencesOf))) {
        const other = firstPage.get(sentence);
        if (other !== undefined && other !== entry.code) repeats.push(`${other} and ${entry.code}: "${sentence}"`);
        else firstPage.set(sentence, entry.code);
      }
    }
    expect(repeats).toEqual([]);
  });

  it('splits sentences the way the check above relies on', () => {
    expect(sentencesOf('The `Retry-After` header tells the client when. Short one. - A list item that has six words')).toEqual([
      'the retry-after header tells the client when',
      'a list item that has six words',
    ]);
  });
});
