import type { TableData } from './data-table.ts';
import { csvLine } from '../csv.ts';
import type { FormatOptions } from '../format.ts';
import { messages } from '../i18n/messages.ts';
import { type ChartModel, visibleSeries } from './model.ts';
import { type ValueFormat, windowName } from './plot.ts';

/** The table view and the CSV export: the visible series, window by window, as the chart draws them. */

/**
 * The columns after a window's name, named with `total` and `previous` for those two: the visible series,
 * the total, the negative series and the previous period, each with its figures by window.
 */
function figureColumns(model: ChartModel, total: string, previous: string): Array<{ label: string; values: number[] }> {
  const { negative } = model;
  return [
    ...(model.grouped ? visibleSeries(model) : []),
    { label: total, values: model.totals },
    ...(negative && !negative.hidden ? [negative] : []),
    ...(model.previous ? [{ label: previous, values: model.previous.totals }] : []),
  ];
}

/** The table view's columns and, one at a time as they are drawn, its rows. */
export function tableData(model: ChartModel, caption: string, format: FormatOptions, values: ValueFormat): TableData {
  const t = messages(format.locale);
  const figures = figureColumns(model, t.total, t.previousPeriod);
  return {
    caption,
    columns: [model.windowSize === 'hour' ? t.hour : model.windowSize === 'day' ? t.day : t.period, ...figures.map((c) => c.label)],
    count: model.windows.length,
    row: (i) => {
      const row = figures.map((c) => c.values[i] ?? 0);
      return { label: windowName(model, i, format), cells: row.map((v) => values.value(v)), titles: values.exact && row.map((v) => values.exact!(v)) };
    },
  };
}

/**
 * Exact values (no formatting or rounding) with ISO 8601 window bounds, ready for a spreadsheet, as
 * RFC 4180 text. `money`: the values are amounts, written in `unit` (USD, not cents) and named with it
 * in the header. Written in one pass: numbers and ISO times never need quoting, only the header does.
 */
export function chartCsv(model: ChartModel, locale?: string, money?: { unit: string; value: (amount: number) => number }): string {
  const t = messages(locale);
  const value = money?.value ?? ((v: number) => v);
  const figures = figureColumns(model, t.csvTotal, t.csvPrevious);
  let text = csvLine([t.csvStart, t.csvEnd, ...figures.map((c) => (money ? t.csvUnit(c.label, money.unit) : c.label))]);
  model.windows.forEach((w, i) => {
    text += `${w.start.toISOString()},${w.end.toISOString()}`;
    for (const c of figures) text += `,${value(c.values[i] ?? 0)}`;
    text += '\r\n';
  });
  return text;
}

export function csvFilename(model: ChartModel): string {
  const slug = model.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
  return `${slug}_${model.startingOn.slice(0, 10)}_${model.endingBefore.slice(0, 10)}.csv`;
}
