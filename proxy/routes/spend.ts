import { Hono } from 'hono';
import { MAX_HOURLY_DAYS, type SpendResponse } from '../../contract/index.ts';
import { answer, type ApiEnv } from '../context.ts';
import { badRequest } from '../errors.ts';
import { presentationKeys, shapeSpend } from '../shape/spend.ts';
import { alignToWindows, DAY } from '../time.ts';
import { dateParam, enumParam } from '../validate.ts';

/** A presentation group key is one name; commas would read as a compound key, which invoices do not have. */
const KEY = /^[^,\s][^,]*$/;

/**
 * `GET /api/spend`: the session customer's spend per credit type in day or hour windows, grouped by
 * product or by a presentation group key, from Metronome's invoice breakdowns (commit and credit
 * applications included, so gross and net come from the same lines).
 */
export function spendRoutes() {
  return new Hono<ApiEnv>().get('/', async (c) => {
    const query = c.req.query();
    const start = dateParam(query, 'starting_on');
    const end = dateParam(query, 'ending_before');
    const windowSize = enumParam(query, 'window_size', ['day', 'hour'] as const, 'day');
    const groupBy = query.group_by?.trim() || 'product';
    if (!KEY.test(groupBy)) throw badRequest('group_by', `"${groupBy}" is not product or a single presentation group key.`);
    if (end.getTime() <= start.getTime()) throw badRequest('ending_before', 'must be later than starting_on.');
    const range = alignToWindows({ start, end }, windowSize);
    if (windowSize === 'hour' && range.end.getTime() - range.start.getTime() > MAX_HOURLY_DAYS * DAY) {
      throw badRequest('window_size', `hourly windows cover at most ${MAX_HOURLY_DAYS} days; use day for longer ranges.`);
    }

    const breakdowns = await c.var.metronome.invoiceBreakdowns({
      window_size: windowSize,
      starting_on: range.start.toISOString(),
      ending_before: range.end.toISOString(),
    });
    const { keys, usageLines } = presentationKeys(breakdowns);
    if (groupBy !== 'product' && usageLines > 0 && !keys.includes(groupBy)) {
      throw badRequest('group_by', `"${groupBy}" is not a presentation group key of this customer's products; use one of: ${['product', ...keys].join(', ')}.`);
    }
    const body: SpendResponse = shapeSpend({ windowSize, start: range.start, end: range.end, groupBy, breakdowns });
    // group_by_options lets the widget offer only the groupings that work for this customer.
    return answer(c, { ...body, group_by_options: ['product', ...keys] });
  });
}
