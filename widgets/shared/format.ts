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
