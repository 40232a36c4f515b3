export interface MemorySequenceOptions {
  maxKeys: number;
  ttlMs: number;
  now?: () => number;
}

interface SequenceState {
  spec: string;
  next: number;
  expires: number;
}

/**
 * Ordered answers for retry tests: `/status/503,503,200?seq=k` answers 503, 503, then 200 (and 200 from then on)
 * for key k. Memory is bounded: at most `maxKeys` keys, each forgotten `ttlMs` after its last use, oldest first.
 */
export class MemorySequences {
  readonly #states = new Map<string, SequenceState>();
  readonly #options: Required<MemorySequenceOptions>;

  constructor(options: MemorySequenceOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /** Index into the list for this request; a different list under the same key starts over. */
  advance(key: string, spec: string, length: number): number {
    const now = this.#options.now();
    let state = this.#states.get(key);
    if (state && (state.expires <= now || state.spec !== spec)) state = undefined;
    this.#states.delete(key);
    state ??= { spec, next: 0, expires: 0 };
    const index = Math.min(state.next, length - 1);
    state.next = index + 1;
    state.expires = now + this.#options.ttlMs;
    this.#states.set(key, state);
    this.#evict(now);
    return index;
  }

  get size(): number {
    return this.#states.size;
  }

  #evict(now: number): void {
    for (const [key, state] of this.#states) {
      if (this.#states.size <= this.#options.maxKeys && state.expires > now) break;
      this.#states.delete(key);
    }
  }
}
