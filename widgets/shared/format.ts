import { pageConfig } from './page-config.ts';
import { dateFormat, memo, numberFormat } from './intl.ts';
import { messages } from './i18n/messages.ts';
import { type CreditTypeRef, currencyOf, moneyDisplay, USD_CENTS_ID } from '../../contract/money.ts';

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

/** A billed quantity with every decimal it has (Metronome's, up to 20), so that quantity × rate can be checked by eye. */
export const formatQuantity = (value: number, locale: string | undefined) => formatNumber(value, locale, { maximumFractionDigits: 20 });

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
  // A period that ends where it starts is a day (a commit purchase's), not one ending the day before it starts.
  const last = Date.parse(endingBefore) > Date.parse(startingOn) ? formatDay(lastDayOf(new Date(endingBefore)), format) : first;
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
  return `${formatDateTime(start, format)} – ${span < DAY ? formatDate(end, format, { hour: 'numeric', minute: '2-digit' }) : formatDateTime(end, format)}`;
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

export type { CreditTypeRef };
export { currencyOf, USD_CENTS_ID };

/**
 * An amount in its credit type's unit, formatted for people by the money rule (contract/money.ts):
 * currencies counted in minor units as the currency in the locale, rounded to the minor unit ($1,234.57,
 * 1.234,57 €, ¥1,235), custom pricing units to at most 2 decimals with their name (1,234.5 GPU
 * credits). `exact` shows every decimal instead: for rates ($0.0005) and the exact value on demand.
 * Nothing is rounded before this point; this is the only place the widgets round amounts.
 */
export function formatMoney(amount: number, creditType: CreditTypeRef, locale: string | undefined, options: { compact?: boolean; exact?: boolean } = {}): string {
  const shown = moneyDisplay(amount, creditType, options.exact ? 'exact' : 'total');
  if (options.compact && Math.abs(shown.value) >= 1000) {
    return shown.options.currency
      ? numberFormat(locale, { style: 'currency', currency: shown.options.currency, notation: 'compact', maximumFractionDigits: 1 }).format(shown.value)
      : `${formatCompact(amount, locale)}${shown.suffix}`;
  }
  return numberFormat(locale, shown.options).format(shown.value) + shown.suffix;
}

/** How a credit type is named to people: a currency by its code ("USD", never "USD (cents)"), a custom unit by its name. */
export const creditTypeLabel = (creditType: CreditTypeRef) => currencyOf(creditType) ?? creditType.name;

/**
 * Money for a spreadsheet: the amount in the currency's unit (USD, not cents), exact to every decimal
 * Metronome gave (a CSV is for analysis, so nothing is rounded), and that unit's name for the header.
 */
export function moneyForCsv(creditType: CreditTypeRef): { unit: string; value: (amount: number) => number } {
  return { unit: creditTypeLabel(creditType), value: (amount) => moneyDisplay(amount, creditType, 'exact').value };
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
