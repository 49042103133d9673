import { Hono } from 'hono';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { readBalances } from '../reads/balances.ts';
import { shapeSpendSummary, summaryPlan } from '../shape/spend-summary.ts';

/**
 * `GET /api/spend/summary`: the current billing period so far, per credit type, from its draft
 * invoice(s); a projection to the period end; and the previous period at the same elapsed point.
 */
export function spendSummaryRoutes(deps: { now: () => Date }) {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const metronome = c.var.metronome;
    const at = deps.now();
    const plan = summaryPlan(await metronome.listContracts(), at);
    if (!plan) {
      const body: SpendSummaryResponse = { period: null, days_left: null, credit_types: [] };
      return answer(c, body);
    }
    // The commits and credits as /api/balances reads them (the same calls), so that the projection
    // counts on them at the rate the ledger states.
    const [drafts, recent, previous, balances] = await Promise.all([
      metronome.listInvoices({ status: 'DRAFT' }),
      plan.recentQuery ? metronome.invoiceBreakdowns(plan.recentQuery) : [],
      plan.previousQueries ? Promise.all(plan.previousQueries.map((query) => metronome.invoiceBreakdowns(query))) : null,
      readBalances(metronome, at),
    ]);
    return answer(c, shapeSpendSummary({ plan, at, drafts, recent, previous: previous?.flat() ?? null, balances: balances.items }));
  });
}
