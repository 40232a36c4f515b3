import { describe, expect, it } from 'vitest';
import { parseExtraHeader, parseKnobs, parseLocation } from './parse-knobs.js';

const knobs = (query: string) => parseKnobs(new URLSearchParams(query), { maxSleepMs: 10_000 });

describe('parseKnobs', () => {
  it('has no effect without parameters', () => {
    expect(knobs('')).toEqual({
      ok: true,
      value: { sleepMs: 0, headers: [], location: undefined, retryAfter: undefined, sequenceKey: undefined },
    });
  });

  it.each([
    ['sleep=0', { sleepMs: 0 }],
    ['sleep=10000', { sleepMs: 10_000 }],
    ['retry_after=0', { retryAfter: 0 }],
    ['retry_after=86400', { retryAfter: 86_400 }],
    ['seq=retry-test_1.a', { sequenceKey: 'retry-test_1.a' }],
    ['location=/status/204', { location: '/status/204' }],
    ['location=https://example.com/a?b=c', { location: 'https://example.com/a?b=c' }],
    ['header=X-Test:%20hello%20world%20', { headers: [['X-Test', 'hello world']] }],
    [
      'header=X-A:1&header=X-B:2',
      {
        headers: [
          ['X-A', '1'],
          ['X-B', '2'],
        ],
      },
    ],
    ['header=X-Empty:', { headers: [['X-Empty', '']] }],
    ['unrelated=1', {}],
  ])('accepts %s', (query, expected) => {
    const result = knobs(query);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject(expected);
  });

  it.each([
    ['sleep=10001', /sleep is at most 10000 milliseconds/],
    ['sleep=-1', /whole number/],
    ['sleep=1.5', /whole number/],
    ['sleep=abc', /whole number/],
    ['sleep=99999999999', /whole number/],
    ['retry_after=86401', /at most 86400/],
    ['retry_after=soon', /whole number/],
    ['seq=', /seq must be/],
    ['seq=has space', /seq must be/],
    [`seq=${'k'.repeat(65)}`, /seq must be/],
    ['location=javascript:alert(1)', /http or https/],
    ['location=//evil.example/', /neither a path/],
    ['location=/a%0d%0aSet-Cookie:x', /control characters|without spaces/],
    ['location=/a b', /without spaces/],
    [`location=/${'a'.repeat(2048)}`, /at most 2048/],
    ['header=NoColon', /Name:Value/],
    ['header=:value', /Name:Value/],
    ['header=Bad Name:x', /not a valid header field name/],
    ['header=X-A:b%0d%0aSet-Cookie:%20x', /not a valid field value/],
    ['header=X-A:b%0aInjected:%20x', /not a valid field value/],
    ['header=X-A:b%00c', /not a valid field value/],
    ['header=Content-Length:0', /cannot be set/],
    ['header=Transfer-Encoding:chunked', /cannot be set/],
    ['header=connection:close', /cannot be set/],
    ['header=Set-Cookie:a=b', /cannot be set/],
    [Array.from({ length: 21 }, (_, i) => `header=X-${i}:1`).join('&'), /at most 20 header/],
  ])('rejects %s', (query, message) => {
    const result = knobs(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('honours a configured sleep cap', () => {
    expect(parseKnobs(new URLSearchParams('sleep=20000'), { maxSleepMs: 30_000 }).ok).toBe(true);
    expect(parseKnobs(new URLSearchParams('sleep=20000'), { maxSleepMs: 1_000 }).ok).toBe(false);
  });
});

describe('parseExtraHeader and parseLocation', () => {
  it('keeps obs-text bytes but not control characters', () => {
    expect(parseExtraHeader('X-Latin:caf\u00e9').ok).toBe(true);
    expect(parseExtraHeader('X-Tab:a\tb').ok).toBe(true);
    expect(parseExtraHeader('X-Bell:a\u0007b').ok).toBe(false);
  });

  it('accepts only http and https absolute targets', () => {
    expect(parseLocation('ftp://example.com/').ok).toBe(false);
    expect(parseLocation('http://example.com/').ok).toBe(true);
    expect(parseLocation('relative/path').ok).toBe(false);
  });
});
