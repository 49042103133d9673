import { Hono } from 'hono';
import type { CustomerResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { groupKeysOf } from '../metronome/types.ts';
import { currentBillingPeriod } from '../shape/billing-period.ts';
import { iso } from '../time.ts';

/** `GET /api/customer`: the session customer's name, current billing period and chartable metrics. */
export function customerRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const metronome = c.var.metronome;
    const [customer, contracts, metrics] = await Promise.all([metronome.getCustomer(), metronome.listContracts(), metronome.listBillableMetrics()]);
    const period = currentBillingPeriod(contracts, deps.now());
    const body: CustomerResponse = {
      customer: { name: customer.name },
      current_billing_period: period ? { starting_on: iso(period.start), ending_before: iso(period.end) } : null,
      billable_metrics: metrics.map((m) => ({ id: m.id, name: m.name, group_keys: groupKeysOf(m) })),
    };
    // The answer moves with the clock only when the billing period ends (a customer without one is not kept).
    return answer(c, body, period ? { reusableUntil: period.end.getTime() } : {});
  });
}
