import { describe, expect, it } from 'vitest';
import { formatHttpDate, parseHttpDate } from './http-date.js';

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['Thu, 01 Jan 2026 00:00:00 GMT', '2026-01-01T00:00:00.000Z'],
    ['Sat, 29 Feb 2020 23:59:59 GMT', '2020-02-29T23:59:59.000Z'],
  ])('reads %j', (text, iso) => {
    expect(parseHttpDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['a weekday that does not match the date', 'Mon, 06 Nov 1994 08:49:37 GMT'],
    ['a day that does not exist', 'Sun, 31 Feb 2021 08:49:37 GMT'],
    ['a time zone other than GMT', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['a one-digit day in IMF-fixdate', 'Sun, 6 Nov 1994 08:49:37 GMT'],
    ['lower-case names', 'sun, 06 nov 1994 08:49:37 GMT'],
    ['an hour past 23', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['seconds', '120'],
    ['ISO 8601', '1994-11-06T08:49:37Z'],
    ['surrounding space', ' Sun, 06 Nov 1994 08:49:37 GMT'],
  ])('refuses %s', (_why, text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });

  it('writes IMF-fixdate, which it reads back', () => {
    const date = new Date(Date.UTC(2026, 11, 2, 4, 5, 6));
    expect(formatHttpDate(date)).toBe('Wed, 02 Dec 2026 04:05:06 GMT');
    expect(parseHttpDate(formatHttpDate(date))?.getTime()).toBe(date.getTime());
  });
});
