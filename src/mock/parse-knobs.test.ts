import { describe, expect, it } from 'vitest';
import { parseExtraHeader, parseKnobs, parseLocation } from './parse-knobs.js';

/** A fixed clock: 2026-12-02T04:00:00Z, so that HTTP-dates a day ahead stay a day ahead. */
const NOW = Date.UTC(2026, 11, 2, 4, 0, 0);
const knobs = (query: string) => parseKnobs(new URLSearchParams(query), { maxSleepMs: 10_000 }, NOW);

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
    ['retry_after=0', { retryAfter: '0' }],
    ['retry_after=86400', { retryAfter: '86400' }],
    ['retry_after=Wed, 02 Dec 2026 05:00:00 GMT', { retryAfter: 'Wed, 02 Dec 2026 05:00:00 GMT' }],
    ['retry_after=Wednesday, 02-Dec-26 05:00:00 GMT', { retryAfter: 'Wed, 02 Dec 2026 05:00:00 GMT' }],
    ['retry_after=Wed Dec  2 05:00:00 2026', { retryAfter: 'Wed, 02 Dec 2026 05:00:00 GMT' }],
    ['retry_after=Thu, 01 Jan 2026 00:00:00 GMT', { retryAfter: 'Thu, 01 Jan 2026 00:00:00 GMT' }],
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
    ['retry_after=soon', /whole number of seconds or an HTTP-date/],
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
    ['header=X-A:b%0d%0aSet-Cookie:%20x', /the value of X-A contains the control character U\+000D/],
    ['header=X-A:b%0aInjected:%20x', /control character U\+000A/],
    ['header=X-A:b%00c', /control character U\+0000/],
    ['header=X-A:caf%C3%A9', /contains "é" \(U\+00E9\): header values here are visible ASCII, space and tab only/],
    ['header=X-A:%E2%9C%93', /contains "✓" \(U\+2713\)/],
    ['header=Content-Length:0', /Content-Length field cannot be set: the server frames each message/],
    ['header=Transfer-Encoding:chunked', /cannot be set: the server frames each message/],
    ['header=connection:close', /cannot be set: it manages the connection hop by hop/],
    ['header=Set-Cookie:a=b', /Set-Cookie field cannot be set: a cookie set by a public mock would be stored by browsers/],
    ['header=Date:Thu, 01 Jan 2026 00:00:00 GMT', /Date field cannot be set: Date is the origin server's clock/],
    ['header=Upgrade:h2c', /what \/status\/101 does for real/],
    ['retry_after=Wed, 02 Dec 2026 05:00:00 UTC', /whole number of seconds or an HTTP-date/],
    ['retry_after=Thu, 02 Dec 2026 05:00:00 GMT', /whole number of seconds or an HTTP-date/],
    ['retry_after=Wed, 09 Dec 2026 05:00:00 GMT', /at most 86400 seconds ahead/],
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
  it('keeps visible ASCII, space and tab, and nothing else', () => {
    expect(parseExtraHeader('X-Tab:a\tb').ok).toBe(true);
    expect(parseExtraHeader('X-All:!"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~').ok).toBe(true);
    expect(parseExtraHeader('X-Latin:caf\u00e9').ok).toBe(false);
    expect(parseExtraHeader('X-Bell:a\u0007b').ok).toBe(false);
    expect(parseExtraHeader('X-Delete:a\u007fb').ok).toBe(false);
  });

  it("lets through fields the mock sets itself, which then replace the mock's", () => {
    for (const field of ['Content-Type:application/xml', 'Vary:*', 'Access-Control-Allow-Origin:null', 'ETag:"x"', 'Server:test']) {
      expect(parseExtraHeader(field).ok, field).toBe(true);
    }
  });

  it('accepts only http and https absolute targets', () => {
    expect(parseLocation('ftp://example.com/').ok).toBe(false);
    expect(parseLocation('http://example.com/').ok).toBe(true);
    expect(parseLocation('relative/path').ok).toBe(false);
  });
});
