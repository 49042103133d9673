import { nice, ticks } from 'd3-array';
import { bisectRight, max, min } from './extent.ts';
import { type ChartModel, type Series, visibleSeries } from './model.ts';
import { utcTicks } from './utc-ticks.ts';

/**
 * Pure geometry for `<usage-chart>`: model and size in, path strings and ticks out. A few paths per
 * series, however many windows, so 90 days of hourly data stays a handful of DOM nodes; the pointer
 * finds its window by bisecting window edges. The only file of the widget that uses d3 (with utc-ticks.ts).
 */

/** A linear scale: a number of the domain to its position in the range. */
type LinearScale = (value: number) => number;

/**
 * d3-scale's scaleLinear would bring d3-interpolate, d3-color and d3-format (a fifth of the all-widgets
 * file) for a formula and d3-array's ticks and nice, which are all the charts use of it.
 */
function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => (k === 0 ? (r0 + r1) / 2 : r0 + (value - d0) * k);
}

export type ChartMode = 'bars' | 'lines';

export interface Size {
  width: number;
  height: number;
}

export interface Tick {
  position: number;
  value: number;
  label: string;
}

export interface XTick {
  position: number;
  value: Date;
  label: string;
  /** Labels near either edge are anchored inward so they are not clipped. */
  anchor: 'start' | 'middle' | 'end';
}

/** How the axes are labelled: the words of each tick, and how wide a label is drawn (in pixels). */
export interface AxisText {
  x(date: Date): string;
  y(value: number): string;
  measure(label: string): number;
}

/** For tests: ISO dates, plain numbers, and a width of 7 px a character (the widgets measure their own). */
export const plainText: AxisText = { x: (d) => d.toISOString().slice(5, 10), y: String, measure: (label) => label.length * 7 };

/**
 * Fields named `_…`, here and in other shapes internal to the widgets, never leave the bundle they are
 * made in (not in the JSON contract, the public API or lit's properties): the CDN build renames them to
 * a letter or two (`mangleProps` in scripts/build.mjs).
 */
export interface UsageLayout {
  _margin: { top: number; right: number; bottom: number; left: number };
  _innerWidth: number;
  _innerHeight: number;
  /**
   * Visible series, bottom of the stack first, then the negative series (drawn below zero) if any; a
   * dense series in chunks, left to right, each drawing the windows from `windows[0]` up to `windows[1]`.
   */
  _paths: Array<{ series: Series; d: string; windows: [number, number] }>;
  /** Lines mode with a comparison: the current total, so it can be read against the previous one. */
  _totalPath: string | null;
  /** The previous period's totals, window by window. */
  _previousPath: string | null;
  /** The window still being counted (to hatch), by its left edge and width. */
  partial: { x: number; width: number } | null;
  /** Left and right edge of each window, for hit-testing and placing the tooltip. */
  _windowLeft: number[];
  _windowRight: number[];
  _xTicks: XTick[];
  _yTicks: Tick[];
}

/** Room between an x label and the next, and between a y label and the plot (with the tick gap of 6). */
const GAP = 8;
const round = (n: number) => Math.round(n * 100) / 100;
/**
 * Chrome rasterises a layer in tiles of 256 px that overlap by 2 (a new one every 254 px), and a tile goes
 * through every path that crosses it, clipped but whole: a dense series is cut where tiles meet, so that
 * each tile draws only its own share of the 2,160-window bars and not its neighbours' too. The windows
 * within a few pixels of where two tiles meet make a narrow chunk of their own, which both tiles draw.
 */
const TILE = 254;
/** Fewer bars or points than this paint quickly enough whole, and stay one path per series. */
const CHUNKED_FROM = 300;

/** The indices where `key(i)` changes, in order: where a new pixel column or chunk starts. */
function runs(count: number, key: (i: number) => number) {
  const starts: number[] = [];
  for (let i = 0; i < count; i++) if (i === 0 || key(i) !== key(i - 1)) starts.push(i);
  return starts;
}

/**
 * Which chunk a window starting at `left` (layer pixels) is in: 2c + 1 inside tile c, 2c within a few pixels
 * of where tiles c - 1 and c meet. Cut at whole pixels, so that no pixel column is split between chunks.
 */
function chunkOf(left: number) {
  const c = Math.floor((left + 2) / TILE);
  return left + 2 - c * TILE < 5 ? 2 * c : 2 * c + 1;
}

export function layout(model: ChartModel, size: Size, mode: ChartMode, text: AxisText): UsageLayout {
  const innerHeight = Math.max(0, size.height - 8 - 24);
  const series = visibleSeries(model);
  const previous = model.previous?.totals ?? [];
  const negative = model.negative && !model.negative.hidden ? model.negative : null;
  const lowest = Math.min(0, min(negative?.values ?? []) ?? 0);
  const highest =
    mode === 'bars'
      ? Math.max(max(model.totals) ?? 0, max(previous) ?? 0)
      : Math.max(max(series.flatMap((s) => s.values)) ?? 0, model.previous ? (max(model.totals) ?? 0) : 0, max(previous) ?? 0);
  const yDomain = nice(lowest, highest > 0 ? highest : lowest < 0 ? 0 : 1, 5);
  const y = linearScale(yDomain, [innerHeight, 0]);
  const yTicks = ticks(...yDomain, 5).map((value) => ({ position: y(value), value, label: text.y(value) }));
  // The left margin holds the widest y label, so none is cut whatever the unit, locale or magnitude.
  const margin = { top: 8, right: 12, bottom: 24, left: Math.ceil(Math.max(0, ...yTicks.map((t) => text.measure(t.label)))) + 6 + GAP / 2 };
  const innerWidth = Math.max(0, size.width - margin.left - margin.right);
  // Time as a linear scale over milliseconds with d3-time's UTC ticks (utc-ticks.ts): scaleUtc would also bundle
  // d3-time-format for tick labels, which Intl formats here anyway.
  const x = linearScale([Date.parse(model.startingOn), Date.parse(model.endingBefore)], [0, innerWidth]);
  const windowLeft = model.windows.map((w) => x(w.start.getTime()));
  const windowRight = model.windows.map((w) => x(w.end.getTime()));
  const centre = (i: number) => (windowLeft[i]! + windowRight[i]!) / 2;

  // The polyline as d3-shape's line() wrote it ("M1,2L3,4", a lone point closed: "M1,2Z"), without the
  // 4 KB of d3-shape and d3-path a polyline does not need; from window `from` on.
  const through = (values: number[], from = 0) =>
    values.length ? `M${values.map((v, i) => `${round(centre(from + i))},${round(y(v))}`).join('L')}${values.length === 1 ? 'Z' : ''}` : '';
  // Where each chunk starts, by window, and the window after the last.
  const chunks = [...(model.windows.length < CHUNKED_FROM ? [0] : runs(windowLeft.length, (i) => chunkOf(margin.left + windowLeft[i]!))), model.windows.length];

  const drawn = negative ? [...series, negative] : series;
  const paths = chunks.slice(1).flatMap((to, c) => {
    const windows: [number, number] = [chunks[c]!, to];
    const cut = (list: Series[]) => pixelColumns(list.map((s) => ({ ...s, values: s.values.slice(...windows) })), windowLeft.slice(...windows), windowRight.slice(...windows));
    // Each chunk's line starts at the previous chunk's last point, so that the line runs on unbroken.
    const from = Math.max(0, windows[0] - 1);
    return (
      mode === 'bars'
        ? [...stackedBars(...cut(series), y, 1), ...(negative ? stackedBars(...cut([negative]), y, -1) : [])].map((p) => p.d)
        : drawn.map((s) => through(s.values.slice(from, to), from))
    ).map((d, i) => ({ series: drawn[i]!, d, windows }));
  });

  return {
    _margin: margin,
    _innerWidth: innerWidth,
    _innerHeight: innerHeight,
    _paths: paths,
    _totalPath: mode === 'lines' && model.previous ? through(model.totals) : null,
    _previousPath: model.previous ? through(previous.slice(0, model.windows.length)) : null,
    partial: model.partial ? { x: windowLeft.at(-1)!, width: windowRight.at(-1)! - windowLeft.at(-1)! } : null,
    _windowLeft: windowLeft,
    _windowRight: windowRight,
    _xTicks: xTicks(new Date(model.startingOn), new Date(model.endingBefore), x, innerWidth, text),
    _yTicks: yTicks,
  };
}

/**
 * As many x ticks as fit: d3-time's UTC ticks for a count that goes down from one every 90 px until no
 * two labels, measured as drawn in the widget's font and locale, come within GAP of each other
 * ("Nov 22" and "Nov 29" on a narrow 90-day chart; "22. Nov." is wider in German). Labels that would
 * spill past either end of the plot are anchored inward.
 */
function xTicks(start: Date, end: Date, x: LinearScale, innerWidth: number, text: AxisText): XTick[] {
  // Each with where its label starts and ends (`from`, `to`), which the ticks drawn keep.
  let ticks: Array<XTick & { from: number; to: number }> = [];
  for (let count = Math.max(2, Math.floor(innerWidth / 90)); count > 0; count = Math.min(count - 1, Math.floor(count * 0.8))) {
    ticks = utcTicks(start, end, count).map((value) => {
      const position = x(value.getTime());
      const label = text.x(value);
      const width = text.measure(label);
      const anchor = position - width / 2 < 0 ? 'start' : position + width / 2 > innerWidth ? 'end' : 'middle';
      const from = anchor === 'start' ? position : anchor === 'end' ? position - width : position - width / 2;
      return { position, value, label, anchor, from, to: from + width };
    });
    if (ticks.every((t, i) => i === 0 || ticks[i - 1]!.to + GAP <= t.from)) break;
    ticks = ticks.slice(0, 1);
  }
  return ticks;
}

/**
 * Where windows are narrower than a pixel, neighbours share one bar per pixel column at their mean
 * value: the screen cannot show them apart, and painting half as many rectangles halves the cost
 * of the largest charts. Tooltip, table and CSV still read every window.
 */
function pixelColumns(series: Series[], left: number[], right: number[]): [Series[], number[], number[]] {
  if (left.length < 2 || right[0]! - left[0]! >= 1) return [series, left, right];
  const starts = runs(left.length, (i) => Math.floor(left[i]!));
  // Each column's windows end where the next column's start, the last column's with the last window.
  const ends = [...starts.slice(1), left.length];
  const merged = series.map((s) => ({
    ...s,
    values: starts.map((from, c) => {
      let sum = 0;
      for (let i = from; i < ends[c]!; i++) sum += s.values[i]!;
      return sum / (ends[c]! - from);
    }),
  }));
  return [merged, starts.map((i) => left[i]!), ends.map((i) => right[i - 1]!)];
}

/**
 * Each series (of one chunk of windows) as one path of bars stacked on the series below it. Bars that
 * touch (dense bars have no gap) are one closed step outline, along their tops left to right and back
 * along their bottoms, so that its vertical edges only span the steps between neighbours: rasterising
 * costs about the length of the edges, and a rectangle per bar has two of full height. A column where the
 * series has nothing ends the outline. This is the hot loop at 21,600 values: coordinates keep one decimal.
 */
function stackedBars(series: Series[], left: number[], right: number[], y: LinearScale, sign: 1 | -1) {
  const tenth = (n: number) => Math.round(n * 10) / 10;
  const base = new Float64Array(left.length);
  return series.map((s) => {
    let d = '';
    // The outline being written: its way back along the bottoms (right to left), its last bar's right edge and bottom.
    let back = '';
    let x1 = NaN;
    let bottom = 0;
    for (let i = 0; i < s.values.length; i++) {
      const value = s.values[i]!;
      // Positive series stack upward from zero, a negative one downward; a value of the other sign is not drawn.
      if (!(value * sign > 0)) {
        x1 = NaN;
        continue;
      }
      const slot = right[i]! - left[i]!;
      // A gap between bars while they are wide enough to see one; dense hourly bars touch.
      const gap = slot > 4 ? Math.min(slot * 0.2, 8) : 0;
      const x0 = tenth(left[i]! + gap / 2);
      const below = tenth(y(base[i]!));
      base[i]! += value;
      const above = tenth(y(base[i]!));
      // Touching the bar before (each edge is rounded on its own, so a tenth apart): a step to this bar's top,
      // and on the way back one to the bar before's bottom; otherwise the outline before is closed.
      if (Math.abs(x0 - x1) < 0.15) {
        d += `V${above}`;
        back = `H${x0}V${bottom}${back}`;
      } else {
        d += `${back && `V${bottom}${back}Z`}M${x0},${above}`;
        back = `H${x0}`;
      }
      x1 = tenth(x0 + Math.max(slot - gap, 0.5));
      d += `H${x1}`;
      bottom = below;
    }
    return { series: s, d: d && `${d}V${bottom}${back}Z` };
  });
}

/** The window under a horizontal position inside the plot, or null outside every window. */
export function windowAt(geometry: Pick<UsageLayout, '_windowLeft' | '_windowRight'>, x: number): number | null {
  const i = bisectRight(geometry._windowLeft, x) - 1;
  return i >= 0 && x < geometry._windowRight[i]! ? i : null;
}
