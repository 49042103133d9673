import type { CreditType, Invoice, InvoiceLine } from './metronome.ts';
import { MISSING_GROUP_VALUE } from '../contract/index.ts';

/**
 * Reading Metronome invoice lines as spend. Pure, shared by /api/spend and /api/spend/summary.
 *
 * Amounts are fractional units (0.4 of a cent, 1.75825 cents), and adding thousands of them as
 * binary floats leaves 1e-13 noise that would make `net = total + credits_applied` false. So every
 * amount is added as an integer number of millionths of its unit ("micros") and turned back into a
 * number only when answering. Metronome's amounts carry at most a few decimals; anything finer than
 * a millionth of a unit is rounded to it.
 */

export type Micros = number;
const MICROS = 1_000_000;
export const toMicros = (value: number | null | undefined): Micros => (Number.isFinite(value) ? Math.round(value! * MICROS) : 0);
export const fromMicros = (micros: Micros): number => micros / MICROS;

/** Metronome's USD (cents) credit type: the same id in every Metronome account. */
export const USD_CENTS: CreditType = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };

export type LineKind = 'usage' | 'application' | 'excluded';

/** Line types that buy something rather than measure usage: commit purchases and scheduled charges. */
const NOT_USAGE_TYPES = new Set(['scheduled', 'commit_purchase']);

/**
 * What a line is, robustly. Real application lines (a commit or credit paying for usage) are negative
 * and often lack `type`, `applied_commit_or_credit`, quantity, unit price and group values, while
 * carrying the usage product's id plus commit_id / commit_segment_id; so a negative total alone is
 * enough. Without a negative total, commit markers on a line with no quantity and no price still make
 * it an application.
 * Scheduled charges and commit purchases (a FIXED product paid for with commit_id) are not usage spend.
 */
export function lineKind(line: InvoiceLine): LineKind {
  const type = line.type?.toLowerCase();
  if (type && NOT_USAGE_TYPES.has(type)) return 'excluded';
  if (type === 'applied_commit_or_credit' || line.applied_commit_or_credit) return 'application';
  const total = toMicros(line.total);
  if (line.product_type === 'FixedProductListItem' && total >= 0 && line.commit_id) return 'excluded';
  if (total < 0) return 'application';
  // An upstream that splits an application across windows by difference can show one window of it
  // positive; commit markers without quantity or price still say it is not usage.
  if ((line.commit_id || line.commit_segment_id) && line.quantity == null && line.unit_price == null) return 'application';
  return 'usage';
}

/** Void invoices never count, and SCHEDULED invoices only sell commits: neither is usage spend. */
export const countsAsSpend = (invoice: Invoice): boolean => invoice.status?.toUpperCase() !== 'VOID' && invoice.type?.toUpperCase() !== 'SCHEDULED';


/** The group a usage line goes to: its product's name, or its value of a presentation group key. */
export function groupOf(line: InvoiceLine, groupBy: string): string {
  if (groupBy === 'product') return line.name || line.product_id || MISSING_GROUP_VALUE;
  const value = line.presentation_group_values?.[groupBy];
  return value == null || value === '' ? MISSING_GROUP_VALUE : value;
}

/** A line's credit type is its own when given (a conversion line may differ), else its invoice's. */
export const creditTypeOf = (line: InvoiceLine, invoice: Invoice): CreditType => line.credit_type ?? invoice.credit_type;

/** USD (cents) first, as the currency the customer pays in; custom pricing units after it by name. */
export function compareCreditTypes(a: CreditType, b: CreditType): number {
  const usd = (t: CreditType) => (t.id.toLowerCase() === USD_CENTS.id ? 0 : 1);
  return usd(a) - usd(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** Gross usage spend and credits applied of some invoices (or breakdown windows), per credit type. */
export interface SpendTotals {
  credit_type: CreditType;
  spend: Micros;
  credits: Micros;
}

export function totalsByCreditType(invoices: Invoice[]): Map<string, SpendTotals> {
  const totals = new Map<string, SpendTotals>();
  for (const invoice of invoices) {
    if (!countsAsSpend(invoice)) continue;
    for (const line of invoice.line_items ?? []) {
      const kind = lineKind(line);
      if (kind === 'excluded') continue;
      const creditType = creditTypeOf(line, invoice);
      const key = creditType.id.toLowerCase();
      let entry = totals.get(key);
      if (!entry) totals.set(key, (entry = { credit_type: { id: creditType.id, name: creditType.name }, spend: 0, credits: 0 }));
      if (kind === 'usage') entry.spend += toMicros(line.total);
      else entry.credits += toMicros(line.total);
    }
  }
  return totals;
}
