/**
 * Money (and usage) arithmetic, exact. Amounts stay in their credit type's unit (USD cents, custom
 * pricing units), fractional: 0.4 of a cent, 1.75825 cents. Adding thousands of them as binary floats
 * leaves 1e-13 noise that would make `net = total + credits_applied` false, so every amount is added as
 * an integer number of millionths of its unit ("micros") and turned back into a number only when
 * answering. Metronome's amounts carry at most a few decimals; anything finer than a millionth of a
 * unit is rounded to it. Rounding for display happens in the widgets, never here.
 */

import { USD_CENTS_ID } from '../contract/money.ts';

export type Micros = number;
const MICROS = 1_000_000;

export const toMicros = (value: number | null | undefined): Micros => (Number.isFinite(value) ? Math.round(value! * MICROS) : 0);
export const fromMicros = (micros: Micros): number => micros / MICROS;

/** Metronome's USD (cents) credit type: the same id in every Metronome account. */
export const USD_CENTS = { id: USD_CENTS_ID, name: 'USD (cents)' } as const;

/** USD (cents) first, as the currency the customer pays in; custom pricing units after it by name. */
export function compareCreditTypes(a: { id: string; name: string }, b: { id: string; name: string }): number {
  const usd = (t: { id: string }) => (t.id.toLowerCase() === USD_CENTS.id ? 0 : 1);
  return usd(a) - usd(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
