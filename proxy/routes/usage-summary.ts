import { Hono } from 'hono';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { badRequest, ProxyError } from '../errors.ts';
import { currentBillingPeriod, previousRange } from '../shape/billing-period.ts';
import { shapeUsageSummary } from '../shape/usage-summary.ts';
import { alignToWindows, iso, type TimeRange } from '../time.ts';
import { windowLimit } from '../validation/dates.ts';
import { usageSummaryQuery } from '../validation/queries.ts';
import { valid } from '../validation/validator.ts';

/**
 * `GET /api/usage/summary`: every billable metric of the session's customer over a period (the current
 * billing period unless `starting_on` and `ending_before` say otherwise), each with its daily usage, its
 * usage over as much of the previous period, and the usage spend of its products. The reads are the
 * ones `/api/usage?current_period=true&compare=previous` (per metric, ungrouped) and `/api/spend` (the
 * same days) make, so on a page that also shows those, Metronome is asked once.
 */
export function usageSummaryRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', valid('query', usageSummaryQuery), async (c) => {
    const requested = c.req.valid('query');
    const metronome = c.var.metronome;
    const now = deps.now();

    const [metrics, contracts] = await Promise.all([metronome.listBillableMetrics(), requested ? null : metronome.listContracts()]);
    const period = requested ?? currentBillingPeriod(contracts ?? [], now);
    if (!period) throw badRequest('current_period', 'this customer has no contract with a current billing period; give starting_on and ending_before.');
    const range = alignToWindows(period, 'day');
    const tooLong = windowLimit(range, 'day');
    if (tooLong) throw badRequest(...tooLong);
    const [previousStart, previousEnd] = previousRange(range, 'day', contracts);
    const previous: TimeRange = { start: previousStart, end: previousEnd };

    const daily = (metricId: string, { start, end }: TimeRange) =>
      metronome.usageGroups({ billable_metric_id: metricId, window_size: 'day', starting_on: iso(start), ending_before: iso(end) });
    const [usage, breakdowns] = await Promise.all([
      Promise.all(metrics.map(async (metric) => {
        const [current, before] = await Promise.all([daily(metric.id, range), daily(metric.id, previous)]);
        return { metric, current, previous: before };
      })),
      metronome.invoiceBreakdowns({ window_size: 'day', starting_on: iso(range.start), ending_before: iso(range.end) }),
    ]);
    const productIds = new Set(breakdowns.flatMap((item) => (item.line_items ?? []).map((line) => line.product_id?.toLowerCase() ?? '')).filter(Boolean));
    const metricOfProduct = new Map<string, string>();
    await Promise.all(
      [...productIds].map(async (id) => {
        const metricId = (await productOrNull(metronome.getProduct(id)))?.current?.billable_metric_id;
        if (metricId) metricOfProduct.set(id, metricId.toLowerCase());
      }),
    );
    const body = shapeUsageSummary({ range, previous, now, usage, breakdowns, metricOfProduct });
    // As /api/usage: the current billing period moves on at its end; upstream freshness bounds both.
    return answer(c, body, { reusableUntil: requested ? Infinity : period.end.getTime() });
  });
}

/** A product Metronome no longer knows (archived and gone) prices nothing this summary can name: its spend is left out. */
async function productOrNull<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ProxyError && err.status === 404) return null;
    throw err;
  }
}
