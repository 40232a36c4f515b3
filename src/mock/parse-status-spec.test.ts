import { describe, expect, it } from 'vitest';
import { chooseStatus, parseStatusSpec } from './parse-status-spec.js';

describe('parseStatusSpec', () => {
  it.each([
    ['418', [{ code: 418, weight: 1 }]],
    ['100', [{ code: 100, weight: 1 }]],
    ['599', [{ code: 599, weight: 1 }]],
    [
      '200,500',
      [
        { code: 200, weight: 1 },
        { code: 500, weight: 1 },
      ],
    ],
    [
      '200:0.9,500:0.1',
      [
        { code: 200, weight: 0.9 },
        { code: 500, weight: 0.1 },
      ],
    ],
    [
      '503,503,200',
      [
        { code: 503, weight: 1 },
        { code: 503, weight: 1 },
        { code: 200, weight: 1 },
      ],
    ],
    ['201:3', [{ code: 201, weight: 3 }]],
    [
      '200:1,500:0',
      [
        { code: 200, weight: 1 },
        { code: 500, weight: 0 },
      ],
    ],
    ['204:.5', [{ code: 204, weight: 0.5 }]],
  ])('accepts %s', (spec, expected) => {
    expect(parseStatusSpec(spec)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', /no status code/],
    ['99', /not a status code/],
    ['600', /outside the range 100–599/],
    ['099', /outside the range/],
    ['1000', /not a status code/],
    ['abc', /not a status code/],
    ['200,', /not a status code/],
    [',200', /not a status code/],
    ['200:0', /at least one weight must be positive/],
    ['200:0,500:0.0', /at least one weight must be positive/],
    ['200:-1', /not a status code/],
    ['200:abc', /not a status code/],
    ['200:1e3', /not a status code/],
    ['200 ', /not a status code/],
    ['２００', /not a status code/],
    [Array.from({ length: 21 }, () => '200').join(','), /at most 20/],
    ['2'.repeat(201), /longer than 200/],
  ])('rejects %j', (spec, message) => {
    const result = parseStatusSpec(spec);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('chooseStatus', () => {
  const choices = [
    { code: 200, weight: 0.9 },
    { code: 500, weight: 0.1 },
  ];
  it.each([
    [0, 200],
    [0.89, 200],
    [0.9, 500],
    [0.999, 500],
  ])('with random() = %f picks %i', (point, code) => {
    expect(chooseStatus(choices, () => point)).toBe(code);
  });

  it.each([0, 0.5, 0.999999])('never picks a zero weight (random() = %f)', (point) => {
    const withZeros = [
      { code: 500, weight: 0 },
      { code: 200, weight: 1 },
      { code: 503, weight: 0 },
    ];
    expect(chooseStatus(withZeros, () => point)).toBe(200);
  });

  it('follows the weights over many draws', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const counts = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      const code = chooseStatus(choices, random);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    expect(counts.get(500)).toBeGreaterThan(800);
    expect(counts.get(500)).toBeLessThan(1200);
  });
});
