import { createHash } from 'node:crypto';
import { createClient, ErrorReply } from '@redis/client';
import { type RateDecision, type StateStore, StoreUnavailableError } from './state-store.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Longest one call may take before the caller gets StoreUnavailableError; Redis answers in well under 1 ms here. */
  timeoutMs?: number;
  /** Put before every key, so that several deployments can share one Redis. */
  keyPrefix?: string;
  /** A sequence is forgotten this long after its last request, as the memory store does. */
  sequenceTtlMs?: number;
  /** Where connection changes are reported (once per change, not per failed call). */
  log?: (message: string) => void;
}

/**
 * Advances a sequence atomically: KEYS[1] is a hash {spec, next}; ARGV = spec, length, ttl in ms. A different spec
 * under the same key starts over; past the end it stays on the last index.
 */
const SEQUENCE_SCRIPT = `
local next = 0
if redis.call('HGET', KEYS[1], 'spec') == ARGV[1] then next = tonumber(redis.call('HGET', KEYS[1], 'next')) or 0 end
local index = math.min(next, tonumber(ARGV[2]) - 1)
redis.call('HSET', KEYS[1], 'spec', ARGV[1], 'next', index + 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return index
`;

/**
 * Counts a request in a fixed window that starts with the bucket's first request: KEYS[1] is the counter, ARGV[1]
 * the window in ms. Returns the count so far and the milliseconds left in the window. A counter found without a TTL
 * (never expected, but it would block its client for good) gets one.
 */
const RATE_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** A short, stable account of a failure, for the 503 a client reads and for the log. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}

/**
 * State shared by every replica through one Redis. Every call has a deadline (`timeoutMs`); while the connection is
 * down calls fail at once rather than queue (the client's offline queue is off), and the client reconnects by itself
 * with a capped backoff, so a restarted Redis is picked up without a restart here.
 */
export function createRedisStore({
  url,
  timeoutMs = 500,
  keyPrefix = 'httpstatus:',
  sequenceTtlMs = 10 * 60_000,
  log = () => {},
}: RedisStoreOptions): StateStore {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: Math.max(1_000, timeoutMs * 4),
      // 100 ms, 200 ms, … up to 2 s between attempts, for as long as it takes.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  let problem: string | undefined = 'not connected yet';
  client.on('error', (error: unknown) => {
    const message = describe(error);
    if (message !== problem) log(`redis: ${message}`);
    problem = message;
  });
  client.on('ready', () => {
    if (problem !== undefined) log('redis: connected');
    problem = undefined;
  });
  // The first connection is not awaited: the server starts and serves what needs no state while Redis comes up.
  client.connect().catch(() => {});

  /**
   * Sends one command with a deadline. The client's own `timeout` only covers a command still waiting to be written;
   * one already sent to a Redis that stopped answering would wait for ever, so the deadline is kept here. A command
   * that misses it may still run later: its caller got 503, so nothing it was told has been lost.
   */
  const send = async <T>(args: string[]): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([client.sendCommand(args, { timeout: timeoutMs }), deadline])) as T;
    } finally {
      clearTimeout(timer);
    }
  };
  const unavailable = (error: unknown) =>
    new StoreUnavailableError(`Redis did not answer: ${problem ?? describe(error)}`, { cause: error });
  const run = async <T>(args: string[]): Promise<T> => {
    try {
      return await send<T>(args);
    } catch (error) {
      throw unavailable(error);
    }
  };
  const scripts = new Map([SEQUENCE_SCRIPT, RATE_SCRIPT].map((script) => [script, sha1(script)]));
  /** EVALSHA, and EVAL once when Redis does not know the script yet (a new or restarted server). */
  const evaluate = async <T>(script: string, key: string, args: string[]): Promise<T> => {
    try {
      return await send<T>(['EVALSHA', scripts.get(script) ?? '', '1', key, ...args]);
    } catch (error) {
      if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw unavailable(error);
    }
    return run<T>(['EVAL', script, '1', key, ...args]);
  };

  return {
    kind: 'redis',
    async advanceSequence(key, spec, length) {
      return Number(await evaluate<number>(SEQUENCE_SCRIPT, `${keyPrefix}seq:${key}`, [spec, String(length), String(sequenceTtlMs)]));
    },
    async consume(bucket, limit, windowMs): Promise<RateDecision> {
      const [count, ttl] = (await evaluate<[number, number]>(RATE_SCRIPT, `${keyPrefix}rate:${bucket}`, [String(windowMs)])).map(Number);
      const used = count ?? 1;
      return {
        allowed: used <= limit,
        limit,
        remaining: Math.max(0, limit - used),
        resetSeconds: Math.max(1, Math.ceil((ttl ?? windowMs) / 1000)),
      };
    },
    async check() {
      await run<string>(['PING']);
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else {
        try {
          client.destroy();
        } catch {
          // never connected: nothing to let go of
        }
      }
    },
  };
}
