// The benchmark's data, made the same way in every page: deterministic, so each library draws the same bars.
import type { UsageResponse } from '../contract/index.ts';

export const WIDTH = 800;
export const HEIGHT = 300;

export const CASES = {
  small: { label: '31 days × 3 groups', windows: 31, groups: 3, windowMs: 86_400_000 },
  large: { label: '2,160 hourly windows × 10 groups', windows: 2160, groups: 10, windowMs: 3_600_000 },
} as const;
export type CaseName = keyof typeof CASES;

/** One case's data: `values[g][w]` is group g's value in window w, as every library is given it. */
export interface BenchData {
  starts: string[];
  groups: string[];
  values: number[][];
  /** The same figures as the proxy would answer them to `<usage-chart>`. */
  usage: UsageResponse;
}

export function benchData(name: CaseName): BenchData {
  const { windows: count, groups: groupCount, windowMs } = CASES[name];
  const start = Date.UTC(2026, 0, 1);
  const groups = Array.from({ length: groupCount }, (_, g) => `group-${g + 1}`);
  const values = groups.map((_, k) => Array.from({ length: count }, (_, i) => Math.round(100 + 80 * Math.sin(i / 7 + k) + 40 * ((i * (k + 3)) % 5))));
  const starts = Array.from({ length: count }, (_, i) => new Date(start + i * windowMs).toISOString());
  const windows = starts.map((starting_on, i) => {
    const row = Object.fromEntries(groups.map((g, k) => [g, values[k]![i]!]));
    return { starting_on, ending_before: new Date(start + (i + 1) * windowMs).toISOString(), values: row, total: values.reduce((a, v) => a + v[i]!, 0) };
  });
  const usage: UsageResponse = {
    billable_metric: { id: '00000000-0000-4000-8000-000000000000', name: 'Requests' },
    window_size: windowMs === 3_600_000 ? 'hour' : 'day',
    starting_on: windows[0]!.starting_on,
    ending_before: windows.at(-1)!.ending_before,
    group_key: ['group'],
    groups,
    windows,
    total: windows.reduce((a, w) => a + w.total, 0),
  };
  return { starts, groups, values, usage };
}

/**
 * The windows' names as people read dates ("Jan 5", "Jan 5, 2 PM"), which <usage-chart> writes on its axis and
 * in its tooltip. A peer's page makes them inside its render call, as an app showing dates would, so that
 * every library pays for formatting dates (and the first Intl formatter's data) and none shows raw ISO strings.
 */
export function windowLabels(data: BenchData): string[] {
  const hourly = data.usage.window_size === 'hour';
  const format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', ...(hourly ? { hour: 'numeric' } : {}) });
  return data.starts.map((start) => format.format(Date.parse(start)));
}
