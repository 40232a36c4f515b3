import { corsHeaders } from '../http/cors.js';
import { jsonError } from '../http/json-error.js';
import { createMemoryStore } from '../state/memory-store.js';
import type { StateStore } from '../state/state-store.js';
import { buildMockResponse, type MockRequest, type MockResponse, mockError, REPRESENTATION_TAG } from './build-mock-response.js';
import { selectRanges } from './byte-ranges.js';
import { LAST_MODIFIED } from './header-values.js';
import type { MockCode } from './mock-codes.js';
import { DEFAULT_LIMITS, type MockKnobs, type MockLimits, parseKnobs } from './parse-knobs.js';
import { chooseStatus, parseStatusSpec } from './parse-status-spec.js';

export interface MockServiceOptions {
  codes: ReadonlyMap<number, MockCode>;
  limits?: MockLimits;
  random?: () => number;
  /** Where `?seq=` sequences stand: this process's memory unless replicas share a store. */
  sequences?: Pick<StateStore, 'advanceSequence'>;
}

export interface MockService {
  /**
   * Answers `/status/{spec}` (spec already cut from the path, still percent-encoded). The answer is a promise only
   * when it waits for shared state (a `?seq=` sequence kept in Redis); everything else is answered at once.
   */
  respond(spec: string, request: MockRequest): MockResponse | Promise<MockResponse>;
  codes: ReadonlyMap<number, MockCode>;
  limits: MockLimits;
}

/** The mock's behaviour, independent of any server: parse, choose, build. Adapters only write the result. */
export function createMockService({ codes, limits = DEFAULT_LIMITS, random = Math.random, sequences }: MockServiceOptions): MockService {
  const store = sequences ?? createMemoryStore();
  return {
    codes,
    limits,
    respond(rawSpec, request) {
      let spec: string;
      try {
        spec = decodeURIComponent(rawSpec);
      } catch {
        return mockError('the status list is not valid percent-encoding', rawSpec);
      }
      const parsed = parseStatusSpec(spec);
      if (!parsed.ok) return mockError(parsed.message, spec);
      const knobs = parseKnobs(request.query, limits);
      if (!knobs.ok) return mockError(knobs.message, request.query.toString());
      const choices = parsed.value;
      const answer = (code: number) => answerWith(code, spec, request, knobs.value);
      const key = knobs.value.sequenceKey;
      if (key === undefined) return answer(choices.length === 1 ? (choices[0]?.code ?? 200) : chooseStatus(choices, random));
      const index = store.advanceSequence(key, spec, choices.length);
      if (typeof index === 'number') return answer(choices[index]?.code ?? 200);
      return index.then(
        (step) => answer(choices[step]?.code ?? 200),
        (error: unknown) => sequenceUnavailable(error, request.headers.origin),
      );
    },
  };

  function answerWith(code: number, spec: string, request: MockRequest, knobs: MockKnobs): MockResponse {
    // 206 is a real range request: its Range field decides between the parts (206), 416 and the whole (200).
    const ranges =
      code === 206
        ? selectRanges(
            { method: request.method, range: request.headers.range, ifRange: request.headers['if-range'] },
            { etag: REPRESENTATION_TAG, lastModified: LAST_MODIFIED },
          )
        : undefined;
    const info = codes.get(ranges?.status ?? code);
    if (!info) return mockError(`${code} is outside the range 100–599`, spec);
    return buildMockResponse(info, request, knobs, ranges);
  }
}

/** Seconds a client is asked to wait when the sequence store is down; the store reconnects within about 2 s. */
const STORE_RETRY_AFTER = 5;

/** `?seq=` needs the shared store: without it the mock says so (503) rather than restart the sequence silently. */
function sequenceUnavailable(error: unknown, origin: string | undefined): MockResponse {
  const cause = error instanceof Error ? error.message : String(error);
  const message = `sequences are kept in a shared store that cannot be reached now (${cause}); everything without ?seq= still works. Try again in ${STORE_RETRY_AFTER} s`;
  return {
    status: 503,
    reason: 'Service Unavailable',
    headers: [
      ['Retry-After', String(STORE_RETRY_AFTER)],
      ['Cache-Control', 'no-store'],
      ...corsHeaders(origin, ['Retry-After']),
      ['Vary', 'Origin'],
      ['Content-Type', 'application/json'],
    ],
    body: Buffer.from(`${JSON.stringify(jsonError(503, message))}\n`),
    sleepMs: 0,
  };
}
