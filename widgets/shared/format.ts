/** Intl formatting shared by every widget; all dates are shown in UTC because Metronome's windows are UTC. */

export function formatNumber(value: number, locale: string | undefined, options: Intl.NumberFormatOptions = {}) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, ...options }).format(value);
}

export function formatCompact(value: number, locale: string | undefined) {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatDate(date: Date, locale: string | undefined, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }) {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(date);
}

export function formatDateTime(date: Date, locale: string | undefined) {
  return formatDate(date, locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}
