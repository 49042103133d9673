import { Hono } from 'hono';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { burnWindow, shapeBalances } from '../shape/balances.ts';
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
    const [drafts, recent, previous, balances, burn] = await Promise.all([
      metronome.listInvoices({ status: 'DRAFT' }),
      plan.recentQuery ? metronome.invoiceBreakdowns(plan.recentQuery) : [],
      plan.previousQueries ? Promise.all(plan.previousQueries.map((query) => metronome.invoiceBreakdowns(query))) : null,
      metronome.customerBalances(),
      metronome.invoiceBreakdowns({ window_size: 'day', ...burnWindow(at) }),
    ]);
    const { items } = shapeBalances({ balances, breakdowns: burn, draftInvoiceIds: new Set(drafts.map((i) => i.id.toLowerCase())), now: at });
    return answer(c, shapeSpendSummary({ plan, at, drafts, recent, previous: previous?.flat() ?? null, balances: items }));
  });
}
