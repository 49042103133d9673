/**
 * Intl formatting shared by every widget. Dates are shown in UTC unless the host picks a time zone:
 * Metronome's windows are UTC days and hours, so UTC labels line up with the buckets.
 */

export interface FormatOptions {
  locale: string | undefined;
  timeZone: string;
}

export function formatNumber(value: number, locale: string | undefined, options: Intl.NumberFormatOptions = {}) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, ...options }).format(value);
}

export function formatCompact(value: number, locale: string | undefined) {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatDate(date: Date, format: FormatOptions, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }) {
  return new Intl.DateTimeFormat(format.locale, { timeZone: format.timeZone, ...options }).format(date);
}

export function formatDateTime(date: Date, format: FormatOptions) {
  return formatDate(date, format, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** A window as a person reads it: "Oct 3" for a UTC day, "Oct 3, 14:00–15:00" for an hour. */
export function formatWindow(start: Date, end: Date, format: FormatOptions): string {
  const span = end.getTime() - start.getTime();
  if (span === 86_400_000 && format.timeZone === 'UTC') return formatDate(start, format, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  const time: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
  return `${formatDate(start, format, { month: 'short', day: 'numeric', ...time })} – ${formatDate(end, format, span < 86_400_000 ? time : { month: 'short', day: 'numeric', ...time })}`;
}

/** True when the string names a time zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface CreditTypeRef {
  id: string;
  name: string;
}

/** Metronome's id for USD (cents); its amounts are cents and are shown as dollars. */
export const USD_CENTS_ID = '2714e483-4ff1-48e4-9e25-ac732e8f24f2';

const isUsdCents = (creditType: CreditTypeRef) => creditType.id === USD_CENTS_ID || /^USD \(cents\)$/i.test(creditType.name);

/**
 * An amount in its credit type's unit, formatted for people: USD cents as dollars (fractional cents
 * kept to a tenth of a cent only when there are any), custom pricing units as a number and their name.
 * Nothing is rounded before this point; this is the only place amounts are rounded for display.
 */
export function formatMoney(amount: number, creditType: CreditTypeRef, locale: string | undefined, options: { compact?: boolean } = {}): string {
  if (isUsdCents(creditType)) {
    const dollars = amount / 100;
    if (options.compact && Math.abs(dollars) >= 1000) return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(dollars);
    const fractionalCents = Math.abs(Math.round(amount * 1000) % 1000) !== 0;
    return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: fractionalCents ? 3 : 2 }).format(dollars);
  }
  const number = options.compact ? formatCompact(amount, locale) : formatNumber(amount, locale);
  return `${number} ${creditType.name}`;
}

/** A widget's formatting: its `locale` or the nearest `lang` on the page, and its time zone when the browser knows it. */
export function widgetFormat(host: Element, locale: string, timeZone: string): FormatOptions {
  return { locale: locale || host.closest('[lang]')?.getAttribute('lang') || undefined, timeZone: isTimeZone(timeZone) ? timeZone : 'UTC' };
}
