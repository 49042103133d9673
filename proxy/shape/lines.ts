import { MISSING_GROUP_VALUE } from '../../contract/index.ts';
import type { CreditType, Invoice, InvoiceLine } from '../metronome/types.ts';
import { toMicros, type Micros } from '../money.ts';
import { own } from './own.ts';

/** Reading Metronome invoice lines as spend. Pure, shared by spend, balances and invoices. */

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
  const value = own(line.presentation_group_values, groupBy);
  return value == null || value === '' ? MISSING_GROUP_VALUE : value;
}

/** A line's credit type is its own when given (a conversion line may differ), else its invoice's. */
export const creditTypeOf = (line: InvoiceLine, invoice: Invoice): CreditType => line.credit_type ?? invoice.credit_type;

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
