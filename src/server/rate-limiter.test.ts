import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows the limit per window and client, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1 });
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('b')).toEqual({ allowed: true, remaining: 1 });
    now = 15_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now = 60_000;
    expect(limiter.take('a')).toEqual({ allowed: true, remaining: 1 });
  });

  it('remembers a bounded number of clients', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxClients: 10 });
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.take('client-0')).toEqual({ allowed: true, remaining: 0 });
    expect(limiter.take('client-999')).toMatchObject({ allowed: false });
  });
});
