import { buildMockResponse, type MockRequest, type MockResponse, mockError, REPRESENTATION_TAG } from './build-mock-response.js';
import { selectRanges } from './byte-ranges.js';
import { LAST_MODIFIED } from './header-values.js';
import type { MockCode } from './mock-codes.js';
import { DEFAULT_LIMITS, type MockLimits, parseKnobs } from './parse-knobs.js';
import { chooseStatus, parseStatusSpec } from './parse-status-spec.js';
import { SequenceStore } from './sequences.js';

export interface MockServiceOptions {
  codes: ReadonlyMap<number, MockCode>;
  limits?: MockLimits;
  random?: () => number;
  sequences?: SequenceStore;
}

export interface MockService {
  /** Answers `/status/{spec}` (spec already cut from the path, still percent-encoded). */
  respond(spec: string, request: MockRequest): MockResponse;
  codes: ReadonlyMap<number, MockCode>;
  limits: MockLimits;
}

/** The mock's behaviour, independent of any server: parse, choose, build. Adapters only write the result. */
export function createMockService({ codes, limits = DEFAULT_LIMITS, random = Math.random, sequences }: MockServiceOptions): MockService {
  const store = sequences ?? new SequenceStore({ maxKeys: 10_000, ttlMs: 10 * 60_000 });
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
      const code =
        knobs.value.sequenceKey !== undefined
          ? (choices[store.advance(knobs.value.sequenceKey, spec, choices.length)]?.code ?? 200)
          : choices.length === 1
            ? (choices[0]?.code ?? 200)
            : chooseStatus(choices, random);
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
      return buildMockResponse(info, request, knobs.value, ranges);
    },
  };
}
