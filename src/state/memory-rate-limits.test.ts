import { describe, expect, it } from 'vitest';
import { MemoryRateLimits } from './memory-rate-limits.js';

describe('MemoryRateLimits', () => {
  it('allows the limit per window and bucket, then says how long until the window ends', () => {
    let now = 0;
    const limits = new MemoryRateLimits({ now: () => now });
    expect(limits.consume('a', 2, 60_000)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
    expect(limits.consume('a', 2, 60_000)).toEqual({ allowed: true, limit: 2, remaining: 0, resetSeconds: 60 });
    expect(limits.consume('b', 2, 60_000)).toMatchObject({ allowed: true, remaining: 1 });
    now = 15_000;
    expect(limits.consume('a', 2, 60_000)).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 45 });
    now = 60_000;
    expect(limits.consume('a', 2, 60_000)).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
  });

  it('remembers a bounded number of buckets', () => {
    const limits = new MemoryRateLimits({ maxBuckets: 10 });
    for (let i = 0; i < 1000; i++) limits.consume(`client-${i}`, 1, 60_000);
    expect(limits.consume('client-0', 1, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limits.consume('client-999', 1, 60_000)).toMatchObject({ allowed: false });
  });
});
