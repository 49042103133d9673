import type { UsageResponse } from '../../../contract/index.ts';

/** Small hand-made proxy answers for the pure-function tests. */

export const day = (d: number) => new Date(Date.UTC(2024, 9, d)).toISOString();

export function usage(values: Array<Record<string, number>>, groups = Object.keys(values[0] ?? { a: 0 })): UsageResponse {
  const windows = values.map((v, i) => ({ starting_on: day(i + 1), ending_before: day(i + 2), values: v, total: Object.values(v).reduce((s, x) => s + x, 0) }));
  return {
    billable_metric: { id: 'm', name: 'CPU hours' },
    window_size: 'day',
    starting_on: day(1),
    ending_before: day(values.length + 1),
    group_key: ['region'],
    groups,
    windows,
    total: windows.reduce((s, w) => s + w.total, 0),
  };
}

