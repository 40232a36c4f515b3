export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowMs: number;
  /** Clients remembered at most; the oldest are forgotten first. */
  maxClients?: number;
  now?: () => number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per client, for the endpoints that make outgoing requests (the URL checker): bounded in
 * memory, and it says how long to wait (for Retry-After) when it refuses.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #options: Required<RateLimitOptions>;

  constructor(options: RateLimitOptions) {
    this.#options = { maxClients: 10_000, now: Date.now, ...options };
  }

  take(client: string): RateDecision {
    const now = this.#options.now();
    let window = this.#windows.get(client);
    if (!window || now - window.start >= this.#options.windowMs) window = { start: now, count: 0 };
    this.#windows.delete(client);
    this.#windows.set(client, window);
    for (const [key] of this.#windows) {
      if (this.#windows.size <= this.#options.maxClients) break;
      this.#windows.delete(key);
    }
    if (window.count >= this.#options.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.#options.windowMs - now) / 1000)) };
    }
    window.count++;
    return { allowed: true, remaining: this.#options.limit - window.count };
  }
}
