import { Hono } from 'hono';
import type { BalancesResponse } from '../../contract/index.ts';
import { burnWindow, shapeBalances } from '../balance-items.ts';
import type { Metronome } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { toMicros } from '../spend-lines.ts';

/**
 * `GET /api/balances`: the session customer's commits and credits in burn-down order, with ledgers,
 * runways and totals per credit type. No parameters, so nothing to validate before calling Metronome.
 */
export function balancesRoutes(metronome: Metronome, now: () => Date) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const customerId = c.var.customerId;
    const signal = c.req.raw.signal;
    const at = now();
    // One breakdowns fetch for every item's runway: ledger deductions are stamped at the end of each
    // billing period, so only the daily application lines tell what was burned in the last 30 days.
    // Drafts: a draft invoice's deduction is pending even once its period is over and it is stamped in
    // the past (Metronome finalises after a grace period), which the timestamp alone would miss.
    const [balances, breakdowns, drafts] = await Promise.all([
      metronome.customerBalances(customerId, signal),
      metronome.invoiceBreakdowns(customerId, { window_size: 'day', ...burnWindow(at) }, signal),
      metronome.listInvoices(customerId, { status: 'DRAFT' }, signal),
    ]);
    const body: BalancesResponse = shapeBalances({ balances, breakdowns, draftInvoiceIds: new Set(drafts.map((i) => i.id.toLowerCase())), now: at });
    await crossCheck(metronome, customerId, body, signal);
    return c.json(body);
  });
}

/**
 * Compares each credit type's summed `remaining` with Metronome's getNetBalance and logs a mismatch
 * (or a failed check) on the server, never failing the customer: the net balance may legitimately
 * differ from the list (it clamps a segment below zero, and Metronome documents its own draft-invoice
 * handling), and the list already is Metronome's answer, so a 502 would hide correct figures.
 */
async function crossCheck(metronome: Metronome, customerId: string, body: BalancesResponse, signal: AbortSignal) {
  await Promise.all(
    body.totals.map(async ({ credit_type, remaining }) => {
      try {
        const net = await metronome.netBalance(customerId, credit_type.id, signal);
        if (net !== null && toMicros(net) !== toMicros(remaining)) {
          console.warn(`proxy: /api/balances: customer ${customerId}, ${credit_type.name}: items remaining ${remaining}, Metronome net balance ${net}`);
        }
      } catch (err) {
        console.warn(`proxy: /api/balances: net balance check failed for customer ${customerId}, ${credit_type.name}: ${(err as Error).message}`);
      }
    }),
  );
}
