import { describe, expect, it } from 'vitest';
import { MemorySequences } from './memory-sequences.js';

describe('MemorySequences', () => {
  it('walks the list in order, then stays on the last entry', () => {
    const store = new MemorySequences({ maxKeys: 10, ttlMs: 1000 });
    expect([0, 1, 2, 3, 4].map(() => store.advance('k', '503,503,200', 3))).toEqual([0, 1, 2, 2, 2]);
  });

  it('keeps keys apart and restarts a key given a different list', () => {
    const store = new MemorySequences({ maxKeys: 10, ttlMs: 1000 });
    store.advance('a', '500,200', 2);
    expect(store.advance('b', '500,200', 2)).toBe(0);
    expect(store.advance('a', '500,200', 2)).toBe(1);
    expect(store.advance('a', '404,200', 2)).toBe(0);
  });

  it('forgets a key after its time to live', () => {
    let now = 0;
    const store = new MemorySequences({ maxKeys: 10, ttlMs: 1000, now: () => now });
    store.advance('k', '500,200', 2);
    now = 1500;
    expect(store.advance('k', '500,200', 2)).toBe(0);
  });

  it('never holds more than maxKeys keys, dropping the least recently used', () => {
    const store = new MemorySequences({ maxKeys: 100, ttlMs: 60_000 });
    for (let i = 0; i < 10_000; i++) store.advance(`key-${i}`, '500,200', 2);
    expect(store.size).toBe(100);
    expect(store.advance('key-9999', '500,200', 2)).toBe(1);
    expect(store.advance('key-0', '500,200', 2)).toBe(0);
  });
});
