import { max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { stack } from 'd3-shape';
import type { UsageResponse } from '../shared/contract.ts';

/** Pure geometry for `<usage-chart>`: data and size in, plain arrays out. The only file that uses d3. */

export interface Size {
  width: number;
  height: number;
}

export interface Bar {
  /** Index into `series`, which also picks the colour. */
  series: number;
  window: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface Tick {
  position: number;
  value: number | Date;
}

export interface XTick extends Tick {
  value: Date;
  /** Labels near either edge are anchored inward so they are not clipped. */
  anchor: 'start' | 'middle' | 'end';
}

export interface UsageLayout {
  margin: { top: number; right: number; bottom: number; left: number };
  innerWidth: number;
  innerHeight: number;
  /** Series names bottom to top; a single total series when the usage is not grouped. */
  series: string[];
  bars: Bar[];
  xTicks: XTick[];
  yTicks: Tick[];
}

export const TOTAL_SERIES = 'Total';
const MARGIN = { top: 8, right: 12, bottom: 24, left: 48 };
/** How close to an edge an x label may be centred before it would spill out (about half a label). */
const EDGE = 40;

export function layout(data: UsageResponse, size: Size): UsageLayout {
  const innerWidth = Math.max(0, size.width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, size.height - MARGIN.top - MARGIN.bottom);
  const grouped = data.group_key !== null && data.groups.length > 0;
  const series = grouped ? data.groups : [TOTAL_SERIES];
  const rows = data.windows.map((w) => (grouped ? (w.values ?? {}) : { [TOTAL_SERIES]: w.total }));

  const x = scaleUtc()
    .domain([new Date(data.starting_on), new Date(data.ending_before)])
    .range([0, innerWidth]);
  const stacked = stack<Record<string, number>>()
    .keys(series)
    .value((row, key) => Math.max(0, row[key] ?? 0))(rows);
  const top = max(stacked.at(-1) ?? [], (point) => point[1]) ?? 0;
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([innerHeight, 0])
    .nice(5);

  const bars: Bar[] = [];
  data.windows.forEach((w, window) => {
    const left = x(new Date(w.starting_on));
    const slot = x(new Date(w.ending_before)) - left;
    // A gap between bars while they are wide enough to see one; dense hourly bars touch.
    const gap = slot > 4 ? Math.min(slot * 0.2, 8) : 0;
    stacked.forEach((layer, seriesIndex) => {
      const [y0, y1] = layer[window]!;
      if (y1 <= y0) return;
      bars.push({
        series: seriesIndex,
        window,
        x: left + gap / 2,
        y: y(y1),
        width: Math.max(slot - gap, 0.5),
        height: y(y0) - y(y1),
        // The data's own number, not y1 - y0, which floating-point stacking makes inexact.
        value: rows[window]![series[seriesIndex]!] ?? 0,
      });
    });
  });

  const xTickCount = Math.max(2, Math.floor(innerWidth / 90));
  return {
    margin: MARGIN,
    innerWidth,
    innerHeight,
    series,
    bars,
    xTicks: x.ticks(xTickCount).map((value) => {
      const position = x(value);
      const anchor = position < EDGE ? 'start' : position > innerWidth - EDGE ? 'end' : 'middle';
      return { position, value, anchor };
    }),
    yTicks: y.ticks(5).map((value) => ({ position: y(value), value })),
  };
}
