import { Hono } from 'hono';
import type { SpendResponse } from '../../contract/index.ts';
import { answer } from '../answers.ts';
import type { ApiEnv } from '../context.ts';
import { badRequest } from '../errors.ts';
import { presentationKeys, shapeSpend } from '../shape/spend.ts';
import { alignToWindows, iso } from '../time.ts';
import { spendQuery } from '../validation/queries.ts';
import { valid } from '../validation/validator.ts';

/**
 * `GET /api/spend`: the session customer's spend per credit type in day or hour windows, grouped by
 * product or by a presentation group key, from Metronome's invoice breakdowns (commit and credit
 * applications included, so gross and net come from the same lines).
 */
export function spendRoutes() {
  return new Hono<ApiEnv>().get('/', valid('query', spendQuery), async (c) => {
    const { range: requested, window_size: windowSize, group_by: groupBy } = c.req.valid('query');
    const range = alignToWindows(requested, windowSize);

    const breakdowns = await c.var.metronome.invoiceBreakdowns({
      window_size: windowSize,
      starting_on: iso(range.start),
      ending_before: iso(range.end),
    });
    const { keys, usageLines } = presentationKeys(breakdowns);
    if (groupBy !== 'product' && usageLines > 0 && !keys.includes(groupBy)) {
      throw badRequest('group_by', `"${groupBy}" is not a presentation group key of this customer's products; use one of: ${['product', ...keys].join(', ')}.`);
    }
    const body: SpendResponse = shapeSpend({ windowSize, start: range.start, end: range.end, groupBy, breakdowns });
    // group_by_options lets the widget offer only the groupings that work for this customer.
    return answer(c, { ...body, group_by_options: ['product', ...keys] }, { reusableUntil: Infinity });
  });
}
