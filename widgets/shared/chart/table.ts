import type { TableData } from './data-table.ts';
import { type FormatOptions, formatWindow } from '../format.ts';
import { type ChartModel, visibleSeries } from './model.ts';
import type { ValueFormat } from './plot.ts';

/** The table view and the CSV export: the visible series, window by window, as the chart draws them. */

const windowHeading = (model: ChartModel) => (model.windowSize === 'hour' ? 'Hour' : model.windowSize === 'day' ? 'Day' : 'Period');
const shownNegative = (model: ChartModel) => (model.negative && !model.negative.hidden ? model.negative : null);

export function tableData(model: ChartModel, caption: string, format: FormatOptions, values: ValueFormat): TableData {
  const series = visibleSeries(model);
  const negative = shownNegative(model);
  return {
    caption,
    columns: [
      windowHeading(model),
      ...(model.grouped ? series.map((s) => s.label) : []),
      'Total',
      ...(negative ? [negative.label] : []),
      ...(model.previous ? ['Previous period'] : []),
    ],
    rows: model.windows.map((w, i) => ({
      label: formatWindow(w.start, w.end, format),
      cells: [
        ...(model.grouped ? series.map((s) => values.value(s.values[i]!)) : []),
        values.value(model.totals[i]!),
        ...(negative ? [values.value(negative.values[i]!)] : []),
        ...(model.previous ? [values.value(model.previous.totals[i] ?? 0)] : []),
      ],
    })),
  };
}

/** Exact values (no formatting or rounding) with ISO 8601 window bounds, ready for a spreadsheet. */
export function csvRows(model: ChartModel): Array<Array<string | number>> {
  const series = visibleSeries(model);
  const negative = shownNegative(model);
  return [
    [
      'starting_on',
      'ending_before',
      ...(model.grouped ? series.map((s) => s.label) : []),
      'total',
      ...(negative ? [negative.label] : []),
      ...(model.previous ? ['previous_period_total'] : []),
    ],
    ...model.windows.map((w, i) => [
      w.start.toISOString(),
      w.end.toISOString(),
      ...(model.grouped ? series.map((s) => s.values[i]!) : []),
      model.totals[i]!,
      ...(negative ? [negative.values[i]!] : []),
      ...(model.previous ? [model.previous.totals[i] ?? 0] : []),
    ]),
  ];
}

export function csvFilename(model: ChartModel): string {
  const slug = model.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
  return `${slug}_${model.startingOn.slice(0, 10)}_${model.endingBefore.slice(0, 10)}.csv`;
}
