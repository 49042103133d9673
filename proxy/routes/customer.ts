import { Hono } from 'hono';
import type { CustomerResponse } from '../../contract/index.ts';
import { currentBillingPeriod } from '../billing-period.ts';
import { groupKeysOf, type Metronome } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';

/** `GET /api/customer`: the session customer's name, current billing period and chartable metrics. */
export function customerRoutes(metronome: Metronome, now: () => Date) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const id = c.var.customerId;
    const signal = c.req.raw.signal;
    const at = now();
    const [customer, contracts, metrics] = await Promise.all([
      metronome.getCustomer(id, signal),
      metronome.listContracts(id, at, signal),
      metronome.listBillableMetrics(id, signal),
    ]);
    const period = currentBillingPeriod(contracts, at);
    const body: CustomerResponse = {
      customer: { name: customer.name },
      current_billing_period: period ? { starting_on: period.start.toISOString(), ending_before: period.end.toISOString() } : null,
      billable_metrics: metrics.map((m) => ({ id: m.id, name: m.name, group_keys: groupKeysOf(m) })),
    };
    return c.json(body);
  });
}
