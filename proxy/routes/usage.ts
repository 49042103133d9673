import { Hono } from 'hono';
import { MAX_HOURLY_DAYS, MISSING_GROUP_VALUE, type UsageResponse, type UsageWindow, type WindowSize } from '../../contract/index.ts';
import { badRequest } from '../errors.ts';
import { groupKeysOf, type BillableMetric, type Metronome, type UsageAggregate } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { booleanParam, dateParam, enumParam, listParam, uuidParam } from '../validate.ts';
import { currentBillingPeriod } from '../billing-period.ts';
import { fromMicros, toMicros } from '../spend-lines.ts';

const WINDOW_SIZES = ['hour', 'day', 'none'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `GET /api/usage`: one metric's usage in windows, optionally grouped and filtered, for the session's customer. */
export function usageRoutes(metronome: Metronome, now: () => Date) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const query = c.req.query();
    const metricId = uuidParam(query, 'billable_metric_id');
    const windowSize = enumParam(query, 'window_size', WINDOW_SIZES, 'day');
    const groupKey = listParam(query, 'group_key');
    const groupFilters = groupFilterParam(c.req.queries('group_filter') ?? [], groupKey);
    const compare = enumParam(query, 'compare', ['previous', 'none'] as const, 'none') === 'previous';
    const currentPeriod = booleanParam(query, 'current_period');
    if (currentPeriod && (query.starting_on || query.ending_before)) {
      throw badRequest('current_period', 'cannot be combined with starting_on or ending_before.');
    }
    const requested = currentPeriod ? null : { start: dateParam(query, 'starting_on'), end: dateParam(query, 'ending_before') };
    const customerId = c.var.customerId;
    const signal = c.req.raw.signal;

    const [metrics, contracts] = await Promise.all([
      metronome.listBillableMetrics(customerId, signal),
      currentPeriod ? metronome.listContracts(customerId, now(), signal) : null,
    ]);
    const metric = metrics.find((m) => m.id.toLowerCase() === metricId);
    if (!metric) throw badRequest('billable_metric_id', `this customer has no billable metric with id ${metricId}.`);
    if (groupKey) checkGroupKey(metric, groupKey);
    const period = requested ?? currentBillingPeriod(contracts ?? [], now());
    if (!period) throw badRequest('current_period', 'this customer has no contract with a current billing period.');
    const range = alignRange(period.start, period.end, windowSize);
    if (windowSize === 'hour' && range.end.getTime() - range.start.getTime() > MAX_HOURLY_DAYS * DAY) {
      throw badRequest('window_size', `hourly windows cover at most ${MAX_HOURLY_DAYS} days; use day for longer ranges.`);
    }

    const load = (start: Date, end: Date) =>
      metronome
        .usageGroups(
          {
            customer_id: customerId,
            billable_metric_id: metric.id,
            window_size: windowSize,
            starting_on: start.toISOString(),
            ending_before: end.toISOString(),
            ...(groupKey ? { group_key: groupKey } : {}),
            ...(groupFilters ? { group_filters: groupFilters } : {}),
          },
          signal,
        )
        .then((aggregates) => shapeUsage({ metric, windowSize, start, end, groupKey, aggregates }));
    const length = range.end.getTime() - range.start.getTime();
    const [current, previous] = await Promise.all([
      load(range.start, range.end),
      compare ? load(new Date(range.start.getTime() - length), range.start) : null,
    ]);
    const body: UsageResponse = previous
      ? { ...current, previous: { starting_on: previous.starting_on, ending_before: previous.ending_before, windows: previous.windows, total: previous.total } }
      : current;
    return c.json(body);
  });
}

/** Repeatable `group_filter=key:value1,value2`; every key must be one of the grouped keys. */
function groupFilterParam(raw: string[], groupKey: string[] | null): Record<string, string[]> | null {
  if (raw.length === 0) return null;
  if (!groupKey) throw badRequest('group_filter', 'needs group_key: only grouped keys can be filtered.');
  const filters: Record<string, string[]> = {};
  for (const entry of raw) {
    const colon = entry.indexOf(':');
    const key = entry.slice(0, colon).trim();
    const values = entry.slice(colon + 1).split(',').map((v) => v.trim());
    if (colon <= 0 || values.some((v) => v === '')) throw badRequest('group_filter', `"${entry}" is not key:value1,value2.`);
    if (!groupKey.includes(key)) throw badRequest('group_filter', `"${key}" is not one of the grouped keys (${groupKey.join(', ')}).`);
    if (filters[key]) throw badRequest('group_filter', `"${key}" is filtered twice; list all its values in one group_filter.`);
    filters[key] = values;
  }
  return filters;
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
    // Added in millionths, like money: fractional usage summed as floats would show 0.30000000000000004.
    const value = toMicros(aggregate.value);
    window.values.set(name, (window.values.get(name) ?? 0) + value);
    if (groupKey) groupTotals.set(name, (groupTotals.get(name) ?? 0) + value);
  }
  const groups = [...groupTotals.keys()].sort(
    (a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b),
  );
  const windows: UsageWindow[] = [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, window]) => {
      const total = fromMicros([...window.values.values()].reduce((sum, v) => sum + v, 0));
      const base = { starting_on: new Date(t).toISOString(), ending_before: new Date(window.ending_before).toISOString() };
      if (!groupKey) return { ...base, total };
      return { ...base, values: Object.fromEntries(groups.map((g) => [g, fromMicros(window.values.get(g) ?? 0)])), total };
    });
  return {
    billable_metric: { id: metric.id, name: metric.name },
    window_size: windowSize,
    starting_on: start.toISOString(),
    ending_before: end.toISOString(),
    group_key: groupKey,
    groups,
    windows,
    total: fromMicros(windows.reduce((sum, w) => sum + toMicros(w.total), 0)),
  };
}
