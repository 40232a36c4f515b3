import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_URL, siteUrlFrom } from './site-url.js';

describe('SITE_URL', () => {
  it('defaults to where npm start serves', () => {
    expect(siteUrlFrom(undefined)).toBe(DEFAULT_SITE_URL);
    expect(siteUrlFrom('')).toBe('http://localhost:8421');
  });

  it('keeps the origin of a root URL, normalised', () => {
    expect(siteUrlFrom('https://Status.Example.com/')).toBe('https://status.example.com');
    expect(siteUrlFrom('https://status.example.com:443')).toBe('https://status.example.com');
    expect(siteUrlFrom('http://[::1]:8080')).toBe('http://[::1]:8080');
  });

  it.each([
    ['status.example.com', /is not a URL/],
    ['ftp://status.example.com', /must be an http or https origin/],
    ['https://example.com/docs/', /must be an origin only .*: https:\/\/example\.com$/],
    ['https://example.com/?q=1', /must be an origin only/],
    ['https://user:pass@example.com', /must be an origin only/],
  ])('refuses %s', (value, message) => {
    expect(() => siteUrlFrom(value)).toThrow(message);
  });
});
