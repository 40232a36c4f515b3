import { MemoryRateLimits } from './memory-rate-limits.js';
import { MemorySequences } from './memory-sequences.js';
import type { StateStore } from './state-store.js';

/** One process's state, the default: nothing to run beside `npm start`, answers synchronously, never unavailable. */
export function createMemoryStore({ now = Date.now }: { now?: () => number } = {}): StateStore {
  const sequences = new MemorySequences({ maxKeys: 10_000, ttlMs: 10 * 60_000, now });
  const limits = new MemoryRateLimits({ maxBuckets: 10_000, now });
  return {
    kind: 'memory',
    advanceSequence: (key, spec, length) => sequences.advance(key, spec, length),
    consume: (bucket, limit, windowMs) => limits.consume(bucket, limit, windowMs),
    check: async () => {},
    close: async () => {},
  };
}
