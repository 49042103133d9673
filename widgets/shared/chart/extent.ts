/**
 * d3-array's `bisectRight`, `min` and `max` for the plain number arrays the charts have (extent.test.ts
 * compares them): d3-array's versions take any comparator or accessor, and their shared bisector brings
 * its ascending, descending and number helpers too (about 1 KB minified) for three one-line searches.
 */

/** The index after the last of `sorted` at or below `x`: where `x` would go, after its equals. */
export function bisectRight(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The largest of `values` (NaN skipped), or undefined when there is none. */
export function max(values: Iterable<number>): number | undefined {
  let most: number | undefined;
  for (const value of values) if (value >= value && !(most! >= value)) most = value;
  return most;
}

/** The smallest of `values` (NaN skipped), or undefined when there is none. */
export function min(values: Iterable<number>): number | undefined {
  let least: number | undefined;
  for (const value of values) if (value >= value && !(least! <= value)) least = value;
  return least;
}
