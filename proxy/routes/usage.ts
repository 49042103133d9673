import { Hono } from 'hono';
import type { UsageResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { badRequest } from '../errors.ts';
import { currentBillingPeriod, previousRange } from '../shape/billing-period.ts';
import { checkGroupKey, shapeUsage } from '../shape/usage.ts';
import { alignToWindows, iso } from '../time.ts';
import { windowLimit } from '../validation/dates.ts';
import { usageQuery } from '../validation/queries.ts';
import { valid } from '../validation/validator.ts';

/** `GET /api/usage`: one metric's usage in windows, optionally grouped and filtered, for the session's customer. */
export function usageRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', valid('query', usageQuery), async (c) => {
    const { billable_metric_id: metricId, window_size: windowSize, group_key: groupKey, group_filter: groupFilters, compare, current_period: currentPeriod, range: requested } =
      c.req.valid('query');
    const metronome = c.var.metronome;
    const now = deps.now();

    const [metrics, contracts] = await Promise.all([metronome.listBillableMetrics(), currentPeriod ? metronome.listContracts() : null]);
    const metric = metrics.find((m) => m.id.toLowerCase() === metricId);
    if (!metric) throw badRequest('billable_metric_id', `this customer has no billable metric with id ${metricId}.`);
    if (groupKey) checkGroupKey(metric, groupKey);
    const period = requested ?? currentBillingPeriod(contracts ?? [], now);
    if (!period) throw badRequest('current_period', 'this customer has no contract with a current billing period.');
    const range = alignToWindows(period, windowSize);
    // A requested range was checked before any call; the current billing period is known only now.
    const tooLong = windowLimit(range, windowSize);
    if (tooLong) throw badRequest(...tooLong);

    const load = async (start: Date, end: Date) => {
      const aggregates = await metronome.usageGroups({
        billable_metric_id: metric.id,
        window_size: windowSize,
        starting_on: iso(start),
        ending_before: iso(end),
        ...(groupKey ? { group_key: groupKey } : {}),
        ...(groupFilters ? { group_filters: groupFilters } : {}),
      });
      return shapeUsage({ metric, windowSize, start, end, groupKey, aggregates });
    };
    const [current, previous] = await Promise.all([load(range.start, range.end), compare ? load(...previousRange(range, windowSize, currentPeriod ? contracts! : null)) : null]);
    const body: UsageResponse = previous
      ? { ...current, previous: { starting_on: previous.starting_on, ending_before: previous.ending_before, windows: previous.windows, total: previous.total } }
      : current;
    // A range still under way: usage is counted up to now; the window holding it is partial, later ones are to come.
    if (now < range.end) body.through = iso(now);
    // The current billing period is the only part that moves with the clock, at the period's end.
    return answer(c, body, { reusableUntil: currentPeriod ? period.end.getTime() : Infinity });
  });
}

