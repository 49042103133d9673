import type { UsageWindow } from '../../../contract/index.ts';
import { exactSum } from '../exact.ts';
import { groupLabel, type GroupKeyOverrides } from '../labels.ts';
import { messages } from '../i18n/messages.ts';

/**
 * What a windowed chart shows, derived from the proxy's answer and the viewer's choices: the largest
 * groups, the rest folded into "Other", series the viewer switched off, and per-window totals of what
 * is visible. Everything the chart, table, tooltip, summary and CSV show comes from this one model.
 */

export interface Series {
  /** Stable identity: the proxy's group name, OTHER_KEY, TOTAL_KEY or NEGATIVE_KEY. */
  key: string;
  label: string;
  values: number[];
  total: number;
  /** Index into the palette, stable while the viewer toggles series. */
  colour: number;
  hidden: boolean;
}

/** The parts of a usage or spend answer a chart needs; both proxy shapes fit it as they are. */
export interface WindowedData {
  window_size: 'hour' | 'day' | 'none';
  starting_on: string;
  ending_before: string;
  group_key: string[] | null;
  groups: string[];
  windows: UsageWindow[];
  previous?: { starting_on: string; ending_before: string; windows: UsageWindow[]; total: number };
  /** While the range is under way: the time usage was counted up to. */
  through?: string | undefined;
}

export interface ChartModel {
  /** What the numbers count: a metric's name, or a credit type's. */
  title: string;
  windowSize: WindowedData['window_size'];
  startingOn: string;
  endingBefore: string;
  grouped: boolean;
  /** The windows counted so far: all of them, or, for a range under way, up to the one holding `through`. */
  windows: Array<{ start: Date; end: Date }>;
  /** The range is under way: its last window (the one holding `through`) is still being counted. */
  partial: boolean;
  /** Legend order: largest first, Other last. */
  series: Series[];
  /** Per window, the sum of the visible series. */
  totals: number[];
  total: number;
  /** Amounts drawn below zero, never stacked with the series (commits and credits applied). */
  negative: Series | null;
  /**
   * The period compared with, window by window (paired by position, so it may have more or fewer windows),
   * over the same visible groups. While the range is under way, `total` is that of as many windows as
   * it has counted (how far the previous period had got at the same point), otherwise all of it.
   */
  previous: { startingOn: string; endingBefore: string; totals: number[]; total: number } | null;
}

export const OTHER_KEY = '\u0000other';
export const TOTAL_KEY = '\u0000total';
export const NEGATIVE_KEY = '\u0000negative';

export interface ModelOptions {
  title: string;
  /** Most series shown; beyond it the smallest groups fold into "Other". */
  maxGroups: number;
  hidden: ReadonlySet<string>;
  overrides?: GroupKeyOverrides;
  /** A series drawn below zero, e.g. commits and credits applied (values ≤ 0). */
  negative?: { label: string; values: number[] };
  /** For the words "Total" and "Other (3)"; English when unset. */
  locale?: string | undefined;
}

export function buildModel(data: WindowedData, options: ModelOptions): ChartModel {
  const t = messages(options.locale);
  const grouped = data.group_key !== null && data.groups.length > 0;
  const groups = grouped ? data.groups : [];
  // Folding one group into "Other" only renames it; fold only when it merges at least two.
  const keep = groups.length > options.maxGroups ? Math.max(1, options.maxGroups - 1) : groups.length;
  const shown = groups.slice(0, keep);
  const folded = groups.slice(keep);
  // Windows after the one holding `through` are still to come: their zeros are not usage, so they are left out.
  // (The proxy writes every time as toISOString() does, so the strings compare as the times.)
  const { through } = data;
  const windows = through ? data.windows.filter((w) => w.starting_on < through) : data.windows;
  const partial = Boolean(through) && windows.length > 0;

  const valuesOf = (rows: UsageWindow[], keys: string[]) => rows.map((w) => exactSum(keys.map((k) => w.values?.[k] ?? 0)));
  const seriesFor = (key: string, label: string, values: number[], colour: number): Series => ({
    key,
    label,
    values,
    total: exactSum(values),
    colour,
    hidden: options.hidden.has(key),
  });

  const series: Series[] = grouped
    ? [
        ...shown.map((g, i) => seriesFor(g, groupLabel(g, data.group_key, options.overrides), valuesOf(windows, [g]), i)),
        ...(folded.length ? [seriesFor(OTHER_KEY, t.other(folded.length), valuesOf(windows, folded), shown.length)] : []),
      ]
    : [seriesFor(TOTAL_KEY, t.total, windows.map((w) => w.total), 0)];

  const visible = series.filter((s) => !s.hidden);
  const totals = windows.map((_, i) => exactSum(visible.map((s) => s.values[i]!)));
  const visibleGroups = grouped ? visible.flatMap((s) => (s.key === OTHER_KEY ? folded : [s.key])) : null;
  const previous = data.previous;
  const previousTotals = previous ? (visibleGroups ? valuesOf(previous.windows, visibleGroups) : previous.windows.map((w) => w.total)) : [];

  return {
    title: options.title,
    windowSize: data.window_size,
    startingOn: data.starting_on,
    endingBefore: data.ending_before,
    grouped,
    windows: windows.map((w) => ({ start: new Date(w.starting_on), end: new Date(w.ending_before) })),
    partial,
    series,
    totals,
    total: exactSum(totals),
    negative: options.negative ? seriesFor(NEGATIVE_KEY, options.negative.label, options.negative.values.slice(0, windows.length), -1) : null,
    previous: previous
      ? {
          startingOn: previous.starting_on,
          endingBefore: previous.ending_before,
          totals: previousTotals,
          total: exactSum(partial ? previousTotals.slice(0, windows.length) : previousTotals),
        }
      : null,
  };
}

/** The visible series, bottom of the stack first. */
export const visibleSeries = (model: ChartModel) => model.series.filter((s) => !s.hidden);
