export interface StatusChoice {
  code: number;
  weight: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const MAX_CHOICES = 20;
const MAX_SPEC_LENGTH = 200;

/**
 * Parses httpbin's status syntax: `418`, `200,500` (uniform), `200:0.9,500:0.1` (weighted), and a repeated list
 * used as a sequence (`503,503,200` with `?seq=`). Codes must be 100–599; weights finite, zero allowed (that choice
 * never comes up), as long as one weight is positive.
 */
export function parseStatusSpec(spec: string): ParseResult<StatusChoice[]> {
  if (spec.length === 0) return { ok: false, message: 'no status code given' };
  if (spec.length > MAX_SPEC_LENGTH) return { ok: false, message: `the status list is longer than ${MAX_SPEC_LENGTH} characters` };
  const parts = spec.split(',');
  if (parts.length > MAX_CHOICES) return { ok: false, message: `at most ${MAX_CHOICES} status codes may be listed` };
  const choices: StatusChoice[] = [];
  for (const part of parts) {
    const match = /^(\d{3})(?::(\d+(?:\.\d+)?|\.\d+))?$/.exec(part);
    if (!match) return { ok: false, message: `"${part}" is not a status code (three digits, optionally ":weight")` };
    const code = Number(match[1]);
    if (code < 100 || code > 599) return { ok: false, message: `${code} is outside the range 100–599` };
    const weight = match[2] === undefined ? 1 : Number(match[2]);
    if (!Number.isFinite(weight)) return { ok: false, message: `the weight of ${code} must be a finite number` };
    choices.push({ code, weight });
  }
  if (!choices.some((choice) => choice.weight > 0)) return { ok: false, message: 'at least one weight must be positive' };
  return { ok: true, value: choices };
}

/** Weighted random choice; a zero weight is never chosen; `random` is injectable so tests can pin it. */
export function chooseStatus(choices: readonly StatusChoice[], random: () => number = Math.random): number {
  const total = choices.reduce((sum, choice) => sum + choice.weight, 0);
  let point = random() * total;
  for (const choice of choices) {
    point -= choice.weight;
    if (point < 0) return choice.code;
  }
  // Only floating-point rounding gets here: the last choice that can be chosen.
  return choices.findLast((choice) => choice.weight > 0)?.code ?? 200;
}
