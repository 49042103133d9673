import type { ChartModel } from '../shared/chart/model.ts';
import { OTHER_KEY, visibleSeries } from '../shared/chart/model.ts';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { type CreditTypeRef, describeRange, type FormatOptions, formatMoney, formatNumber } from '../shared/format.ts';
import { messages } from '../shared/i18n/messages.ts';
import { spendBreakdown } from '../shared/i18n/en.ts';

/** The sentences <spend-breakdown> says: the chart's summary and the headline's comparison. */

/** One sentence for the chart, also its accessible name: gross, credits, net, and the largest group. */
export function spendSummary(model: ChartModel, creditType: CreditTypeRef, format: FormatOptions): string {
  const t = messages(format.locale, spendBreakdown);
  const money = (v: number) => formatMoney(v, creditType, format.locale);
  const range = describeRange(model.startingOn, model.endingBefore, format);
  if (model.total === 0) return t.spendNone(range);
  const credits = model.negative && !model.negative.hidden ? model.negative.total : 0;
  let sentence = t.spent(money(model.total), range);
  if (credits !== 0) sentence += t.spentNet(money(-credits), money(model.total + credits));
  const largest = visibleSeries(model).filter((s) => s.key !== OTHER_KEY).sort((a, b) => b.total - a.total)[0];
  if (largest && visibleSeries(model).length > 1) {
    sentence += t.mostOn(largest.label, formatNumber(largest.total / model.total, format.locale, { style: 'percent', maximumFractionDigits: 0 }));
  }
  return `${sentence}.`;
}

type Entry = SpendSummaryResponse['credit_types'][number];

/** "up 12% on the same point of the previous period", or null when there is nothing to compare. */
export function comparedWithPrevious(entry: Entry, locale: string | undefined): string | null {
  const t = messages(locale, spendBreakdown);
  const before = entry.previous?.spend_to_date;
  if (before === undefined) return null;
  if (before === 0) return entry.spend_to_date === 0 ? t.nothingEither : t.upFromNothing;
  const ratio = (entry.spend_to_date - before) / before;
  const percent = formatNumber(Math.abs(ratio), locale, { style: 'percent', maximumFractionDigits: 0 });
  if (Math.abs(ratio) < 0.005) return t.sameAsBefore;
  return t.changeOnSamePoint(ratio > 0, percent);
}

export function daysLeftText(days: number | null, locale: string | undefined): string {
  if (days === null) return '—';
  const t = messages(locale, spendBreakdown);
  const whole = Math.ceil(days - 1e-9);
  return whole <= 0 ? t.periodEndsToday : t.days(whole, formatNumber(whole, locale));
}
