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

/** A key's value on an aggregate, reading the deprecated single-key fields when `group` lacks it. */
function groupValue(aggregate: UsageAggregate, key: string, onlyKey: boolean): string {
  const group = aggregate.group;
  const value = group && Object.hasOwn(group, key) ? group[key] : onlyKey && aggregate.group_key === key ? aggregate.group_value : null;
  return value == null || value === '' ? MISSING_GROUP_VALUE : value;
}

/** Names a group by its values in key order. */
function groupName(aggregate: UsageAggregate, groupKey: string[]): string {
  if (groupKey.length === 1) return groupValue(aggregate, groupKey[0]!, true);
  return groupKey.map((key) => groupValue(aggregate, key, false)).join(GROUP_VALUE_SEPARATOR);
}

/**
 * Metronome's flat aggregates → windows ascending, every group in every window (0 when absent),
 * groups ordered by total descending then name so the largest stacks at the bottom. An aggregate off
 * the range's grid of windows gets a window of its own. Sums are kept per group as arrays indexed by
 * window, in micros: this runs on every cached answer, so it avoids a map per window.
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
  const from = start.getTime();
  const to = end.getTime();
  const step = windowSize === 'hour' ? HOUR : windowSize === 'day' ? DAY : to - from;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let t = from; t < to; t += step) {
    starts.push(t);
    ends.push(Math.min(t + step, to));
  }
  const onGrid = starts.length;
  const offGrid = new Map<number, number>();
  const windowOf = (t: number, endText: string): number => {
    const k = (t - from) / step;
    if (Number.isInteger(k) && k >= 0 && k < onGrid) return k;
    let index = offGrid.get(t);
    if (index === undefined) {
      offGrid.set(t, (index = starts.length));
      starts.push(t);
      ends.push(Date.parse(endText));
    }
    return index;
  };

  const sums = new Map<string, number[]>();
  const groupTotals = new Map<string, number>();
  for (const aggregate of aggregates) {
    const t = Date.parse(aggregate.starting_on);
    if (Number.isNaN(t)) continue;
    const index = windowOf(t, aggregate.ending_before);
    const name = groupKey ? groupName(aggregate, groupKey) : '';
    let column = sums.get(name);
    if (!column) sums.set(name, (column = []));
    // Added in millionths, like money: fractional usage summed as floats would show 0.30000000000000004.
    const value = toMicros(aggregate.value);
    column[index] = (column[index] ?? 0) + value;
    groupTotals.set(name, (groupTotals.get(name) ?? 0) + value);
  }
  const groups = groupKey ? [...groupTotals.keys()].sort((a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b)) : [];
  const columns = [...sums.values()];
  const order = starts.map((_, i) => i);
  if (offGrid.size) order.sort((a, b) => starts[a]! - starts[b]!);

  let total = 0;
  const windows: UsageWindow[] = order.map((i) => {
    let windowTotal = 0;
    for (const column of columns) windowTotal += column[i] ?? 0;
    total += windowTotal;
    const base = { starting_on: iso(starts[i]!), ending_before: iso(ends[i]!) };
    if (!groupKey) return { ...base, total: fromMicros(windowTotal) };
    const values = Object.fromEntries(groups.map((g) => [g, fromMicros(sums.get(g)![i] ?? 0)]));
    return { ...base, values, total: fromMicros(windowTotal) };
  });
  return {
    billable_metric: { id: metric.id, name: metric.name },
    window_size: windowSize,
    starting_on: iso(start),
    ending_before: iso(end),
    group_key: groupKey,
    groups,
    windows,
    total: fromMicros(total),
  };
}
