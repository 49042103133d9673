/**
 * Sums amounts and quantities in millionths, as the proxy does, so a CSV of 0.1 + 0.2 says 0.3 and
 * not 0.30000000000000004. Values finer than a millionth are rounded to it.
 */
export function exactSum(values: Iterable<number>): number {
  let micros = 0;
  for (const v of values) micros += Math.round(v * 1_000_000);
  return micros / 1_000_000;
}
