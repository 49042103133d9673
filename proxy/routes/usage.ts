import { Hono } from 'hono';
import type { UsageResponse, UsageWindow, WindowSize } from '../../widgets/shared/contract.ts';
import { badRequest } from '../errors.ts';
import { groupKeysOf, type BillableMetric, type Metronome, type UsageAggregate } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { dateParam, enumParam, listParam, uuidParam } from '../validate.ts';

const WINDOW_SIZES = ['hour', 'day', 'none'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `GET /api/usage`: one metric's usage in windows, optionally grouped, for the session's customer. */
export function usageRoutes(metronome: Metronome) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const query = c.req.query();
    const metricId = uuidParam(query, 'billable_metric_id');
    const windowSize = enumParam(query, 'window_size', WINDOW_SIZES, 'day');
    const range = alignRange(dateParam(query, 'starting_on'), dateParam(query, 'ending_before'), windowSize);
    const groupKey = listParam(query, 'group_key');
    const customerId = c.var.customerId;
    const signal = c.req.raw.signal;

    const metric = (await metronome.listBillableMetrics(customerId, signal)).find((m) => m.id.toLowerCase() === metricId);
    if (!metric) throw badRequest('billable_metric_id', `this customer has no billable metric with id ${metricId}.`);
    if (groupKey) checkGroupKey(metric, groupKey);

    const aggregates = await metronome.usageGroups(
      {
        customer_id: customerId,
        billable_metric_id: metric.id,
        window_size: windowSize,
        starting_on: range.start.toISOString(),
        ending_before: range.end.toISOString(),
        ...(groupKey ? { group_key: groupKey } : {}),
      },
      signal,
    );
    return c.json(shapeUsage({ metric, windowSize, ...range, groupKey, aggregates }));
  });
}

/** Widens the range to whole windows, as Metronome's windows are whole UTC hours or days. */
export function alignRange(start: Date, end: Date, windowSize: WindowSize) {
  if (end.getTime() <= start.getTime()) throw badRequest('ending_before', 'must be later than starting_on.');
  const step = windowSize === 'day' ? DAY : HOUR;
  return {
    start: new Date(Math.floor(start.getTime() / step) * step),
    end: new Date(Math.ceil(end.getTime() / step) * step),
  };
}

function checkGroupKey(metric: BillableMetric, groupKey: string[]) {
  const sameSet = (keys: string[]) => keys.length === groupKey.length && keys.every((k) => groupKey.includes(k));
  const defined = groupKeysOf(metric);
  if (defined.some(sameSet)) return;
  const choices = defined.map((keys) => keys.join(',')).join('; ');
  throw badRequest(
    'group_key',
    `"${groupKey.join(',')}" is not a group key of ${metric.name}; ` +
      (choices ? `use one of: ${choices}.` : 'this metric cannot be grouped.'),
  );
}

export const MISSING_GROUP_VALUE = '(none)';

/** Names a group by its values in key order, reading the deprecated single-key fields when `group` is absent. */
function groupName(aggregate: UsageAggregate, groupKey: string[]): string {
  return groupKey
    .map((key) => {
      const value =
        aggregate.group?.[key] ?? (groupKey.length === 1 && aggregate.group_key === key ? aggregate.group_value : null);
      return value == null || value === '' ? MISSING_GROUP_VALUE : value;
    })
    .join(' / ');
}

/**
 * Pure: Metronome's flat aggregates → windows ascending, every group in every window (0 when absent),
 * groups ordered by total descending then name so the largest stacks at the bottom.
 */
export function shapeUsage(input: {
  metric: BillableMetric;
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
    const value = aggregate.value ?? 0;
    window.values.set(name, (window.values.get(name) ?? 0) + value);
    if (groupKey) groupTotals.set(name, (groupTotals.get(name) ?? 0) + value);
  }
  const groups = [...groupTotals.keys()].sort(
    (a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b),
  );
  const windows: UsageWindow[] = [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, window]) => {
      const total = [...window.values.values()].reduce((sum, v) => sum + v, 0);
      const base = { starting_on: new Date(t).toISOString(), ending_before: new Date(window.ending_before).toISOString() };
      if (!groupKey) return { ...base, total };
      return { ...base, values: Object.fromEntries(groups.map((g) => [g, window.values.get(g) ?? 0])), total };
    });
  return {
    billable_metric: { id: metric.id, name: metric.name },
    window_size: windowSize,
    starting_on: start.toISOString(),
    ending_before: end.toISOString(),
    group_key: groupKey,
    groups,
    windows,
    total: windows.reduce((sum, w) => sum + w.total, 0),
  };
}
