import { type FormatOptions, formatDate, formatNumber } from '../shared/format.ts';
import { type ChartModel, OTHER_KEY, visibleSeries } from '../shared/chart/model.ts';

const DAY = 86_400_000;

/** The range as a person reads it: whole days name their last day, anything else names exact times. */
export function describeRange(startingOn: string, endingBefore: string, format: FormatOptions): string {
  const start = new Date(startingOn);
  const end = new Date(endingBefore);
  const wholeDays = format.timeZone === 'UTC' && start.getTime() % DAY === 0 && end.getTime() % DAY === 0;
  if (wholeDays) {
    const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };
    const lastDay = new Date(end.getTime() - DAY);
    if (lastDay.getTime() === start.getTime()) return `on ${formatDate(start, format, options)}`;
    return `from ${formatDate(start, format, options)} to ${formatDate(lastDay, format, options)}`;
  }
  const options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  return `from ${formatDate(start, format, options)} to ${formatDate(end, format, options)}`;
}

function change(current: number, previous: number, locale: string | undefined): string {
  if (previous === 0) return current === 0 ? 'none in the previous period either' : 'up from none in the previous period';
  const ratio = (current - previous) / previous;
  const percent = formatNumber(Math.abs(ratio), locale, { style: 'percent', maximumFractionDigits: 0 });
  if (percent === formatNumber(0, locale, { style: 'percent' })) return 'about the same as the previous period';
  return `${ratio > 0 ? 'up' : 'down'} ${percent} on the previous period`;
}

/** One sentence that says what the chart shows; it is also the chart's accessible name. */
export function summarize(model: ChartModel, format: FormatOptions): string {
  const range = describeRange(model.startingOn, model.endingBefore, format);
  if (model.total === 0) {
    return `No ${model.title} usage ${range}${model.previous && model.previous.total > 0 ? `, down from ${formatNumber(model.previous.total, format.locale)} in the previous period` : ''}.`;
  }
  let sentence = `${formatNumber(model.total, format.locale)} ${model.title} ${range}`;
  if (model.previous) sentence += `, ${change(model.total, model.previous.total, format.locale)}`;
  const shown = visibleSeries(model);
  const largest = shown.filter((s) => s.key !== OTHER_KEY).sort((a, b) => b.total - a.total)[0];
  if (model.grouped && largest && shown.length > 1) {
    const share = formatNumber(largest.total / model.total, format.locale, { style: 'percent', maximumFractionDigits: 0 });
    sentence += `; most in ${largest.label} (${share})`;
  }
  return `${sentence}.`;
}
