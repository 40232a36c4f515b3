import { describe, expect, it } from 'vitest';
import { negotiateBody } from './negotiate-body.js';

describe('negotiateBody', () => {
  it.each([
    [undefined, 200, 'text'],
    ['*/*', 200, 'text'],
    ['application/json', 200, 'json'],
    ['application/problem+json', 404, 'problem'],
    ['application/problem+json', 200, 'json'],
    ['application/problem+json, application/json;q=0.5', 503, 'problem'],
    ['application/json, application/problem+json;q=0.5', 503, 'json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 200, 'html'],
    ['text/plain', 500, 'text'],
    ['text/*', 200, 'text'],
    ['application/*', 200, 'json'],
    ['application/json;q=0, text/html', 200, 'html'],
    ['image/png', 200, 'text'],
  ] as const)('Accept %j on %i gives %s', (accept, status, kind) => {
    expect(negotiateBody(accept, status)).toBe(kind);
  });
});
