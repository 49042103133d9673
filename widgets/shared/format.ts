import { pageConfig } from './page-config.ts';
import { dateFormat, memo, numberFormat } from './intl.ts';
import { messages } from './i18n/messages.ts';

/**
 * Intl formatting shared by every widget, through formatters made once per locale and options
 * (`intl.ts`). Metronome's days are UTC days: a day, a billing period or an invoice's period is a set
 * of calendar dates and reads the same in every time zone, while moments (hours, "as of" times) are
 * shown in the widget's zone, UTC unless the host picks another.
 */

export interface FormatOptions {
  locale: string | undefined;
  timeZone: string;
}

const DAY = 86_400_000;

export function formatNumber(value: number, locale: string | undefined, options: Intl.NumberFormatOptions = {}) {
  return numberFormat(locale, { maximumFractionDigits: 2, ...options }).format(value);
}

export function formatCompact(value: number, locale: string | undefined) {
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatDate(date: Date, format: FormatOptions, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }) {
  return dateFormat(format.locale, { timeZone: format.timeZone, ...options }).format(date);
}

export function formatDateTime(date: Date, format: FormatOptions) {
  return formatDate(date, format, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** True at a UTC midnight: the boundary of one of Metronome's days, so a date rather than a moment. */
export const isUtcMidnight = (date: Date) => date.getTime() % DAY === 0;

const DAY_OPTIONS: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };

/**
 * The date of `date` as a person reads it: a UTC midnight by its own date in every time zone (it
 * starts one of Metronome's days), any other moment by its date in the widget's zone.
 */
export function formatDay(date: Date, format: FormatOptions, options: Intl.DateTimeFormatOptions = DAY_OPTIONS) {
  return formatDate(date, isUtcMidnight(date) ? { locale: format.locale, timeZone: 'UTC' } : format, options);
}

/**
 * The last day of something that ends before `endingBefore` (Metronome's ends are exclusive): the day
 * before a UTC midnight, otherwise the day the last moment falls on in the widget's zone.
 */
export const lastDayOf = (endingBefore: Date) => new Date(endingBefore.getTime() - (isUtcMidnight(endingBefore) ? DAY : 1));

/** A period's first and last day, "Nov 1, 2026 – Nov 30, 2026", or one date when they are the same. */
export function formatPeriod(startingOn: string, endingBefore: string, format: FormatOptions): string {
  const first = formatDay(new Date(startingOn), format);
  const last = formatDay(lastDayOf(new Date(endingBefore)), format);
  return first === last ? first : `${first} – ${last}`;
}

/**
 * A range in words: by its first and last day ("from Nov 1, 2026 to Nov 30, 2026", "on Nov 3, 2026")
 * when it is whole UTC days, the same dates in every time zone; by its exact ends in the widget's
 * zone otherwise.
 */
export function describeRange(startingOn: string, endingBefore: string, format: FormatOptions): string {
  const t = messages(format.locale);
  const start = new Date(startingOn);
  const end = new Date(endingBefore);
  if (isUtcMidnight(start) && isUtcMidnight(end)) {
    const last = lastDayOf(end);
    return last.getTime() === start.getTime() ? t.onDay(formatDay(start, format)) : t.fromTo(formatDay(start, format), formatDay(last, format));
  }
  const options: Intl.DateTimeFormatOptions = { ...DAY_OPTIONS, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  return t.fromTo(formatDate(start, format, options), formatDate(end, format, options));
}

/** A window as a person reads it: "Tue, Oct 3, 2026" for one of Metronome's days, "Oct 3, 2:00 PM – 3:00 PM" for an hour in the widget's zone. */
export function formatWindow(start: Date, end: Date, format: FormatOptions): string {
  const span = end.getTime() - start.getTime();
  if (span === DAY && isUtcMidnight(start)) return formatDay(start, format, { weekday: 'short', ...DAY_OPTIONS });
  // One window over the whole range (window size `none`): its days.
  if (span > DAY && isUtcMidnight(start) && isUtcMidnight(end)) return formatPeriod(start.toISOString(), end.toISOString(), format);
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  return `${formatDate(start, format, { month: 'short', day: 'numeric', ...time })} – ${formatDate(end, format, span < DAY ? time : { month: 'short', day: 'numeric', ...time })}`;
}

/** Today's date in `timeZone`, as the UTC midnight that starts it (the day Metronome calls by that date). */
export const todayIn = (timeZone: string, now = Date.now()) => Date.parse(dateFormat('sv-SE', { timeZone, dateStyle: 'short' }).format(now));

/** True when the string names a time zone this browser knows. */
export const isTimeZone = memo((zone) => {
  try {
    return Boolean(dateFormat(undefined, { timeZone: zone }));
  } catch {
    return false;
  }
});

export interface CreditTypeRef {
  id: string;
  name: string;
}

/** Metronome's id for USD (cents); its amounts are cents and are shown as dollars. */
export const USD_CENTS_ID = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';

/** "USD (cents)", "EUR (cents)", "JPY (minor units)", "GBP cents": a currency counted in its minor unit. */
const MINOR_UNIT_NAME = /^([a-z]{3})\s*\(?\s*(?:cents?|minor units?)\s*\)?$/i;
/** A currency this browser knows, by its ISO 4217 code, or null. */
const knownCurrency = memo((code) => (Intl.supportedValuesOf('currency').includes(code) ? code : null));

/**
 * The ISO 4217 currency of a credit type that counts a fiat currency in its minor unit (Metronome's
 * USD (cents) by id, any `<code> (cents)` by name when the browser knows the code), or null for a
 * custom pricing unit such as GPU credits.
 */
export const currencyOf = (creditType: CreditTypeRef): string | null =>
  creditType.id === USD_CENTS_ID ? 'USD' : knownCurrency(MINOR_UNIT_NAME.exec(creditType.name.trim())?.[1]?.toUpperCase() ?? '');

/** How many digits the currency's minor unit has: 2 for USD and EUR, 0 for JPY, 3 for BHD. */
export const minorUnitDigits = (currency: string) => numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * An amount in minor units as the same amount in the currency's unit, exact to the millionth of a
 * minor unit (the proxy's precision): 1672.70688 USD cents is 16.7270688, not 16.727068799999998.
 */
export const toMajorUnits = (amount: number, digits: number) => Math.round(amount * 1_000_000) / 10 ** (6 + digits);

/**
 * The display rounding of money, decided here only (issue 15 settles it; change it here): whole minor
 * units, plus a tenth of one when the amount has a fractional minor unit, so sub-cent spend stays visible.
 */
function moneyDigits(amount: number, digits: number): Intl.NumberFormatOptions {
  const fractional = Math.abs(Math.round(amount * 1000) % 1000) !== 0;
  return { minimumFractionDigits: digits, maximumFractionDigits: digits + (fractional ? 1 : 0) };
}

/**
 * An amount in its credit type's unit, formatted for people: currencies counted in minor units as the
 * currency in the locale ($1,234.56, 1.234,56 €, ¥1,234), custom pricing units as a number and their
 * name (1,234.5 GPU credits). Nothing is rounded before this point; this is the only place amounts
 * are rounded for display.
 */
export function formatMoney(amount: number, creditType: CreditTypeRef, locale: string | undefined, options: { compact?: boolean } = {}): string {
  const currency = currencyOf(creditType);
  if (currency) {
    const digits = minorUnitDigits(currency);
    const major = toMajorUnits(amount, digits);
    if (options.compact && Math.abs(major) >= 1000) return numberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
    return numberFormat(locale, { style: 'currency', currency, ...moneyDigits(amount, digits) }).format(major);
  }
  const number = options.compact ? formatCompact(amount, locale) : formatNumber(amount, locale);
  return `${number} ${creditType.name}`;
}

/** Money for a spreadsheet: the amount in the currency's unit (USD, not cents) and that unit's name for the header. */
export function moneyForCsv(creditType: CreditTypeRef): { unit: string; value: (amount: number) => number } {
  const currency = currencyOf(creditType);
  if (!currency) return { unit: creditType.name, value: (amount) => amount };
  const digits = minorUnitDigits(currency);
  return { unit: currency, value: (amount) => toMajorUnits(amount, digits) };
}

/** The canonical form of a BCP 47 tag, or null for an empty or malformed one (which Intl would throw on). */
const validLocale = memo((tag) => {
  try {
    return Intl.getCanonicalLocales(tag || [])[0] ?? null;
  } catch {
    return null;
  }
});

/** The nearest `lang` above the element, through shadow roots, so a widget inside another component still finds the page's. */
function langAbove(host: Element): string | null {
  for (let node: Element | undefined = host; node; node = (node.getRootNode() as ShadowRoot).host) {
    const lang = node.closest('[lang]')?.getAttribute('lang');
    if (lang && validLocale(lang)) return validLocale(lang);
  }
  return null;
}

/**
 * A widget's formatting. Locale: its own `locale`, else the page's `configure({ locale })`, else the
 * nearest `lang` on the page, else the browser's language. Time zone: its own `time-zone`, else the
 * page's `configure({ timeZone })`, else UTC (Metronome's days are UTC days); a zone the browser does
 * not know counts as unset.
 */
export function widgetFormat(host: Element, locale: string, timeZone: string): FormatOptions {
  const config = pageConfig();
  return {
    locale: validLocale(locale) ?? validLocale(config.locale ?? '') ?? langAbove(host) ?? (globalThis.navigator?.language || undefined),
    timeZone: [timeZone, config.timeZone].find((zone) => zone && isTimeZone(zone)) ?? 'UTC',
  };
}
