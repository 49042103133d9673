// Pure planning and evaluation of a paged usage query (POST /v1/usage/groups) over the catalog.
// A plan is windows × groups; row i is window floor(i / groups) and group i % groups, so a page
// costs only its own rows no matter how long the requested range is.
import type { GroupTuple, MetricDef } from './catalog.ts';
import type { DataClock } from './data.ts';
import { DAY_MS, HOUR_MS, hourIndex, sumUsage } from './data.ts';
import { BadRequest, isoHour } from './http.ts';

export type WindowSize = 'hour' | 'day' | 'none';

export interface UsageGroupsPayload {
  customer_id: string;
  billable_metric_id: string;
  window_size: string;
  starting_on?: string;
  ending_before?: string;
  group_by?: { key: string; values?: string[] };
  group_key?: string[];
  group_filters?: Record<string, string[]>;
  current_period?: boolean;
}

export interface UsageGroup {
  /** Projection of the series onto the requested keys (in request order). */
  readonly group: GroupTuple;
  readonly seriesIndexes: number[];
}

export interface UsagePlan {
  readonly windowSize: WindowSize;
  readonly startMs: number;
  readonly endMs: number;
  readonly windowMs: number;
  readonly windowCount: number;
  /** Requested group keys; undefined when the query is not grouped. */
  readonly keys: ReadonlyArray<string> | undefined;
  readonly groups: ReadonlyArray<UsageGroup>;
  readonly total: number;
  /** Normalised query, used to bind pagination cursors to it. */
  readonly identity: unknown;
}

export interface UsageRow {
  starting_on: string;
  ending_before: string;
  group_key: string | null;
  group_value: string | null;
  group?: Record<string, string | null>;
  value: number;
}

/**
 * Time range of the query. Choices (the spec leaves them open):
 * - starting_on and ending_before are both required unless current_period is true (400 otherwise);
 *   current_period together with either of them is a 400, as the spec says.
 * - Boundaries must be aligned to the window: UTC midnight for `day`, a whole UTC hour for `hour`
 *   and `none` (usage is hourly). Unaligned boundaries are a 400 rather than silently snapped.
 * - The range may extend before the data horizon or past "now": those windows are still returned,
 *   with value 0, so a chart always gets the full requested range.
 */
export function resolveRange(payload: UsageGroupsPayload, windowSize: WindowSize): { startMs: number; endMs: number } {
  if (payload.starting_on === undefined || payload.ending_before === undefined) {
    throw new BadRequest('starting_on and ending_before are required unless current_period is true');
  }
  const startMs = Date.parse(payload.starting_on);
  const endMs = Date.parse(payload.ending_before);
  if (!(startMs < endMs)) throw new BadRequest('starting_on must be before ending_before');
  const unit = windowSize === 'day' ? DAY_MS : HOUR_MS;
  const what = windowSize === 'day' ? 'midnight UTC when window_size is day' : 'the start of a UTC hour';
  if (startMs % unit !== 0) throw new BadRequest(`starting_on must be at ${what}`);
  if (endMs % unit !== 0) throw new BadRequest(`ending_before must be at ${what}`);
  return { startMs, endMs };
}

function sameKeySet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

/** Groups of the query (one ungrouped bucket when no grouping), in a stable display order. */
export function resolveGroups(metric: MetricDef, payload: UsageGroupsPayload): { keys: string[] | undefined; filters: Record<string, string[]>; groups: UsageGroup[] } {
  if (payload.group_by && payload.group_key) throw new BadRequest('group_by cannot be used together with group_key');
  if (payload.group_filters && !payload.group_key) throw new BadRequest('group_filters requires group_key');
  const keys = payload.group_key ?? (payload.group_by ? [payload.group_by.key] : undefined);
  const filters: Record<string, string[]> = payload.group_by
    ? { [payload.group_by.key]: payload.group_by.values ?? [] }
    : { ...(payload.group_filters ?? {}) };
  const all = metric.series.map((_, i) => i);
  if (!keys) return { keys, filters, groups: [{ group: {}, seriesIndexes: all }] };

  if (new Set(keys).size !== keys.length) throw new BadRequest(`group_key must not repeat keys (got ${JSON.stringify(keys)})`);
  if (!metric.group_keys.some((defined) => sameKeySet(defined, keys))) {
    const valid = metric.group_keys.length ? metric.group_keys.map((k) => JSON.stringify(k)).join(', ') : 'none';
    throw new BadRequest(
      `group_key ${JSON.stringify(keys)} is not a group key of billable metric "${metric.name}" ` +
        `(compound keys must match exactly; defined: ${valid})`,
    );
  }
  for (const key of Object.keys(filters)) {
    if (!keys.includes(key)) throw new BadRequest(`group_filters key "${key}" is not in group_key`);
  }

  const byTuple = new Map<string, UsageGroup>();
  metric.series.forEach((series, index) => {
    const group: Record<string, string | null> = {};
    for (const key of keys) group[key] = series.group[key] ?? null;
    const passes = Object.entries(filters).every(([key, values]) => {
      const v = group[key];
      return values.length === 0 || (v !== null && v !== undefined && values.includes(v));
    });
    if (!passes) return;
    const id = JSON.stringify(keys.map((k) => group[k]));
    const existing = byTuple.get(id);
    if (existing) existing.seriesIndexes.push(index);
    else byTuple.set(id, { group, seriesIndexes: [index] });
  });
  // Order: by each key's known values in catalog order, null (missing property) last.
  const rank = (key: string, value: string | null | undefined): number => {
    const known = metric.dimensions[key] ?? [];
    const i = value == null ? -1 : known.indexOf(value);
    return value == null ? Number.MAX_SAFE_INTEGER : i === -1 ? known.length : i;
  };
  const groups = [...byTuple.values()].sort((a, b) => {
    for (const key of keys) {
      const d = rank(key, a.group[key]) - rank(key, b.group[key]);
      if (d !== 0) return d;
    }
    return 0;
  });
  return { keys, filters, groups };
}

export function normalizeWindowSize(raw: string): WindowSize {
  return raw.toLowerCase() as WindowSize; // enum membership is checked by the spec validator
}

export function planUsageQuery(metric: MetricDef, payload: UsageGroupsPayload, customerId: string): UsagePlan {
  const windowSize = normalizeWindowSize(payload.window_size);
  const { startMs, endMs } = resolveRange(payload, windowSize);
  const { keys, filters, groups } = resolveGroups(metric, payload);
  const windowMs = windowSize === 'hour' ? HOUR_MS : windowSize === 'day' ? DAY_MS : endMs - startMs;
  const windowCount = Math.round((endMs - startMs) / windowMs);
  const sortedFilters = Object.keys(filters).sort().map((k) => [k, [...(filters[k] ?? [])].sort()]);
  return {
    windowSize, startMs, endMs, windowMs, windowCount, keys, groups,
    total: windowCount * groups.length,
    identity: ['usage-groups', customerId, metric.id, windowSize, startMs, endMs, keys ?? null, sortedFilters],
  };
}

/** Row `index` of the plan: windows ascending, then groups in plan order. */
export function usageRow(plan: UsagePlan, clock: DataClock, metric: MetricDef, index: number): UsageRow {
  const group = plan.groups[index % plan.groups.length] as UsageGroup;
  const windowStart = plan.startMs + Math.floor(index / plan.groups.length) * plan.windowMs;
  const windowEnd = windowStart + plan.windowMs;
  const value = sumUsage(clock, metric, group.seriesIndexes, hourIndex(windowStart), hourIndex(windowEnd));
  const keys = plan.keys;
  const single = keys !== undefined && keys.length === 1 ? (keys[0] as string) : undefined;
  return {
    starting_on: isoHour(windowStart),
    ending_before: isoHour(windowEnd),
    group_key: single ?? null,
    group_value: single === undefined ? null : (group.group[single] ?? null),
    ...(keys === undefined ? {} : { group: { ...group.group } }),
    value,
  };
}
