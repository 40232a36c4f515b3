import { describe, expect, it } from 'vitest';
import { matchesIfNoneMatch, negotiateEncoding } from './content-negotiation.js';

describe('negotiateEncoding (RFC 9110 §12.5.3)', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.8, br;q=0.8', 'br'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['BR', 'br'],
  ])('Accept-Encoding %j picks %s', (field, coding) => {
    expect(negotiateEncoding(field)).toBe(coding);
  });
});

describe('matchesIfNoneMatch (RFC 9110 §13.1.2, weak comparison)', () => {
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abcd"', false],
    [undefined, false],
  ])('%j against "abc" is %s', (field, matches) => {
    expect(matchesIfNoneMatch(field, '"abc"')).toBe(matches);
  });
});
