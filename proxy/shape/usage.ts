import { GROUP_VALUE_SEPARATOR, MISSING_GROUP_VALUE, type UsageResponse, type UsageWindow, type WindowSize } from '../../contract/index.ts';
import { badRequest } from '../errors.ts';
import { groupKeysOf, type BillableMetric, type UsageAggregate } from '../metronome/types.ts';
import { fromMicros, toMicros } from '../money.ts';
import { DAY, HOUR, iso } from '../time.ts';

/** Pure: Metronome's usage aggregates as /api/usage answers them. */

/** A 400 unless `groupKey` is one of the metric's group keys (in any order). */
export function checkGroupKey(metric: BillableMetric, groupKey: string[]) {
  const sameSet = (keys: string[]) => keys.length === groupKey.length && keys.every((k) => groupKey.includes(k));
  const defined = groupKeysOf(metric);
  if (defined.some(sameSet)) return;
  const choices = defined.map((keys) => keys.join(',')).join('; ');
  throw badRequest(
    'group_key',
    `"${groupKey.join(',')}" is not a group key of ${metric.name}; ` + (choices ? `use one of: ${choices}.` : 'this metric cannot be grouped.'),
  );
}

/** Names a group by its values in key order, reading the deprecated single-key fields when `group` is absent. */
function groupName(aggregate: UsageAggregate, groupKey: string[]): string {
  return groupKey
    .map((key) => {
      const value = aggregate.group?.[key] ?? (groupKey.length === 1 && aggregate.group_key === key ? aggregate.group_value : null);
      return value == null || value === '' ? MISSING_GROUP_VALUE : value;
    })
    .join(GROUP_VALUE_SEPARATOR);
}

/**
 * Metronome's flat aggregates → windows ascending, every group in every window (0 when absent),
 * groups ordered by total descending then name so the largest stacks at the bottom.
 */
export function shapeUsage(input: {
  metric: Pick<BillableMetric, 'id' | 'name'>;
  windowSize: WindowSize;
  start: Date;
  end: Date;
  groupKey: string[] | null;
  aggregates: UsageAggregate[];
}): UsageResponse {
  const { metric, windowSize, start, end, groupKey, aggregates } = input;
  const byStart = new Map<number, { ending_before: number; values: Map<string, number> }>();
  const step = windowSize === 'hour' ? HOUR : windowSize === 'day' ? DAY : end.getTime() - start.getTime();
  for (let t = start.getTime(); t < end.getTime(); t += step) {
    byStart.set(t, { ending_before: Math.min(t + step, end.getTime()), values: new Map() });
  }
  const groupTotals = new Map<string, number>();
  for (const aggregate of aggregates) {
    const t = Date.parse(aggregate.starting_on);
    if (Number.isNaN(t)) continue;
    let window = byStart.get(t);
    if (!window) {
      window = { ending_before: Date.parse(aggregate.ending_before), values: new Map() };
      byStart.set(t, window);
    }
    const name = groupKey ? groupName(aggregate, groupKey) : '';
    // Added in millionths, like money: fractional usage summed as floats would show 0.30000000000000004.
    const value = toMicros(aggregate.value);
    window.values.set(name, (window.values.get(name) ?? 0) + value);
    if (groupKey) groupTotals.set(name, (groupTotals.get(name) ?? 0) + value);
  }
  const groups = [...groupTotals.keys()].sort((a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b));
  const windows: UsageWindow[] = [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, window]) => {
      const total = fromMicros([...window.values.values()].reduce((sum, v) => sum + v, 0));
      const base = { starting_on: iso(t), ending_before: iso(window.ending_before) };
      if (!groupKey) return { ...base, total };
      return { ...base, values: Object.fromEntries(groups.map((g) => [g, fromMicros(window.values.get(g) ?? 0)])), total };
    });
  return {
    billable_metric: { id: metric.id, name: metric.name },
    window_size: windowSize,
    starting_on: iso(start),
    ending_before: iso(end),
    group_key: groupKey,
    groups,
    windows,
    total: fromMicros(windows.reduce((sum, w) => sum + toMicros(w.total), 0)),
  };
}
