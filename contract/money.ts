/**
 * The money rule, defined once for everything that shows an amount: the widgets, their CSVs, and the
 * simulator's hosted dashboard page and invoice PDFs (which stand in for Metronome's, so they must read
 * the same). Amounts arrive in their credit type's unit, exact and often fractional (USD cents such as
 * 2837.5, GPU credits such as 8590.31125); this module decides the number shown and its decimals, and
 * each side formats that with `Intl.NumberFormat` in its locale.
 *
 * - Totals, balances, amounts due and every other amount: a currency in its minor unit (cents for USD,
 *   none for JPY), a custom pricing unit to at most `CUSTOM_UNIT_DECIMALS`, rounded half away from
 *   zero on the exact decimal value. Metronome documents no display rounding for invoice totals, so
 *   this is an assumption (commercial rounding, as the proxy and simulator already round products).
 * - Rates (unit prices) and exact values on demand: every decimal the number has, at least the
 *   currency's minor unit ($0.0005, $0.40), so that quantity × unit price visibly gives the line total.
 *
 * Everything is decimal arithmetic on the number's shortest decimal form (the digits its JSON had), so
 * 0.285 rounds to 0.29, never to 0.28 by way of 0.28499999999999998.
 */

/** Metronome's USD (cents): the same id in every Metronome account. Its amounts are cents. */
export const USD_CENTS_ID = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';

/** Most decimals a custom pricing unit's amounts are shown with (its rates keep all of theirs). */
export const CUSTOM_UNIT_DECIMALS = 2;

export interface CreditTypeRef {
  id: string;
  name: string;
}

/** "USD (cents)", "EUR (cents)", "JPY (minor units)", "GBP cents": a currency counted in its minor unit. */
const MINOR_UNIT_NAME = /^([a-z]{3})\s*\(?\s*(?:cents?|minor units?)\s*\)?$/i;

const known = new Map<string, string | null>();
const exponents = new Map<string, number>();

/**
 * The ISO 4217 currency of a credit type that counts a fiat currency in its minor unit (Metronome's
 * USD (cents) by id, any `<code> (cents)` by name when Intl knows the code), or null for a custom
 * pricing unit such as GPU credits.
 */
export function currencyOf(creditType: CreditTypeRef): string | null {
  if (creditType.id.toLowerCase() === USD_CENTS_ID) return 'USD';
  const code = MINOR_UNIT_NAME.exec(creditType.name.trim())?.[1]?.toUpperCase();
  if (!code) return null;
  if (!known.has(code)) known.set(code, Intl.supportedValuesOf('currency').includes(code) ? code : null);
  return known.get(code)!;
}

/** Digits of the currency's minor unit (ISO 4217, as Intl has it): 2 for USD and EUR, 0 for JPY, 3 for BHD. */
export function currencyExponent(currency: string): number {
  let digits = exponents.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, digits);
  }
  return digits;
}

/** An exact decimal: `digits` × 10^−`scale`, scale ≥ 0. */
export interface Decimal {
  digits: bigint;
  scale: number;
}

/** A finite number as the decimal it reads as (its shortest form: 0.1 is 1 × 10^−1, not 0.1000000000000000055…). */
export function decimalOf(value: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** `value` rounded to `places` decimals, half away from zero, as the digits at that scale. */
export function roundDecimal(value: Decimal, places: number): bigint {
  if (value.scale <= places) return value.digits * 10n ** BigInt(places - value.scale);
  const divisor = 10n ** BigInt(value.scale - places);
  const quotient = value.digits / divisor;
  const remainder = value.digits % divisor;
  return (remainder < 0n ? -remainder : remainder) * 2n >= divisor ? quotient + (value.digits < 0n ? -1n : 1n) : quotient;
}

/** a × b exactly, rounded half away from zero to `places` decimals: quantity × price as Metronome rates it. */
export function multiplyRounded(a: number, b: number, places: number): number {
  const x = decimalOf(a);
  const y = decimalOf(b);
  return Number(`${roundDecimal({ digits: x.digits * y.digits, scale: x.scale + y.scale }, places)}e-${places}`);
}

/** How to show one amount: give `value` and `options` to `Intl.NumberFormat`, then append `suffix`. */
export interface MoneyDisplay {
  /** In the unit people read (dollars for USD cents, yen for JPY, the custom unit itself), already rounded by the rule. */
  value: number;
  /** The currency style and code, and the decimals the rule allows. */
  options: Intl.NumberFormatOptions;
  /** " GPU credits" after a custom pricing unit's number; empty for a currency. */
  suffix: string;
  /** True when the rule rounded the amount away from its exact value (which is then worth offering). */
  rounded: boolean;
}

/** Most decimals Intl is asked for; amounts and rates never carry more. */
const MAX_DECIMALS = 20;

/**
 * The money rule. `amount` is in the credit type's unit (USD cents); `precision` is `total` for every
 * amount (the currency's minor unit, a custom unit's `CUSTOM_UNIT_DECIMALS` at most) and `exact` for
 * rates and exact values (every decimal, at least the minor unit).
 */
export function moneyDisplay(amount: number, creditType: CreditTypeRef, precision: 'total' | 'exact' = 'total'): MoneyDisplay {
  const currency = currencyOf(creditType);
  const exponent = currency ? currencyExponent(currency) : 0;
  const exact = decimalOf(amount);
  // In the unit people read: cents → dollars moves the decimal point by the exponent.
  const shifted = { digits: exact.digits, scale: exact.scale + exponent };
  const style: Intl.NumberFormatOptions = currency ? { style: 'currency', currency } : {};
  const suffix = currency ? '' : ` ${creditType.name}`;
  if (precision === 'exact') {
    const decimals = Math.min(MAX_DECIMALS, Math.max(exponent, shifted.scale));
    return { value: Number(`${shifted.digits}e-${shifted.scale}`), options: { ...style, minimumFractionDigits: exponent, maximumFractionDigits: decimals }, suffix, rounded: false };
  }
  const places = currency ? exponent : CUSTOM_UNIT_DECIMALS;
  const rounded = roundDecimal(shifted, places);
  return {
    value: Number(`${rounded}e-${places}`),
    options: { ...style, minimumFractionDigits: currency ? places : 0, maximumFractionDigits: places },
    suffix,
    rounded: shifted.scale > places && rounded * 10n ** BigInt(shifted.scale - places) !== shifted.digits,
  };
}
