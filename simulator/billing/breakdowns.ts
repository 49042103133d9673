// Invoices cut into time windows. Breakdowns show a USAGE invoice's own lines per window, commit
// and credit applications included (windows.ts makes them add up to the invoice). Spend breakdowns
// show only the charges, optionally regrouped by any event property: a regrouped product's window
// is rated exactly as the breakdown rates it, then split among the groups in proportion to their
// usage, so spend and breakdowns agree to the micro whatever the grouping.
import { type DataClock, HOUR_MS } from '../data.ts';
import { applicationLine, chargeLine, type InvoiceLine, type InvoiceModel } from './invoices.ts';
import type { Micros } from './money.ts';
import { type ChargeLine, type GroupValues, rateUsage } from './rating.ts';
import { cumulativeUsage, type PricedProduct, pricedProducts, seriesByGroup, type Statement } from './statements.ts';
import { chargeDifference, type StatementWindow, statementWindows } from './windows.ts';

export interface BreakdownItem {
  readonly invoice: InvoiceModel;
  readonly start: Date;
  readonly end: Date;
  readonly lines: ReadonlyArray<InvoiceLine>;
}

export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

// Paging through a long range asks for the same statements again and again; rating them once per
// (statement, clock hour, window size) keeps a 90-day hourly walk fast.
const windowCache = new Map<string, ReadonlyArray<StatementWindow>>();

function cachedWindows(statement: Statement, clock: DataClock, windowMs: number): ReadonlyArray<StatementWindow> {
  const key = `${statement.id}:${clock.seed}:${clock.nowHour}:${windowMs}`;
  let windows = windowCache.get(key);
  if (!windows) {
    if (windowCache.size > 32) windowCache.clear();
    windows = statementWindows(statement, clock, windowMs);
    windowCache.set(key, windows);
  }
  return windows;
}

/**
 * Windows of a USAGE invoice's period (aligned to the period start, the last one clipped to its
 * end) that lie inside [from, to) and have started by `now`: later windows of a draft would be empty.
 */
export function windowsOf(invoice: InvoiceModel, windowMs: number, from: number, to: number, now: Date): TimeWindow[] {
  const { start, end } = invoice.statement!.period;
  const windows: TimeWindow[] = [];
  for (let t = start.getTime(); t < end.getTime() && t < now.getTime(); t += windowMs) {
    const next = Math.min(t + windowMs, end.getTime());
    if (t >= from && next <= to) windows.push({ start: new Date(t), end: new Date(next) });
  }
  return windows;
}

/** The invoice's lines within each window of windowsOf(): charges, then applications. */
export function breakdownItems(invoice: InvoiceModel, clock: DataClock, windowMs: number, from: number, to: number, now: Date): BreakdownItem[] {
  const statement = invoice.statement!;
  const wanted = new Set(windowsOf(invoice, windowMs, from, to, now).map((w) => w.start.getTime()));
  return cachedWindows(statement, clock, windowMs)
    .filter((w) => wanted.has(w.start.getTime()))
    .map((w) => ({
      invoice,
      start: w.start,
      end: w.end,
      lines: [
        ...w.charges.map((charge) => chargeLine(statement, charge, w.start, w.end)),
        ...w.applications.map((application) => applicationLine(statement, application, w.start, w.end)),
      ],
    }));
}

export interface SpendGrouping {
  /** Requested group keys; undefined = the products' own presentation groups. */
  readonly keys?: ReadonlyArray<string>;
  /** key → values to keep; an empty list keeps every value. */
  readonly filters?: Readonly<Record<string, ReadonlyArray<string>>>;
}

/**
 * Whether Metronome honours group_keys for a product. The spec: "The value will be ignored and the
 * default keys will be used if: billable metric is MAX type; product uses tiered pricing model;
 * product has quantity rounding enabled". The split below would work for tiered rates too, but the
 * simulator must not show groupings the real API never returns.
 */
export const regroupable = (priced: PricedProduct): boolean =>
  priced.rate.rate_type === 'FLAT' && !priced.product.quantity_rounding && (priced.metric.aggregation_type as string) !== 'MAX';

/**
 * Splits `total` among weights with the largest-remainder rule, in whole micros: every share is
 * floor(total × weight / sum), and the units left over go to the largest remainders (ties to the
 * earlier group). The shares always add up to `total`. Without any weight, groups share equally.
 */
export function allocate(total: Micros, weights: ReadonlyArray<number>): Micros[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = sum > 0 ? weights.map((x) => BigInt(x)) : weights.map(() => 1n);
  const whole = w.reduce((a, b) => a + b, 0n);
  const magnitude = BigInt(Math.abs(total));
  const shares = w.map((x) => (magnitude * x) / whole);
  const order = w
    .map((x, i) => ({ i, remainder: (magnitude * x) % whole }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  let left = magnitude - shares.reduce((a, b) => a + b, 0n);
  for (const { i } of order) {
    if (left === 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares.map((share) => (total < 0 ? -Number(share) : Number(share)));
}

const passes = (group: GroupValues, filters: SpendGrouping['filters']): boolean =>
  Object.entries(filters ?? {}).every(([key, values]) => {
    const value = group[key];
    return values.length === 0 || (value != null && values.includes(value));
  });

/** Spend (charges only, before commits and credits) of a USAGE invoice in each window. */
export function spendItems(invoice: InvoiceModel, clock: DataClock, windows: ReadonlyArray<TimeWindow>, grouping: SpendGrouping): BreakdownItem[] {
  const statement = invoice.statement!;
  const { start, end } = statement.period;
  const products = pricedProducts(statement.contract, statement.credit_type.id).map((priced) => {
    const regroup = grouping.keys !== undefined && regroupable(priced) ? seriesByGroup(priced.metric, grouping.keys, priced.series) : undefined;
    return {
      priced,
      prefixes: cumulativeUsage(clock, priced, start, end),
      regroup,
      regroupPrefixes: regroup && cumulativeUsage(clock, { ...priced, groups: regroup }, start, end),
    };
  });
  const hourOf = (date: Date) => Math.round((date.getTime() - start.getTime()) / HOUR_MS);

  return windows.map((window) => {
    const [from, to] = [hourOf(window.start), hourOf(window.end)];
    const charges: ChargeLine[] = products.flatMap(({ priced, prefixes, regroup, regroupPrefixes }) => {
      const rated = (hour: number) => rateUsage(priced.product, priced.rate, priced.groups.map(({ group }, g) => ({ group, raw: prefixes[g]![hour]! })));
      const lines = chargeDifference(rated(to), rated(from));
      if (!regroup || !regroupPrefixes) return lines;
      const weights = regroupPrefixes.map((prefix) => prefix[to]! - prefix[from]!);
      const totals = allocate(lines.reduce((sum, l) => sum + l.total, 0), weights);
      const quantities = allocate(lines.reduce((sum, l) => sum + l.quantity, 0), weights);
      const keyed = (grouping.keys ?? []).length > 0;
      return regroup
        .map(({ group }, g) => ({ ...lines[0]!, group: keyed ? group : null, quantity: quantities[g]!, total: totals[g]! }))
        .filter((_, g) => passes(regroup[g]!.group, grouping.filters));
    });
    return { invoice, start: window.start, end: window.end, lines: charges.map((charge) => chargeLine(statement, charge, window.start, window.end)) };
  });
}
