import type { InvoiceExplainLine } from '../../contract/index.ts';
import { multiplyRounded } from '../../contract/money.ts';
import type { Invoice, InvoiceLine, Product, ProductState, Rate, RateScheduleEntry, UsageAggregate, UsageGroupsQuery } from '../metronome/types.ts';
import { fromMicros, toMicros, type Micros } from '../money.ts';
import { iso } from '../time.ts';
import { tierOf } from './invoices.ts';
import { own } from './own.ts';

/** Pure rating arithmetic for /api/invoices/:id/explain, in integer millionths (money.ts). */

/** Raw metered usage in the product's priced unit: its conversion, then its rounding. */
export function convertQuantity(raw: number, state: Pick<ProductState, 'quantity_conversion' | 'quantity_rounding'>): Micros {
  let quantity = toMicros(raw);
  const conversion = state.quantity_conversion;
  if (conversion && conversion.conversion_factor > 0) {
    const factor = conversion.conversion_factor;
    const divide = conversion.operation.toUpperCase() === 'DIVIDE';
    if (Number.isInteger(factor)) {
      const f = BigInt(factor);
      const q = BigInt(quantity);
      // Half up on the exact quotient, so 1 GB-hour ÷ 730 is 0.00137 GB-month, not float noise.
      quantity = divide ? Number((q * 2n + (q < 0n ? -f : f)) / (2n * f)) : Number(q * f);
    } else quantity = Math.round(divide ? quantity / factor : quantity * factor);
  }
  const rounding = state.quantity_rounding;
  if (rounding) {
    const step = 10 ** (6 - Math.min(6, Math.max(0, Math.floor(rounding.decimal_places))));
    const units = quantity / step;
    const method = rounding.rounding_method.toUpperCase();
    const rounded = method === 'ROUND_UP' ? Math.ceil(units) : method === 'ROUND_DOWN' ? Math.floor(units) : Math.floor(units + 0.5);
    quantity = rounded * step;
  }
  return quantity;
}

/** The product as it was at `at`: its initial state with every update that started by then applied in order. */
export function productStateAt(product: Product, at: number): ProductState {
  let state: ProductState = { ...product.initial };
  const updates = [...(product.updates ?? [])].filter((u) => !u.starting_at || Date.parse(u.starting_at) <= at);
  updates.sort((a, b) => (Date.parse(a.starting_at ?? '') || 0) - (Date.parse(b.starting_at ?? '') || 0));
  for (const update of updates) {
    const defined = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
    state = { ...state, ...defined };
  }
  return state;
}

/**
 * The schedule entry for a line: the product's usage rate (no billing frequency) in force at `at`,
 * preferring one whose pricing group values all agree with the line's group values.
 */
export function pickRate(entries: RateScheduleEntry[], line: InvoiceLine, at: number): RateScheduleEntry | null {
  const product = line.product_id?.toLowerCase();
  const candidates = entries.filter(
    (e) =>
      e.product_id.toLowerCase() === product &&
      !e.billing_frequency &&
      Date.parse(e.starting_at) <= at &&
      (!e.ending_before || at < Date.parse(e.ending_before)),
  );
  const values = line.presentation_group_values ?? {};
  const agrees = (e: RateScheduleEntry) => Object.entries(e.pricing_group_values ?? {}).every(([k, v]) => own(values, k) === v);
  return candidates.find((e) => Object.keys(e.pricing_group_values ?? {}).length > 0 && agrees(e)) ?? candidates.find((e) => !e.pricing_group_values || Object.keys(e.pricing_group_values).length === 0) ?? null;
}

const rateJson = (rate: Rate) => ({
  rate_type: rate.rate_type.toUpperCase(),
  price: rate.price ?? null,
  tiers: rate.tiers ? rate.tiers.map((t) => ({ size: t.size ?? null, price: t.price })) : null,
});

export type ExplainedRate = NonNullable<InvoiceExplainLine['rate']>;

/** The rate Metronome charges: the contract's override where the schedule has one, else the list rate. */
export function effectiveRate(entry: RateScheduleEntry): ExplainedRate {
  const override = entry.override_rate ?? null;
  return {
    source: override ? 'override' : 'list',
    ...rateJson(override ?? entry.list_rate),
    starting_at: iso(Date.parse(entry.starting_at)),
    ending_before: entry.ending_before ? iso(Date.parse(entry.ending_before)) : null,
    commit_rate: entry.commit_rate ? rateJson(entry.commit_rate) : null,
  };
}

/**
 * The line's total recomputed from the rate: quantity × price for a flat rate; for a tiered line
 * (Metronome bills one line per tier reached) the line's quantity × its tier's price, after checking
 * the tier starts where the rate's earlier tiers end; a tiered rate on a line without tier metadata
 * is rated across the tiers from zero.
 */
export function computeTotal(line: InvoiceLine, rate: ExplainedRate, tier: InvoiceExplainLine['tier']): { computed: InvoiceExplainLine['computed']; problem: string | null } {
  const quantity = toMicros(line.quantity);
  // quantity × price on their exact decimals (a price of 0.0000075 cents keeps its last digit), to the micro.
  const rated = (price: number) => toMicros(multiplyRounded(line.quantity ?? 0, price, 6));
  const compare = (price: number | null, total: Micros) => {
    const difference = toMicros(line.total) - total;
    return { price, total: fromMicros(total), matches: difference === 0, difference: fromMicros(difference) };
  };
  if (rate.rate_type === 'FLAT') {
    if (rate.price == null) return { computed: null, problem: 'The flat rate has no price.' };
    return { computed: compare(rate.price, rated(rate.price)), problem: null };
  }
  if (rate.rate_type !== 'TIERED' || !rate.tiers?.length) return { computed: null, problem: `A ${rate.rate_type} rate is not explained here.` };
  if (tier) {
    const chosen = rate.tiers[tier.level - 1];
    if (!chosen) return { computed: null, problem: `The rate has no tier ${tier.level}.` };
    const start = rate.tiers.slice(0, tier.level - 1).reduce((sum, t) => sum + toMicros(t.size ?? 0), 0);
    if (start !== toMicros(tier.starting_at)) return { computed: null, problem: `Tier ${tier.level} starts at ${fromMicros(start)} in the rate but ${tier.starting_at} on the line.` };
    if (chosen.size != null && quantity > toMicros(chosen.size)) return { computed: null, problem: `The line's quantity is more than tier ${tier.level}'s size.` };
    return { computed: compare(chosen.price, rated(chosen.price)), problem: null };
  }
  let start = 0;
  let total = 0;
  for (const t of rate.tiers) {
    const end = t.size == null ? Infinity : start + toMicros(t.size);
    total += toMicros(multiplyRounded(fromMicros(Math.max(0, Math.min(quantity, end) - start)), t.price, 6));
    start = end;
  }
  return { computed: compare(null, total), problem: null };
}

/** Summed usage of the rows whose group values equal the line's (a missing value matches null). */
export function meteredRaw(rows: UsageAggregate[], keys: string[], values: Record<string, string | null> | null): number {
  let sum = 0;
  for (const row of rows) {
    const same = keys.every((key) => {
      const value = own(row.group, key) ?? (keys.length === 1 && row.group_key === key ? row.group_value : null) ?? null;
      return value === (own(values, key) ?? null);
    });
    if (same) sum += toMicros(row.value ?? 0);
  }
  return fromMicros(sum);
}

/** A usage query for the customer of the invoice (the client adds the customer). */
export type MeteredUsageLoader = (query: Omit<UsageGroupsQuery, 'customer_id'>) => Promise<UsageAggregate[]>;

/**
 * One usage line explained from what Metronome said of its product and rate schedule: the rate, the
 * product's conversion and rounding, the recomputed total, and (when `meteredUsage` is given, for a
 * draft) the metered usage the line should come from. What is missing is said in `problems`.
 */
export async function explainLine(input: {
  line: InvoiceLine;
  invoice: Pick<Invoice, 'start_timestamp' | 'end_timestamp'>;
  /** The invoice's explained lines, for the sum of a tiered product's lines. */
  lines: InvoiceLine[];
  product: Product | null;
  schedule: RateScheduleEntry[] | null;
  hasContract: boolean;
  meteredUsage: MeteredUsageLoader | null;
}): Promise<InvoiceExplainLine> {
  const { line, invoice, lines, product, schedule } = input;
  const problems: string[] = [];
  const { start, end } = linePeriod(line, invoice);
  const tier = tierOf(line);
  const state = product ? productStateAt(product, Date.parse(start)) : null;
  if (!product) problems.push('Metronome has no such product.');

  let rate: InvoiceExplainLine['rate'] = null;
  if (!input.hasContract) problems.push('The invoice has no contract, so no rate schedule.');
  else if (!schedule) problems.push("Metronome has no rate schedule for the invoice's contract.");
  else {
    const entry = pickRate(schedule, line, Date.parse(start));
    if (entry) rate = effectiveRate(entry);
    else problems.push("The rate schedule has no usage rate for the product at the line's period start.");
  }
  let computed: InvoiceExplainLine['computed'] = null;
  if (rate) {
    const result = computeTotal(line, rate, tier);
    computed = result.computed;
    if (result.problem) problems.push(result.problem);
  }

  let usage: InvoiceExplainLine['usage'] = null;
  if (input.meteredUsage && state) {
    const metered = meteredUsageQuery(line, state, { start, end });
    if (!metered) problems.push('The product has no billable metric.');
    else {
      const raw = meteredRaw(await input.meteredUsage(metered.query), metered.keys, line.presentation_group_values ?? null);
      const quantity = convertQuantity(raw, state);
      const product = line.product_id!.toLowerCase();
      // A tiered product's usage is split across its tier lines: compare with their sum.
      const invoiced = tier
        ? lines
            .filter((l) => l.product_id?.toLowerCase() === product && linePeriod(l, invoice).start === start && tierOf(l))
            .reduce((sum, l) => sum + toMicros(l.quantity), 0)
        : toMicros(line.quantity);
      usage = { metered_raw: raw, metered_quantity: fromMicros(quantity), invoiced_quantity: fromMicros(invoiced), matches: quantity === invoiced, difference: fromMicros(invoiced - quantity) };
    }
  }

  return {
    product_id: line.product_id ?? null,
    name: line.name,
    presentation_group_values: line.presentation_group_values ?? null,
    period: { starting_on: start, ending_before: end },
    quantity: line.quantity ?? 0,
    unit_price: line.unit_price ?? null,
    tier,
    total: fromMicros(toMicros(line.total)),
    rate,
    product: state
      ? {
          billable_metric_id: state.billable_metric_id ?? null,
          quantity_conversion: state.quantity_conversion ?? null,
          quantity_rounding: state.quantity_rounding ?? null,
          presentation_group_key: state.presentation_group_key ?? null,
        }
      : null,
    computed,
    usage,
    problems,
  };
}

/** The line's period, from its own stamps or else its invoice's, in the proxy's ISO form. */
export const linePeriod = (line: InvoiceLine, invoice: Pick<Invoice, 'start_timestamp' | 'end_timestamp'>) => ({
  start: iso(Date.parse(line.starting_at ?? invoice.start_timestamp ?? '')),
  end: iso(Date.parse(line.ending_before ?? invoice.end_timestamp ?? '')),
});

/** The usage query that tells what a draft line should have been: its metric over its period, grouped like the line. */
function meteredUsageQuery(line: InvoiceLine, state: ProductState, period: { start: string; end: string }) {
  if (!state.billable_metric_id) return null;
  const keys = line.presentation_group_values ? (state.presentation_group_key ?? []) : [];
  const filters = Object.fromEntries(keys.flatMap((k) => {
    const value = own(line.presentation_group_values, k);
    return value == null ? [] : [[k, [value]]];
  }));
  return {
    keys,
    query: {
      billable_metric_id: state.billable_metric_id,
      window_size: 'none' as const,
      starting_on: period.start,
      ending_before: period.end,
      ...(keys.length ? { group_key: keys } : {}),
      ...(Object.keys(filters).length ? { group_filters: filters } : {}),
    },
  };
}
