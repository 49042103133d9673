import type { BalancesResponse } from '../../contract/index.ts';
import type { CustomerMetronome } from '../metronome/client.ts';
import { burnWindow, shapeBalances } from '../shape/balances.ts';

/**
 * The customer's commits and credits as /api/balances answers them, read with the same three calls
 * wherever they are needed (/api/balances, and /api/spend/summary, whose projection counts on them at
 * the rate the ledger states), so that both read one thing and the calls coalesce.
 *
 * One breakdowns fetch serves every item's runway: ledger deductions are stamped at the end of each
 * billing period, so only the daily application lines tell what was burned in the last 30 days.
 * Drafts: a draft invoice's deduction is pending even once its period is over and it is stamped in
 * the past (Metronome finalises after a grace period), which the timestamp alone would miss.
 */
export async function readBalances(metronome: CustomerMetronome, at: Date): Promise<BalancesResponse> {
  const [balances, breakdowns, drafts] = await Promise.all([
    metronome.customerBalances(),
    metronome.invoiceBreakdowns({ window_size: 'day', ...burnWindow(at) }),
    metronome.listInvoices({ status: 'DRAFT' }),
  ]);
  return shapeBalances({ balances, breakdowns, draftInvoiceIds: new Set(drafts.map((i) => i.id.toLowerCase())), now: at });
}
