// GET /v1/customers/{customer_id}/invoices/breakdowns (listBreakdownInvoices-v1) and
// POST …/invoices/spend-breakdowns (listSpendBreakdownInvoices-v1).
import { Hono } from 'hono';
import { specBody } from './body.ts';
import { DAY_MS, HOUR_MS, type DataClock, dataClock } from '../data.ts';
import { type BreakdownItem, breakdownItems, type SpendGrouping, spendItems, type TimeWindow, windowsOf } from '../billing/breakdowns.ts';
import { customerInvoices, type InvoiceModel, invoiceHeaderJson, keepsLine, lineJson } from '../billing/invoices.ts';
import { fromMicros } from '../billing/money.ts';
import { pricedProducts } from '../billing/statements.ts';
import { contractsOf } from '../billing/world.ts';
import { BadRequest, apiError, decodeCursor, encodeCursor, fingerprint, isoHour, parseBoolean, parseLimit } from '../http.ts';
import { type ClockOptions, parseDateTime, parseEnum, pathCustomer, SORTS } from './invoices.ts';

/** "Daily breakdowns return up to 35 days; hourly breakdowns return up to 24 hours per request." */
const WINDOWS_PER_PAGE = { hour: 24, day: 35 } as const;
const SPEND_PATH = '/v1/customers/{customer_id}/invoices/spend-breakdowns';

interface InvoiceQuery {
  readonly from: number;
  readonly to: number;
  readonly status?: string;
  readonly creditTypeId?: string;
  readonly sort: 'date_asc' | 'date_desc';
}

/** Non-void USAGE invoices whose period overlaps [from, to), in the requested issue order. */
function overlappingInvoices(customerId: string, clock: DataClock, now: Date, query: InvoiceQuery): InvoiceModel[] {
  const invoices = customerInvoices(customerId, clock, now).filter(
    (invoice) =>
      invoice.type === 'USAGE' &&
      invoice.status !== 'VOID' &&
      (query.status === undefined || invoice.status === query.status) &&
      (query.creditTypeId === undefined || invoice.credit_type.id === query.creditTypeId) &&
      invoice.start.getTime() < query.to &&
      invoice.end.getTime() > query.from,
  );
  return query.sort === 'date_desc' ? invoices.reverse() : invoices;
}

/**
 * One page of items from `offset`: at most `limit` items spanning at most `maxWindows` distinct
 * windows (two credit types on the same day are two items but one day), then a cursor if more remain.
 */
function page<T extends { start: Date }>(items: ReadonlyArray<T>, offset: number, limit: number, maxWindows: number, fp: string) {
  const starts = new Set<number>();
  let end = offset;
  while (end < items.length && end - offset < limit) {
    const start = items[end]!.start.getTime();
    if (!starts.has(start) && starts.size === maxWindows) break;
    starts.add(start);
    end++;
  }
  return { items: items.slice(offset, end), next_page: end < items.length ? encodeCursor(end, fp) : null };
}

function range(startingOn: number | undefined, endingBefore: number | undefined): { from: number; to: number } {
  if (startingOn === undefined) throw new BadRequest('starting_on is required');
  if (endingBefore === undefined) throw new BadRequest('ending_before is required');
  if (!(startingOn < endingBefore)) throw new BadRequest('starting_on must be before ending_before');
  return { from: startingOn, to: endingBefore };
}

function itemJson(item: BreakdownItem, skipZero: boolean, withTotals: boolean, includeListPrices = false): Record<string, unknown> {
  const lines = item.lines.filter((line) => keepsLine(line, skipZero));
  const sum = (kind: string) => lines.filter((l) => kind === '' || l.kind === kind).reduce((s, l) => s + l.total, 0);
  return {
    ...invoiceHeaderJson(item.invoice),
    breakdown_start_timestamp: isoHour(item.start.getTime()),
    breakdown_end_timestamp: isoHour(item.end.getTime()),
    line_items: lines.map((line) => lineJson(line, { includeListPrices })),
    // As in Metronome's example: subtotal before commits and credits, total after.
    ...(withTotals ? { subtotal: fromMicros(sum('charge')), total: fromMicros(sum('')) } : {}),
  };
}

/** Every event property of the metrics priced on the customer's contracts, for group_keys checks. */
function groupableKeys(customerId: string, now: Date): Set<string> {
  return new Set(contractsOf(customerId, now).flatMap((contract) => pricedProducts(contract).flatMap((p) => Object.keys(p.metric.dimensions))));
}

interface SpendPayload {
  starting_on: string;
  ending_before: string;
  skip_zero_qty_line_items?: boolean;
  credit_type_id?: string;
  sort?: 'date_asc' | 'date_desc';
  window_size?: string;
  group_keys?: string[];
  group_filters?: Record<string, string[]>;
  limit?: number;
  next_page?: string;
}

/**
 * group_keys may name any event property of any metric priced on the contract (a product whose
 * metric lacks it shows null for it); unknown keys and repeats are a 400, and every group_filters
 * key must be one of the group_keys.
 */
function spendGrouping(payload: SpendPayload, customerId: string, now: Date): SpendGrouping {
  const keys = payload.group_keys;
  if (keys === undefined) {
    if (payload.group_filters !== undefined) throw new BadRequest('group_filters requires group_keys');
    return {};
  }
  if (new Set(keys).size !== keys.length) throw new BadRequest(`group_keys must not repeat keys (got ${JSON.stringify(keys)})`);
  const known = groupableKeys(customerId, now);
  for (const key of keys) {
    if (!known.has(key)) throw new BadRequest(`group_keys: "${key}" is not a property of any billable metric on the customer's contracts (known: ${[...known].join(', ') || 'none'})`);
  }
  for (const key of Object.keys(payload.group_filters ?? {})) {
    if (!keys.includes(key)) throw new BadRequest(`group_filters key "${key}" is not in group_keys`);
  }
  return { keys, filters: payload.group_filters ?? {} };
}

export function breakdownsRoutes(options: ClockOptions): Hono {
  const app = new Hono();

  app.get('/v1/customers/:customer_id/invoices/breakdowns', (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const skipZero = parseBoolean('skip_zero_qty_line_items', c.req.query('skip_zero_qty_line_items')) ?? false;
    const windowSize = parseEnum('window_size', c.req.query('window_size')?.toLowerCase(), ['hour', 'day'] as const) ?? 'day';
    const sort = parseEnum('sort', c.req.query('sort'), SORTS) ?? 'date_asc';
    // Void invoices never have breakdowns (InvoiceStatusNonVoid).
    const status = parseEnum('status', c.req.query('status'), ['DRAFT', 'FINALIZED'] as const);
    const creditTypeId = c.req.query('credit_type_id')?.toLowerCase();
    const { from, to } = range(parseDateTime('starting_on', c.req.query('starting_on')), parseDateTime('ending_before', c.req.query('ending_before')));
    const customerId = pathCustomer(c);
    if (!customerId) return apiError(c, 404, 'Customer not found');

    const now = options.now();
    const clock = dataClock(options.seed, now);
    const windowMs = windowSize === 'hour' ? HOUR_MS : DAY_MS;
    const invoices = overlappingInvoices(customerId, clock, now, { from, to, status, creditTypeId, sort });
    // Counting windows is cheap; only the page's invoices are rated.
    const counts = invoices.map((invoice) => windowsOf(invoice, windowMs, from, to, now));
    const slots = counts.flatMap((windows, i) => windows.map((w) => ({ start: w.start, invoice: i })));
    const fp = fingerprint(['breakdowns', customerId, windowSize, sort, status, creditTypeId, from, to]);
    const offset = decodeCursor(c.req.query('next_page'), fp, slots.length);
    const result = page(slots, offset, limit, WINDOWS_PER_PAGE[windowSize], fp);
    const onPage = new Set(result.items.map((s) => `${s.invoice}:${s.start.getTime()}`));
    const items = [...new Set(result.items.map((s) => s.invoice))].flatMap((i) =>
      breakdownItems(invoices[i]!, clock, windowMs, from, to, now).filter((item) => onPage.has(`${i}:${item.start.getTime()}`)),
    );
    return c.json({ data: items.map((item) => itemJson(item, skipZero, true)), next_page: result.next_page });
  });

  app.post('/v1/customers/:customer_id/invoices/spend-breakdowns', async (c) => {
    const includeListPrices = parseBoolean('include_list_prices', c.req.query('include_list_prices')) ?? false;
    const payload = await specBody<SpendPayload>(c, SPEND_PATH);
    const windowSize = (payload.window_size?.toLowerCase() ?? 'day') as 'day' | 'none';
    const { from, to } = range(Date.parse(payload.starting_on), Date.parse(payload.ending_before));
    const customerId = pathCustomer(c);
    if (!customerId) return apiError(c, 404, 'Customer not found');
    const now = options.now();
    const grouping = spendGrouping(payload, customerId, now);

    const clock = dataClock(options.seed, now);
    const sort = payload.sort ?? 'date_asc';
    const creditTypeId = payload.credit_type_id?.toLowerCase();
    const invoices = overlappingInvoices(customerId, clock, now, { from, to, creditTypeId, sort });
    const windows: TimeWindow[][] = invoices.map((invoice) => (windowSize === 'day' ? windowsOf(invoice, DAY_MS, from, to, now) : wholeWindow(invoice, from, to)));
    const slots = windows.flatMap((list, i) => list.map((w) => ({ start: w.start, window: w, invoice: i })));
    const { limit: _limit, next_page: cursor, ...identity } = payload;
    const fp = fingerprint(['spend-breakdowns', customerId, includeListPrices, identity, grouping.keys ?? null]);
    const offset = decodeCursor(cursor, fp, slots.length);
    // "For daily and none breakdowns, the response can return up to 35 days worth of breakdowns."
    const result = page(slots, offset, payload.limit ?? 100, windowSize === 'day' ? WINDOWS_PER_PAGE.day : Infinity, fp);
    const items = [...new Set(result.items.map((s) => s.invoice))].flatMap((i) =>
      spendItems(invoices[i]!, clock, result.items.filter((s) => s.invoice === i).map((s) => s.window), grouping),
    );
    return c.json({ data: items.map((item) => itemJson(item, payload.skip_zero_qty_line_items ?? false, false, includeListPrices)), next_page: result.next_page });
  });

  return app;
}

/**
 * window_size none: one window per invoice, its period clipped to the query range at whole hours
 * (usage is hourly), so the window never starts before starting_on nor ends after ending_before.
 */
function wholeWindow(invoice: InvoiceModel, from: number, to: number): TimeWindow[] {
  const start = Math.max(invoice.start.getTime(), Math.ceil(from / HOUR_MS) * HOUR_MS);
  const end = Math.min(invoice.end.getTime(), Math.floor(to / HOUR_MS) * HOUR_MS);
  return start < end ? [{ start: new Date(start), end: new Date(end) }] : [];
}
