/** Edits between two strings (Levenshtein), counting a swap of neighbours as one, as a typo usually is. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (rows[i]?.[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? Number.POSITIVE_INFINITY;
}

const sorted = (text: string) => [...text].sort().join('');

/**
 * The known codes one typo away from `wanted`, most likely first: swapped digits (492 → 429), the commonest slip,
 * before one wrong digit (492 → 402), then the lower code.
 */
export function similarCodes(wanted: string, known: readonly number[], limit = 3): number[] {
  return known
    .map((code) => [code, distance(wanted, String(code)), sorted(String(code)) === sorted(wanted) ? 0 : 1] as const)
    .filter(([, edits]) => edits <= 1)
    .sort(([a, da, sa], [b, db, sb]) => da - db || sa - sb || a - b)
    .slice(0, limit)
    .map(([code]) => code);
}
