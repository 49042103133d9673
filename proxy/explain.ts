import type { InvoiceExplainLine } from '../contract/index.ts';
import type { InvoiceLine, Product, ProductState, RateJson, RateScheduleEntry, UsageAggregate } from './metronome.ts';
import { fromMicros, toMicros, type Micros } from './spend-lines.ts';

/** Pure rating arithmetic for /api/invoices/:id/explain, in integer millionths like spend-lines.ts. */

const MICROS = 1_000_000n;

/** quantity × price, both in micros, as micros rounded half away from zero (BigInt: the product overflows 2^53). */
export function multiplyMicros(quantity: Micros, price: Micros): Micros {
  const product = BigInt(quantity) * BigInt(price);
  const sign = product < 0n ? -1n : 1n;
  return Number((sign * (sign * product + MICROS / 2n)) / MICROS);
}

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
  const agrees = (e: RateScheduleEntry) => Object.entries(e.pricing_group_values ?? {}).every(([k, v]) => values[k] === v);
  return candidates.find((e) => Object.keys(e.pricing_group_values ?? {}).length > 0 && agrees(e)) ?? candidates.find((e) => !e.pricing_group_values || Object.keys(e.pricing_group_values).length === 0) ?? null;
}

const rateJson = (rate: RateJson) => ({
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
    starting_at: new Date(entry.starting_at).toISOString(),
    ending_before: entry.ending_before ? new Date(entry.ending_before).toISOString() : null,
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
  const compare = (price: number | null, total: Micros) => {
    const difference = toMicros(line.total) - total;
    return { price, total: fromMicros(total), matches: difference === 0, difference: fromMicros(difference) };
  };
  if (rate.rate_type === 'FLAT') {
    if (rate.price == null) return { computed: null, problem: 'The flat rate has no price.' };
    return { computed: compare(rate.price, multiplyMicros(quantity, toMicros(rate.price))), problem: null };
  }
  if (rate.rate_type !== 'TIERED' || !rate.tiers?.length) return { computed: null, problem: `A ${rate.rate_type} rate is not explained here.` };
  if (tier) {
    const chosen = rate.tiers[tier.level - 1];
    if (!chosen) return { computed: null, problem: `The rate has no tier ${tier.level}.` };
    const start = rate.tiers.slice(0, tier.level - 1).reduce((sum, t) => sum + toMicros(t.size ?? 0), 0);
    if (start !== toMicros(tier.starting_at)) return { computed: null, problem: `Tier ${tier.level} starts at ${fromMicros(start)} in the rate but ${tier.starting_at} on the line.` };
    if (chosen.size != null && quantity > toMicros(chosen.size)) return { computed: null, problem: `The line's quantity is more than tier ${tier.level}'s size.` };
    return { computed: compare(chosen.price, multiplyMicros(quantity, toMicros(chosen.price))), problem: null };
  }
  let start = 0;
  let total = 0;
  for (const t of rate.tiers) {
    const end = t.size == null ? Infinity : start + toMicros(t.size);
    total += multiplyMicros(Math.max(0, Math.min(quantity, end) - start), toMicros(t.price));
    start = end;
  }
  return { computed: compare(null, total), problem: null };
}

/** Summed usage of the rows whose group values equal the line's (a missing value matches null). */
export function meteredRaw(rows: UsageAggregate[], keys: string[], values: Record<string, string | null> | null): number {
  let sum = 0;
  for (const row of rows) {
    const same = keys.every((key) => {
      const value = row.group?.[key] ?? (keys.length === 1 && row.group_key === key ? row.group_value : null) ?? null;
      return value === (values?.[key] ?? null);
    });
    if (same) sum += toMicros(row.value ?? 0);
  }
  return fromMicros(sum);
}
