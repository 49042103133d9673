import type { ChartModel } from '../shared/chart/model.ts';
import { OTHER_KEY, visibleSeries } from '../shared/chart/model.ts';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { type CreditTypeRef, type FormatOptions, formatDate, formatMoney, formatNumber } from '../shared/format.ts';

/** The sentences <spend-breakdown> says: the chart's summary and the headline's comparison. */

const DAY = 86_400_000;

export function rangeText(startingOn: string, endingBefore: string, format: FormatOptions): string {
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
  const last = new Date(Date.parse(endingBefore) - DAY);
  return `from ${formatDate(new Date(startingOn), format, options)} to ${formatDate(last, format, options)}`;
}

/** One sentence for the chart, also its accessible name: gross, credits, net, and the largest group. */
export function spendSummary(model: ChartModel, creditType: CreditTypeRef, format: FormatOptions): string {
  const money = (v: number) => formatMoney(v, creditType, format.locale);
  const range = rangeText(model.startingOn, model.endingBefore, format);
  if (model.total === 0) return `No spend ${range}.`;
  const credits = model.negative && !model.negative.hidden ? model.negative.total : 0;
  let sentence = `${money(model.total)} spent ${range}`;
  if (credits !== 0) sentence += `, ${money(-credits)} paid by commits and credits, ${money(model.total + credits)} net`;
  const largest = visibleSeries(model).filter((s) => s.key !== OTHER_KEY).sort((a, b) => b.total - a.total)[0];
  if (largest && visibleSeries(model).length > 1) {
    sentence += `; most on ${largest.label} (${formatNumber(largest.total / model.total, format.locale, { style: 'percent', maximumFractionDigits: 0 })})`;
  }
  return `${sentence}.`;
}

type Entry = SpendSummaryResponse['credit_types'][number];

/** "up 12% on the same point of the previous period", or null when there is nothing to compare. */
export function comparedWithPrevious(entry: Entry, locale: string | undefined): string | null {
  const before = entry.previous?.spend_to_date;
  if (before === undefined) return null;
  if (before === 0) return entry.spend_to_date === 0 ? 'nothing spent at this point of the previous period either' : 'up from nothing at this point of the previous period';
  const ratio = (entry.spend_to_date - before) / before;
  const percent = formatNumber(Math.abs(ratio), locale, { style: 'percent', maximumFractionDigits: 0 });
  if (Math.abs(ratio) < 0.005) return 'about the same as at this point of the previous period';
  return `${ratio > 0 ? 'up' : 'down'} ${percent} on the same point of the previous period`;
}

export function daysLeftText(days: number | null, locale: string | undefined): string {
  if (days === null) return '—';
  const whole = Math.ceil(days - 1e-9);
  return whole <= 0 ? 'Period ends today' : `${formatNumber(whole, locale)} ${whole === 1 ? 'day' : 'days'}`;
}
