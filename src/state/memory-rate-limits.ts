import type { RateDecision } from './state-store.js';

export interface MemoryRateLimitOptions {
  /** Buckets remembered at most; the least recently used are forgotten first. */
  maxBuckets?: number;
  now?: () => number;
}

/**
 * A fixed window per bucket that starts with the bucket's first request, as the Redis store's counter does (INCR,
 * then PEXPIRE on the first): bounded in memory, and it says how long until the window ends.
 */
export class MemoryRateLimits {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #maxBuckets: number;
  readonly #now: () => number;

  constructor({ maxBuckets = 10_000, now = Date.now }: MemoryRateLimitOptions = {}) {
    this.#maxBuckets = maxBuckets;
    this.#now = now;
  }

  consume(bucket: string, limit: number, windowMs: number): RateDecision {
    const now = this.#now();
    let window = this.#windows.get(bucket);
    if (!window || now - window.start >= windowMs) window = { start: now, count: 0 };
    this.#windows.delete(bucket);
    this.#windows.set(bucket, window);
    for (const [key] of this.#windows) {
      if (this.#windows.size <= this.#maxBuckets) break;
      this.#windows.delete(key);
    }
    window.count++;
    const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    return { allowed: window.count <= limit, limit, remaining: Math.max(0, limit - window.count), resetSeconds };
  }
}
