/**
 * The server's only state: where each `?seq=` sequence stands, and how many requests each client made in its current
 * window. Behind this interface so that one replica keeps it in memory and many share it through Redis.
 */
export interface StateStore {
  /** `memory` or `redis`, for /readyz and the logs. */
  readonly kind: 'memory' | 'redis';
  /**
   * The index into `spec`'s list of `length` codes for this request under `key`: 0, 1, … then the last one for good.
   * A different list under the same key starts over. Rejects with StoreUnavailableError when the store cannot answer.
   */
  advanceSequence(key: string, spec: string, length: number): number | Promise<number>;
  /** Counts one request against `bucket` (a client, per purpose) and says whether it is within `limit` per window. */
  consume(bucket: string, limit: number, windowMs: number): RateDecision | Promise<RateDecision>;
  /** Resolves when the store answers now (for /readyz); rejects with StoreUnavailableError naming the cause. */
  check(): Promise<void>;
  /** Lets go of connections; the process can exit afterwards. */
  close(): Promise<void>;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in this window (0 when refused). */
  remaining: number;
  /** Whole seconds until the window ends and the count starts again (at least 1). */
  resetSeconds: number;
}

/** The store could not answer in time or at all: callers answer 503 for what needs it and serve the rest. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
