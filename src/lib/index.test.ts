import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RetryPolicy as ModelRetryPolicy } from '../model/catalog.js';
import type { PublicEntry } from '../model/cli-data.js';
import type { CatalogEntry as LibraryEntry } from './catalog-types.js';
import { Status as Esri } from './generated/vendors/esri.js';
import { Status as Nginx } from './generated/vendors/nginx.js';
import {
  type ClientErrorStatus,
  classOf,
  codeOf,
  forbidsContent,
  isCacheableByDefault,
  isClientError,
  isInformational,
  isRedirect,
  isRedirection,
  isServerError,
  isStatusCode,
  isSuccess,
  phraseOf,
  preservesMethod,
  type RetryPolicy,
  requiredHeadersOf,
  retryPolicyOf,
  Status,
  type StatusCode,
} from './index.js';

describe('Status', () => {
  it('uses RFC 9110 names, keeps former names as aliases', () => {
    expect(Status.MisdirectedRequest).toBe(421);
    expect(Status.ContentTooLarge).toBe(413);
    expect(Status.PayloadTooLarge).toBe(413);
    expect(Status.UnprocessableContent).toBe(422);
    expect(Status.UnprocessableEntity).toBe(422);
    expect(Status.RangeNotSatisfiable).toBe(416);
    expect(Status.URITooLong).toBe(414);
    expect(Status.ImATeapot).toBe(418);
    expect(Status.OK).toBe(200);
    expect(Status.HTTPVersionNotSupported).toBe(505);
  });

  it('holds no unofficial code: those live in vendor modules, where collisions stay explicit', () => {
    expect(Object.values(Status)).not.toContain(444);
    expect(Nginx.ClientClosedRequest).toBe(499);
    expect(Esri.TokenRequired).toBe(499);
  });
});

describe('look-ups never throw', () => {
  it.each([
    [421, 'Misdirected Request'],
    [413, 'Content Too Large'],
    [418, "I'm a teapot"],
    [299, undefined],
    [444, undefined],
    [42.5, undefined],
    [Number.NaN, undefined],
  ])('phraseOf(%s) is %j', (code, phrase) => {
    expect(phraseOf(code)).toBe(phrase);
  });

  it.each([
    ['Misdirected Request', 421],
    ['misdirected request', 421],
    ['  Payload   Too Large ', 413],
    ['Request Entity Too Large', 413],
    ['unprocessable entity', 422],
    ["I'm a teapot", 418],
    ['(Unused)', undefined],
    ['Enhance Your Calm', undefined],
    ['', undefined],
  ])('codeOf(%j) is %j', (phrase, code) => {
    expect(codeOf(phrase)).toBe(code);
  });

  it('rejects what is not a string or a number without throwing', () => {
    expect(codeOf(undefined as unknown as string)).toBeUndefined();
    expect(phraseOf('421' as unknown as number)).toBeUndefined();
    expect(isStatusCode('421')).toBe(false);
    expect(classOf(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it.each([
    [100, '1xx'],
    [299, '2xx'],
    [599, '5xx'],
    [99, undefined],
    [600, undefined],
    [200.5, undefined],
  ])('classOf(%s) is %j', (code, cls) => {
    expect(classOf(code)).toBe(cls);
  });

  it('answers the class predicates by number, registered or not', () => {
    expect([isInformational(103), isSuccess(299), isRedirection(399), isClientError(499), isServerError(599)]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([isSuccess(199), isClientError(500), isServerError(600)]).toEqual([false, false, false]);
  });

  it('knows which codes forbid content (RFC 9110 §6.4.1, §15.2, §15.3.6)', () => {
    expect([100, 101, 103, 150, 204, 205, 304].map(forbidsContent)).toEqual([true, true, true, true, true, true, true]);
    expect([200, 206, 301, 404, 500].map(forbidsContent)).toEqual([false, false, false, false, false]);
  });

  it('knows which codes are cacheable by default (RFC 9110 §15.1)', () => {
    expect([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501].every(isCacheableByDefault)).toBe(true);
    expect([201, 302, 307, 400, 403, 500, 503].some(isCacheableByDefault)).toBe(false);
  });

  it('gives retry policies and required fields from the catalog', () => {
    expect(retryPolicyOf(421)).toBe('new-connection');
    expect(retryPolicyOf(503)).toBe('after-retry-after');
    expect(retryPolicyOf(299)).toBeUndefined();
    expect(requiredHeadersOf(405)).toContainEqual({ name: 'Allow', level: 'MUST', rfc: 9110, section: '15.5.6' });
    expect(requiredHeadersOf(401).map((header) => header.name)).toContain('WWW-Authenticate');
    expect(requiredHeadersOf(299)).toEqual([]);
  });

  it('tells redirects apart by whether they keep the method (RFC 9110 §15.4)', () => {
    expect([301, 302, 303, 307, 308].map(isRedirect)).toEqual([true, true, true, true, true]);
    expect([300, 304, 305, 200].map(isRedirect)).toEqual([false, false, false, false]);
    expect([301, 302, 303, 307, 308, 304].map(preservesMethod)).toEqual([false, false, false, true, true, undefined]);
  });
});

describe('public types', () => {
  it('narrows with isStatusCode and types the constants as literals', () => {
    const value: number = 404;
    if (isStatusCode(value)) expectTypeOf(value).toEqualTypeOf<StatusCode>();
    expectTypeOf(Status.MisdirectedRequest).toEqualTypeOf<421>();
    expectTypeOf<421>().toMatchTypeOf<ClientErrorStatus>();
    expectTypeOf<500>().not.toMatchTypeOf<ClientErrorStatus>();
    expectTypeOf(codeOf).returns.toEqualTypeOf<StatusCode | undefined>();
    expectTypeOf(phraseOf).returns.toEqualTypeOf<string | undefined>();
  });

  it('keeps the standalone library types in step with the catalog model', () => {
    expectTypeOf<RetryPolicy>().toEqualTypeOf<ModelRetryPolicy>();
    expectTypeOf<LibraryEntry>().toMatchTypeOf<PublicEntry>();
    expectTypeOf<PublicEntry>().toMatchTypeOf<LibraryEntry>();
  });
});
