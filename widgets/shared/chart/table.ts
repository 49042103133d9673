import type { TableData } from './data-table.ts';
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

const shownNegative = (model: ChartModel) => (model.negative && !model.negative.hidden ? model.negative : null);

/**
 * Exact values (no formatting or rounding) with ISO 8601 window bounds, ready for a spreadsheet.
 * `money`: the values are amounts, written in `unit` (USD, not cents) and named with it in the header.
 */
export function csvRows(model: ChartModel, locale?: string, money?: { unit: string; value: (amount: number) => number }): Array<Array<string | number>> {
  const series = visibleSeries(model);
  const negative = shownNegative(model);
  const t = messages(locale);
  const column = (name: string) => (money ? t.csvUnit(name, money.unit) : name);
  const value = money?.value ?? ((v: number) => v);
  return [
    [
      t.csvStart,
      t.csvEnd,
      ...(model.grouped ? series.map((s) => column(s.label)) : []),
      column(t.csvTotal),
      ...(negative ? [column(negative.label)] : []),
      ...(model.previous ? [column(t.csvPrevious)] : []),
    ],
    ...model.windows.map((w, i) => [
      w.start.toISOString(),
      w.end.toISOString(),
      ...(model.grouped ? series.map((s) => value(s.values[i]!)) : []),
      value(model.totals[i]!),
      ...(negative ? [value(negative.values[i]!)] : []),
      ...(model.previous ? [value(model.previous.totals[i] ?? 0)] : []),
    ]),
  ];
}

export function csvFilename(model: ChartModel): string {
  const slug = model.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
  return `${slug}_${model.startingOn.slice(0, 10)}_${model.endingBefore.slice(0, 10)}.csv`;
}
