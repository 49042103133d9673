// Exact arithmetic for quantities and amounts. Billing sums thousands of fractional values, and
// binary floating point would make "invoice total = sum of lines" false by 1e-13 here and there, so
// every quantity and amount is carried as an integer number of millionths ("micros") and only
// turned back into a JS number when serialised. Amounts stay in the credit type's own unit (USD
// cents, or a custom pricing unit), so 0.5 of a cent is 500_000 micros. The pages a customer reads
// (the hosted dashboard, invoice PDFs) show them by the widgets' money rule, contract/money.ts.
import { type CreditTypeRef, moneyDisplay } from '../../contract/money.ts';

export type Micros = number;

export const MICROS = 1_000_000;

export const toMicros = (value: number): Micros => Math.round(value * MICROS);
export const fromMicros = (micros: Micros): number => micros / MICROS;

export type RoundingMethod = 'ROUND_UP' | 'ROUND_DOWN' | 'ROUND_HALF_UP';

/** Rounds micros to `decimalPlaces` (0..6) with Metronome's quantity rounding methods. */
export function roundMicros(micros: Micros, decimalPlaces: number, method: RoundingMethod): Micros {
  const step = 10 ** (6 - Math.min(6, Math.max(0, decimalPlaces)));
  const units = micros / step;
  const rounded = method === 'ROUND_UP' ? Math.ceil(units) : method === 'ROUND_DOWN' ? Math.floor(units) : Math.floor(units + 0.5);
  return rounded * step;
}

/** quantity × price, both in micros, as micros; BigInt because the product overflows 2^53. Rounds half up. */
export function multiplyMicros(quantity: Micros, price: Micros): Micros {
  const product = BigInt(quantity) * BigInt(price);
  const half = BigInt(MICROS / 2);
  const sign = product < 0n ? -1n : 1n;
  return Number((sign * (sign * product + half)) / BigInt(MICROS));
}

/** A non-negative integer ÷ an integer factor, as micros rounded half up (a quantity conversion of raw usage). */
export function divideToMicros(value: number, factor: number): Micros {
  const divisor = BigInt(factor);
  return Number((BigInt(value) * BigInt(MICROS) * 2n + divisor) / (2n * divisor));
}

export const sumMicros = (values: Iterable<Micros>): Micros => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

const formats = new Map<string, Intl.NumberFormat>();
const enUs = (options: Intl.NumberFormatOptions) => {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat('en-US', options)));
  return format;
};

/** An amount as a customer reads it, by the money rule in en-US: "$1,234.57" for USD cents, "1,454.65 GPU credits". */
export function formatAmount(micros: Micros, creditType: CreditTypeRef): string {
  const shown = moneyDisplay(fromMicros(micros), creditType);
  return enUs(shown.options).format(shown.value) + shown.suffix;
}

/** A quantity with every decimal it has (to the millionth), as the widgets show it: "932.586". */
export const formatQuantity = (micros: Micros): string => enUs({ maximumFractionDigits: 6 }).format(fromMicros(micros));
