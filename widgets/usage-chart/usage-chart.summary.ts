import { describeRange, type FormatOptions, formatNumber } from '../shared/format.ts';
import { messages } from '../shared/i18n/messages.ts';
import { usageChart } from '../shared/i18n/en.ts';
import { type ChartModel, OTHER_KEY, visibleSeries } from '../shared/chart/model.ts';

/** `samePoint`: a range under way is compared with as many windows of the previous period, not all of it. */
function change(current: number, previous: number, locale: string | undefined, samePoint: boolean): string {
  const t = messages(locale, usageChart);
  if (previous === 0) return current === 0 ? t.noneEither : t.upFromNone;
  const ratio = (current - previous) / previous;
  const percent = formatNumber(Math.abs(ratio), locale, { style: 'percent', maximumFractionDigits: 0 });
  if (percent === formatNumber(0, locale, { style: 'percent' })) return samePoint ? t.sameAsBefore : t.aboutSame;
  return samePoint ? t.changeOnSamePoint(ratio > 0, percent) : t.changeOnPrevious(ratio > 0, percent);
}

/** One sentence that says what the chart shows; it is also the chart's accessible name. */
export function summarize(model: ChartModel, format: FormatOptions): string {
  const t = messages(format.locale, usageChart);
  const range = describeRange(model.startingOn, model.endingBefore, format);
  if (model.total === 0) {
    return `${t.usageNone(model.title, range)}${model.previous && model.previous.total > 0 ? t.usageDownFrom(formatNumber(model.previous.total, format.locale)) : ''}.`;
  }
  let sentence = t.usageTotal(formatNumber(model.total, format.locale), model.title, range);
  if (model.partial) sentence = t.soFar(sentence);
  if (model.previous) sentence += `, ${change(model.total, model.previous.total, format.locale, model.partial)}`;
  const shown = visibleSeries(model);
  const largest = shown.filter((s) => s.key !== OTHER_KEY).sort((a, b) => b.total - a.total)[0];
  if (model.grouped && largest && shown.length > 1) {
    const share = formatNumber(largest.total / model.total, format.locale, { style: 'percent', maximumFractionDigits: 0 });
    sentence += t.mostIn(largest.label, share);
  }
  return `${sentence}.`;
}
