/** Pure: a metric's sparkline geometry and its change, for usage-summary.ts. */

const DAY = 86_400_000;

/**
 * Daily values as a polyline in a 100 × 24 box: each day at its place in the whole period (days still
 * to come leave the right of the box empty, showing how far the period has run), zero at the bottom.
 * A single day is drawn as a dot (its point twice, with round caps).
 */
export function sparkline(daily: number[], startingOn: string, endingBefore: string) {
  const days = Math.max(1, Math.round((Date.parse(endingBefore) - Date.parse(startingOn)) / DAY));
  const high = Math.max(0, ...daily);
  const points = daily.map((v, i) => `${((i + 0.5) * 100) / days},${22 - (20 * v) / (high || 1)}`);
  return { points: (points.length === 1 ? [...points, ...points] : points).join(' '), high, last: daily.at(-1) ?? 0 };
}

/**
 * The change from `previous` to `total` as a ratio (0.123 is 12.3 % more), and its kind in words:
 * `new` when there was nothing before, `same` when it rounds to 0.0 %. Null without a previous period.
 */
export function changeOf(total: number, previous: number | null): { kind: 'up' | 'down' | 'same' | 'new'; ratio: number } | null {
  if (previous === null) return null;
  const ratio = previous ? total / previous - 1 : 0;
  return { kind: !previous && total > 0 ? 'new' : Math.abs(ratio) < 0.0005 ? 'same' : ratio > 0 ? 'up' : 'down', ratio };
}
