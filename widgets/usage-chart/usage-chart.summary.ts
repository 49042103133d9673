import type { UsageResponse } from '../shared/contract.ts';
import { formatDate, formatNumber } from '../shared/format.ts';

const DAY = 86_400_000;

/** The range as a person reads it: whole UTC days name their last day, anything else names exact times. */
export function describeRange(startingOn: string, endingBefore: string, locale: string | undefined): string {
  const start = new Date(startingOn);
  const end = new Date(endingBefore);
  const wholeDays = start.getTime() % DAY === 0 && end.getTime() % DAY === 0;
  if (wholeDays) {
    const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
    const lastDay = new Date(end.getTime() - DAY);
    if (lastDay.getTime() === start.getTime()) return `on ${formatDate(start, locale, options)}`;
    return `from ${formatDate(start, locale, options)} to ${formatDate(lastDay, locale, options)}`;
  }
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' };
  return `from ${formatDate(start, locale, options)} to ${formatDate(end, locale, options)} UTC`;
}

/** One sentence that says what the chart shows; it is also the chart's accessible name. */
export function summarize(data: UsageResponse, locale: string | undefined): string {
  const range = describeRange(data.starting_on, data.ending_before, locale);
  const metric = data.billable_metric.name;
  if (data.total === 0) return `No ${metric} usage ${range}.`;
  let sentence = `${formatNumber(data.total, locale)} ${metric} ${range}`;
  const [largest] = data.groups;
  if (largest !== undefined && data.groups.length > 1) {
    const share = data.windows.reduce((sum, w) => sum + (w.values?.[largest] ?? 0), 0) / data.total;
    sentence += `; most in ${largest} (${formatNumber(share, locale, { style: 'percent', maximumFractionDigits: 0 })})`;
  }
  return `${sentence}.`;
}
