import { Hono } from 'hono';
import type { AlertsResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import type { CustomerMetronome } from '../metronome/client.ts';
import { readBalances } from '../reads/balances.ts';
import { type AlertFigures, figuresNeeded, shapeAlerts } from '../shape/alerts.ts';
import { currentBillingPeriod } from '../shape/billing-period.ts';
import { periodSpend } from '../shape/spend-summary.ts';

/**
 * `GET /api/alerts`: the session customer's threshold notifications with Metronome's status, and the
 * figure each watches read the way /api/balances and /api/spend/summary read it (the same calls, so
 * they coalesce and agree). No parameters, so nothing to validate before calling Metronome.
 */
export function alertsRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const metronome = c.var.metronome;
    const at = deps.now();
    const alerts = await metronome.customerAlerts();
    const needed = figuresNeeded(alerts);
    const [balances, spend] = await Promise.all([needed.balances ? readBalances(metronome, at) : null, needed.spend ? currentSpend(metronome, at) : null]);
    const body: AlertsResponse = { alerts: shapeAlerts(alerts, { balances: balances?.items ?? null, spend }) };
    return answer(c, body);
  });
}

/** The current billing period's drafts per credit type, as /api/spend/summary counts them; empty without a period. */
async function currentSpend(metronome: CustomerMetronome, at: Date): Promise<AlertFigures['spend']> {
  const [contracts, drafts] = await Promise.all([metronome.listContracts(), metronome.listInvoices({ status: 'DRAFT' })]);
  const period = currentBillingPeriod(contracts, at);
  return period ? periodSpend(drafts, period) : new Map();
}
