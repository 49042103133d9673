import { Hono } from 'hono';
import { MAX_HOURLY_DAYS, type UsageResponse } from '../../contract/index.ts';
import { answer, type ApiEnv } from '../context.ts';
import { badRequest } from '../errors.ts';
import { currentBillingPeriod } from '../shape/billing-period.ts';
import { checkGroupKey, shapeUsage } from '../shape/usage.ts';
import { alignToWindows, DAY } from '../time.ts';
import { booleanParam, dateParam, enumParam, listParam, uuidParam } from '../validate.ts';

const WINDOW_SIZES = ['hour', 'day', 'none'] as const;

/** `GET /api/usage`: one metric's usage in windows, optionally grouped and filtered, for the session's customer. */
export function usageRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', async (c) => {
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
    if (requested && requested.end.getTime() <= requested.start.getTime()) throw badRequest('ending_before', 'must be later than starting_on.');
    const metronome = c.var.metronome;
    const now = deps.now();

    const [metrics, contracts] = await Promise.all([metronome.listBillableMetrics(), currentPeriod ? metronome.listContracts() : null]);
    const metric = metrics.find((m) => m.id.toLowerCase() === metricId);
    if (!metric) throw badRequest('billable_metric_id', `this customer has no billable metric with id ${metricId}.`);
    if (groupKey) checkGroupKey(metric, groupKey);
    const period = requested ?? currentBillingPeriod(contracts ?? [], now);
    if (!period) throw badRequest('current_period', 'this customer has no contract with a current billing period.');
    const range = alignToWindows(period, windowSize);
    if (windowSize === 'hour' && range.end.getTime() - range.start.getTime() > MAX_HOURLY_DAYS * DAY) {
      throw badRequest('window_size', `hourly windows cover at most ${MAX_HOURLY_DAYS} days; use day for longer ranges.`);
    }

    const load = async (start: Date, end: Date) => {
      const aggregates = await metronome.usageGroups({
        billable_metric_id: metric.id,
        window_size: windowSize,
        starting_on: start.toISOString(),
        ending_before: end.toISOString(),
        ...(groupKey ? { group_key: groupKey } : {}),
        ...(groupFilters ? { group_filters: groupFilters } : {}),
      });
      return shapeUsage({ metric, windowSize, start, end, groupKey, aggregates });
    };
    const length = range.end.getTime() - range.start.getTime();
    const [current, previous] = await Promise.all([
      load(range.start, range.end),
      compare ? load(new Date(range.start.getTime() - length), range.start) : null,
    ]);
    const body: UsageResponse = previous
      ? { ...current, previous: { starting_on: previous.starting_on, ending_before: previous.ending_before, windows: previous.windows, total: previous.total } }
      : current;
    return answer(c, body);
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
