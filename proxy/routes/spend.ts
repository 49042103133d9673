import { Hono } from 'hono';
import { MAX_HOURLY_DAYS, type SpendEntry, type SpendResponse } from '../../contract/index.ts';
import { badRequest } from '../errors.ts';
import type { BreakdownInvoice, Metronome } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { compareCreditTypes, countsAsSpend, creditTypeOf, fromMicros, groupOf, lineKind, toMicros, USD_CENTS, type Micros } from '../spend-lines.ts';
import { dateParam, enumParam } from '../validate.ts';
import { alignRange } from './usage.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A presentation group key is one name; commas would read as a compound key, which invoices do not have. */
const KEY = /^[^,\s][^,]*$/;

/**
 * `GET /api/spend`: the session customer's spend per credit type in day or hour windows, grouped by
 * product or by a presentation group key, from Metronome's invoice breakdowns (commit and credit
 * applications included, so gross and net come from the same lines).
 */
export function spendRoutes(metronome: Metronome) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const query = c.req.query();
    const start = dateParam(query, 'starting_on');
    const end = dateParam(query, 'ending_before');
    const windowSize = enumParam(query, 'window_size', ['day', 'hour'] as const, 'day');
    const groupBy = query.group_by?.trim() || 'product';
    if (!KEY.test(groupBy)) throw badRequest('group_by', `"${groupBy}" is not product or a single presentation group key.`);
    const range = alignRange(start, end, windowSize);
    if (windowSize === 'hour' && range.end.getTime() - range.start.getTime() > MAX_HOURLY_DAYS * DAY) {
      throw badRequest('window_size', `hourly windows cover at most ${MAX_HOURLY_DAYS} days; use day for longer ranges.`);
    }

    const breakdowns = await metronome.invoiceBreakdowns(
      c.var.customerId,
      { window_size: windowSize, starting_on: range.start.toISOString(), ending_before: range.end.toISOString() },
      c.req.raw.signal,
    );
    const { keys, usageLines } = presentationKeys(breakdowns);
    if (groupBy !== 'product' && usageLines > 0 && !keys.includes(groupBy)) {
      throw badRequest('group_by', `"${groupBy}" is not a presentation group key of this customer's products; use one of: ${['product', ...keys].join(', ')}.`);
    }
    const body: SpendResponse = shapeSpend({ windowSize, start: range.start, end: range.end, groupBy, breakdowns });
    // group_by_options lets the widget offer only the groupings that work for this customer.
    return c.json({ ...body, group_by_options: ['product', ...keys] });
  });
}

/**
 * The keys a grouping may use come from the data: every presentation group key on the range's usage
 * lines (Metronome lists a product's keys on each of its lines, with null for events lacking one). A
 * range without any usage line accepts any key, since there is nothing to group and nothing to check.
 */
function presentationKeys(breakdowns: BreakdownInvoice[]): { keys: string[]; usageLines: number } {
  const keys = new Set<string>();
  let usageLines = 0;
  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    for (const line of item.line_items ?? []) {
      if (lineKind(line) !== 'usage') continue;
      usageLines++;
      for (const key of Object.keys(line.presentation_group_values ?? {})) keys.add(key);
    }
  }
  return { keys: [...keys].sort(), usageLines };
}

interface WindowSums {
  values: Map<string, Micros>;
  credits: Micros;
}

/**
 * Pure: breakdown items → one entry per credit type (USD always, others when billed in the range),
 * windows ascending and covering the range, groups largest first. Items are placed in the window
 * that holds their start, so a billing period anchored mid-day still lands in UTC windows.
 */
export function shapeSpend(input: { windowSize: 'day' | 'hour'; start: Date; end: Date; groupBy: string; breakdowns: BreakdownInvoice[] }): SpendResponse {
  const { windowSize, start, end, groupBy, breakdowns } = input;
  const step = windowSize === 'hour' ? HOUR : DAY;
  const count = Math.ceil((end.getTime() - start.getTime()) / step);
  const entries = new Map<string, { credit_type: { id: string; name: string }; windows: WindowSums[] }>();
  const entryFor = (creditType: { id: string; name: string }) => {
    const key = creditType.id.toLowerCase();
    let entry = entries.get(key);
    if (!entry) {
      const windows = Array.from({ length: count }, () => ({ values: new Map<string, Micros>(), credits: 0 }));
      entries.set(key, (entry = { credit_type: { id: creditType.id, name: creditType.name }, windows }));
    }
    return entry;
  };
  entryFor(USD_CENTS);

  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    const index = Math.floor((Date.parse(item.breakdown_start_timestamp) - start.getTime()) / step);
    if (!(index >= 0 && index < count)) continue;
    for (const line of item.line_items ?? []) {
      const kind = lineKind(line);
      if (kind === 'excluded') continue;
      const window = entryFor(creditTypeOf(line, item)).windows[index]!;
      if (kind === 'application') window.credits += toMicros(line.total);
      else {
        const group = groupOf(line, groupBy);
        window.values.set(group, (window.values.get(group) ?? 0) + toMicros(line.total));
      }
    }
  }

  const credit_types = [...entries.values()]
    .sort((a, b) => compareCreditTypes(a.credit_type, b.credit_type))
    .map((entry): SpendEntry => {
      const groupTotals = new Map<string, Micros>();
      for (const w of entry.windows) for (const [g, v] of w.values) groupTotals.set(g, (groupTotals.get(g) ?? 0) + v);
      const groups = [...groupTotals.keys()].sort((a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b));
      let total = 0;
      let credits = 0;
      const windows = entry.windows.map((w, i) => {
        const windowTotal = [...w.values.values()].reduce((sum, v) => sum + v, 0);
        total += windowTotal;
        credits += w.credits;
        const t = start.getTime() + i * step;
        return {
          starting_on: new Date(t).toISOString(),
          ending_before: new Date(Math.min(t + step, end.getTime())).toISOString(),
          values: Object.fromEntries(groups.map((g) => [g, fromMicros(w.values.get(g) ?? 0)])),
          total: fromMicros(windowTotal),
          credits_applied: fromMicros(w.credits),
          net: fromMicros(windowTotal + w.credits),
        };
      });
      return {
        credit_type: entry.credit_type,
        window_size: windowSize,
        group_by: groupBy,
        groups,
        windows,
        total: fromMicros(total),
        credits_applied: fromMicros(credits),
        net: fromMicros(total + credits),
      };
    });
  return { starting_on: start.toISOString(), ending_before: end.toISOString(), credit_types };
}
