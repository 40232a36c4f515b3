import type { BlockList } from 'node:net';
import { corsHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import type { RateDecision, StateStore } from '../state/state-store.js';
import { requestBucket } from './client-address.js';
import type { NodeRequest, NodeResponse } from './mock-node-adapter.js';
import { addResponseFields } from './response-fields.js';

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

const WINDOW_NAMES: Record<number, string> = { 1000: 'a second', 60000: 'a minute', 3600000: 'an hour', 86400000: 'a day' };
const UNITS: Record<string, number> = {
  s: 1_000,
  sec: 1_000,
  second: 1_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** `RATE_LIMIT=600/min`: requests per client and window (`s`, `min`, `h` or `day`), or why it cannot be read. */
export function parseRateLimit(text: string): { ok: true; policy: RateLimitPolicy } | { ok: false; message: string } {
  const match = /^\s*(\d{1,9})\s*\/\s*([a-z]+)\s*$/i.exec(text);
  const windowMs = UNITS[match?.[2]?.toLowerCase() ?? ''];
  const limit = Number(match?.[1]);
  if (!match || windowMs === undefined || limit < 1) {
    return {
      ok: false,
      message: `RATE_LIMIT is requests per window, such as 600/min (units s, min, h, day), received ${JSON.stringify(text)}`,
    };
  }
  return { ok: true, policy: { limit, windowMs } };
}

/** Probes and scrapes are never refused: an orchestrator that cannot reach them would restart a healthy replica. */
const EXEMPT = new Set(['/healthz', '/readyz', '/metrics']);
/** The policy's name in the RateLimit fields (draft-ietf-httpapi-ratelimit-headers-11 §3, §4). */
const POLICY = '"per-address"';

export interface RateLimitGateOptions {
  store: Pick<StateStore, 'consume'>;
  policy: RateLimitPolicy;
  /** Proxies whose X-Forwarded-For names the client; without them the socket's peer is the client. */
  trusted?: BlockList;
  /** Told when the store could not count a request, which is then let through. */
  onStoreError?: (error: unknown) => void;
  /** Told of each refusal, for metrics. */
  onRefused?: () => void;
}

type Listener = (req: NodeRequest, res: NodeResponse) => void;

/**
 * Per-client rate limiting for public hosting. Every response carries the policy and what is left of it
 * (`RateLimit-Policy: "per-address";q=600;w=60`, `RateLimit: "per-address";r=599;t=60`); past the limit the answer is
 * 429 with `Retry-After` at the end of the window, which the draft asks to be no earlier than `t` (§6). When the
 * shared store cannot count, the request is served: a limiter that fails closed would turn a Redis outage into a
 * full one.
 */
export function createRateLimitGate({ store, policy, trusted, onStoreError = () => {}, onRefused = () => {} }: RateLimitGateOptions) {
  const seconds = Math.max(1, Math.round(policy.windowMs / 1000));
  const policyField = `${POLICY};q=${policy.limit};w=${seconds}`;
  const per = WINDOW_NAMES[policy.windowMs] ?? `per ${seconds} s`;

  const refuse = (req: NodeRequest, res: NodeResponse, decision: RateDecision, fields: Record<string, string>) => {
    onRefused();
    const origin = req.headers.origin;
    const message = `more than ${policy.limit} requests ${per} from your address; try again in ${decision.resetSeconds} s`;
    const body = `${JSON.stringify(jsonError(429, message))}\n`;
    res.writeHead(429, {
      ...fields,
      'retry-after': String(decision.resetSeconds),
      'content-type': 'application/json',
      'cache-control': 'no-store',
      vary: 'Origin',
      ...Object.fromEntries(
        corsHeaders(origin, ['Retry-After', 'RateLimit', 'RateLimit-Policy']).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      'content-length': String(Buffer.byteLength(body)),
    });
    (res as { end(body?: string): unknown }).end(req.method === 'HEAD' ? undefined : body);
  };

  return (listener: Listener): Listener =>
    (req, res) => {
      const target = req.url ?? '/';
      if (EXEMPT.has(target.split('?')[0] ?? '')) {
        listener(req, res);
        return;
      }
      const bucket = `all:${requestBucket(req, trusted)}`;
      const proceed = (decision: RateDecision) => {
        const fields = { 'ratelimit-policy': policyField, ratelimit: `${POLICY};r=${decision.remaining};t=${decision.resetSeconds}` };
        if (!decision.allowed) {
          refuse(req, res, decision, fields);
          return;
        }
        addResponseFields(res, ['RateLimit-Policy', fields['ratelimit-policy'], 'RateLimit', fields.ratelimit]);
        listener(req, res);
      };
      const passUncounted = (error: unknown) => {
        onStoreError(error);
        listener(req, res);
      };
      let decision: RateDecision | Promise<RateDecision>;
      try {
        decision = store.consume(bucket, policy.limit, policy.windowMs);
      } catch (error) {
        passUncounted(error);
        return;
      }
      // A fault after the request was taken must not become an unhandled rejection (which would end the process).
      if (decision instanceof Promise) decision.then(proceed, passUncounted).catch(() => res.destroy());
      else proceed(decision);
    };
}
