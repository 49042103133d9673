import type { TableData } from '../shared/chart/data-table.ts';
import { type FormatOptions, formatNumber, formatWindow } from '../shared/format.ts';
import { type ChartModel, visibleSeries } from './usage-chart.model.ts';

/** The table view and the CSV export: the visible series, window by window, as the chart draws them. */

const windowHeading = (model: ChartModel) => (model.windowSize === 'hour' ? 'Hour' : model.windowSize === 'day' ? 'Day' : 'Period');

export function tableData(model: ChartModel, caption: string, format: FormatOptions): TableData {
  const series = visibleSeries(model);
  const number = (v: number) => formatNumber(v, format.locale);
  return {
    caption,
    columns: [windowHeading(model), ...(model.grouped ? series.map((s) => s.label) : []), 'Total', ...(model.previous ? ['Previous period'] : [])],
    rows: model.windows.map((w, i) => ({
      label: formatWindow(w.start, w.end, format),
      cells: [
        ...(model.grouped ? series.map((s) => number(s.values[i]!)) : []),
        number(model.totals[i]!),
        ...(model.previous ? [number(model.previous.totals[i] ?? 0)] : []),
      ],
    })),
  };
}

/** Exact values (no formatting or rounding) with ISO 8601 window bounds, ready for a spreadsheet. */
export function csvRows(model: ChartModel): Array<Array<string | number>> {
  const series = visibleSeries(model);
  return [
    ['starting_on', 'ending_before', ...(model.grouped ? series.map((s) => s.label) : []), 'total', ...(model.previous ? ['previous_period_total'] : [])],
    ...model.windows.map((w, i) => [
      w.start.toISOString(),
      w.end.toISOString(),
      ...(model.grouped ? series.map((s) => s.values[i]!) : []),
      model.totals[i]!,
      ...(model.previous ? [model.previous.totals[i] ?? 0] : []),
    ]),
  ];
}

export function csvFilename(model: ChartModel): string {
  const slug = model.metric.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'usage';
  return `${slug}_${model.startingOn.slice(0, 10)}_${model.endingBefore.slice(0, 10)}.csv`;
}
