// Pure rating: raw usage → quantity (conversion, rounding) → charge lines (flat or tiered), and the
// burn-down of commits and credits over charges. Everything is in micros (money.ts).
import { divideToMicros, type Micros, multiplyMicros, roundMicros, toMicros } from './money.ts';
import type { CommitDef, ProductDef, RateDef, SegmentDef } from './world.ts';

export type GroupValues = Readonly<Record<string, string | null>>;

export interface ChargeLine {
  readonly product_id: string;
  /** Presentation group values of the line; null when the product's lines are not split. */
  readonly group: GroupValues | null;
  /** The pricing group values of the line's rate, for a product priced by group (dimensional pricing). */
  readonly pricing?: Readonly<Record<string, string>>;
  /** For tiered rates: which tier the line's quantity fell in. */
  readonly tier?: { readonly level: number; readonly starting_at: number; readonly size?: number };
  readonly quantity: Micros;
  readonly unit_price: Micros;
  readonly total: Micros;
}

/** Raw usage (an integer sum of events) in the product's priced unit. */
export function convertQuantity(product: ProductDef, raw: number): Micros {
  const conversion = product.quantity_conversion;
  let quantity: Micros =
    !conversion ? raw * 1_000_000
    : conversion.operation === 'DIVIDE' ? divideToMicros(raw, conversion.conversion_factor)
    : Math.round(raw * conversion.conversion_factor * 1_000_000);
  if (product.quantity_rounding) {
    quantity = roundMicros(quantity, product.quantity_rounding.decimal_places, product.quantity_rounding.rounding_method);
  }
  return quantity;
}

/**
 * Rates one product's usage. A flat rate gives one line per group; a tiered rate gives one line per
 * tier reached, applied to the product's whole quantity (tiers do not restart per group).
 */
export function rateUsage(product: ProductDef, rate: RateDef, groups: ReadonlyArray<{ group: GroupValues | null; raw: number }>): ChargeLine[] {
  const pricing = rate.pricing_group_values ? { pricing: rate.pricing_group_values } : {};
  if (rate.rate_type === 'FLAT') {
    const price = toMicros(rate.price);
    return groups.map(({ group, raw }) => {
      const quantity = convertQuantity(product, raw);
      return { product_id: product.id, group, ...pricing, quantity, unit_price: price, total: multiplyMicros(quantity, price) };
    });
  }
  const quantity = convertQuantity(product, groups.reduce((sum, g) => sum + g.raw, 0));
  return tierLines(product.id, rate.tiers, quantity).map((line) => ({ ...line, ...pricing }));
}

function tierLines(productId: string, tiers: ReadonlyArray<{ size?: number; price: number }>, quantity: Micros): ChargeLine[] {
  const lines: ChargeLine[] = [];
  let start: Micros = 0;
  tiers.forEach((tier, index) => {
    const end = tier.size === undefined ? Infinity : start + toMicros(tier.size);
    const inTier = Math.max(0, Math.min(quantity, end) - start);
    // The first tier always appears, so a period without usage still shows what it would cost.
    if (inTier > 0 || index === 0) {
      const price = toMicros(tier.price);
      lines.push({
        product_id: productId,
        group: null,
        tier: { level: index + 1, starting_at: start / 1_000_000, ...(tier.size === undefined ? {} : { size: tier.size }) },
        quantity: inTier,
        unit_price: price,
        total: multiplyMicros(inTier, price),
      });
    }
    start = end;
  });
  return lines;
}

export interface PoolEntry {
  readonly commit: CommitDef;
  readonly segment: SegmentDef;
  /** What is left on the segment before this invoice. */
  readonly available: Micros;
}

export interface Application {
  readonly commit: CommitDef;
  readonly segment: SegmentDef;
  readonly product_id: string;
  /** The amount the segment pays (positive). */
  readonly amount: Micros;
}

/** Burn order: lower priority first, then the segment that expires first, then a stable id order. */
export function burnOrder(a: PoolEntry, b: PoolEntry): number {
  return (
    a.commit.priority - b.commit.priority ||
    a.segment.ending_before.getTime() - b.segment.ending_before.getTime() ||
    a.segment.id.localeCompare(b.segment.id)
  );
}

/** Pays charges (per product, in the pool's credit type) from the pool in burn order. */
export function burnDown(chargesByProduct: ReadonlyMap<string, Micros>, pool: ReadonlyArray<PoolEntry>): Application[] {
  const remaining = new Map(chargesByProduct);
  const applications: Application[] = [];
  for (const entry of [...pool].sort(burnOrder)) {
    let available = entry.available;
    for (const [productId, owed] of remaining) {
      if (available <= 0) break;
      if (owed <= 0) continue;
      if (entry.commit.applicable_product_ids && !entry.commit.applicable_product_ids.includes(productId)) continue;
      const amount = Math.min(owed, available);
      applications.push({ commit: entry.commit, segment: entry.segment, product_id: productId, amount });
      remaining.set(productId, owed - amount);
      available -= amount;
    }
  }
  return applications;
}
