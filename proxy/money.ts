/**
 * Money (and usage) arithmetic, exact. Amounts stay in their credit type's unit (USD cents, custom
 * pricing units), fractional: 0.4 of a cent, 1.75825 cents. Adding thousands of them as binary floats
 * leaves 1e-13 noise that would make `net = total + credits_applied` false, so every amount is added as
 * an integer number of millionths of its unit ("micros") and turned back into a number only when
 * answering. Metronome's amounts carry at most a few decimals; anything finer than a millionth of a
 * unit is rounded to it. Rounding for display happens in the widgets, never here.
 */

export type Micros = number;
const MICROS = 1_000_000;
const MICROS_BIG = 1_000_000n;

export const toMicros = (value: number | null | undefined): Micros => (Number.isFinite(value) ? Math.round(value! * MICROS) : 0);
export const fromMicros = (micros: Micros): number => micros / MICROS;

/** quantity × price, both in micros, as micros rounded half away from zero (BigInt: the product overflows 2^53). */
export function multiplyMicros(quantity: Micros, price: Micros): Micros {
  const product = BigInt(quantity) * BigInt(price);
  const sign = product < 0n ? -1n : 1n;
  return Number((sign * (sign * product + MICROS_BIG / 2n)) / MICROS_BIG);
}

/** Metronome's USD (cents) credit type: the same id in every Metronome account. */
export const USD_CENTS = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' } as const;

/** USD (cents) first, as the currency the customer pays in; custom pricing units after it by name. */
export function compareCreditTypes(a: { id: string; name: string }, b: { id: string; name: string }): number {
  const usd = (t: { id: string }) => (t.id.toLowerCase() === USD_CENTS.id ? 0 : 1);
  return usd(a) - usd(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
