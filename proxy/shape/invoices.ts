import type { InvoiceDetailResponse, InvoiceLineItem, InvoiceProductGroup, InvoiceSummary } from '../../contract/index.ts';
import type { Invoice, InvoiceLine } from '../metronome/types.ts';
import { fromMicros, type Micros, toMicros } from '../money.ts';
import { iso } from '../time.ts';
import { lineKind } from './lines.ts';
import { paymentOf } from './payments.ts';

/** Pure shaping of Metronome invoices for /api/invoices and /api/invoices/:id. */

const TYPES: Record<string, InvoiceSummary['type']> = { USAGE: 'usage', USAGE_CONSOLIDATED: 'usage', SCHEDULED: 'scheduled', TRUEUP: 'trueup' };

/** usage, scheduled or trueup; a type Metronome adds later is read as usage, which is what it bills unless told otherwise. */
export const invoiceType = (invoice: Invoice): InvoiceSummary['type'] => TYPES[invoice.type?.toUpperCase()] ?? 'usage';

/** Contract names by lower-case id, from Metronome's contracts list; unnamed contracts are left out. */
export const contractNames = (contracts: ReadonlyArray<{ id: string; name?: string | null }>): ReadonlyMap<string, string> =>
  new Map(contracts.flatMap((c) => (c.name?.trim() ? [[c.id.toLowerCase(), c.name.trim()] as const] : [])));

export function summarise(invoice: Invoice, names: ReadonlyMap<string, string> = new Map()): InvoiceSummary {
  const { charges, applied } = amountsOf(invoice);
  return {
    id: invoice.id,
    status: invoice.status.toLowerCase() as InvoiceSummary['status'],
    type: invoiceType(invoice),
    contract_id: invoice.contract_id ?? null,
    contract_name: (invoice.contract_id && names.get(invoice.contract_id.toLowerCase())) || null,
    credit_type: { id: invoice.credit_type.id, name: invoice.credit_type.name },
    period: periodOf(invoice),
    issued_at: invoice.issued_at ? isoOrEmpty(invoice.issued_at) : null,
    charges: fromMicros(charges),
    applied: fromMicros(applied),
    total: fromMicros(toMicros(invoice.total)),
    payment: paymentOf(invoice),
  };
}

/** Charges before commits and credits (every line but applications) and what commits and credits paid, exact, in micros. */
export function amountsOf(invoice: Invoice): { charges: Micros; applied: Micros } {
  let charges = 0;
  let applied = 0;
  for (const line of invoice.line_items ?? []) {
    if (lineKind(line) === 'application') applied += toMicros(line.total);
    else charges += toMicros(line.total);
  }
  return { charges, applied };
}

/**
 * Metronome's period, unless it dates the invoice at a point (start = end: commit purchases,
 * scheduled charges, true-ups), which read as a backwards period ("Sep 1 – Aug 31"): then the span the
 * lines cover when they cover one (a true-up's postpaid segment), else the point, start = end.
 */
export function periodOf(invoice: Invoice): InvoiceSummary['period'] {
  const start = Date.parse(invoice.start_timestamp ?? '');
  if (!(start < Date.parse(invoice.end_timestamp ?? '')) && Number.isFinite(start)) {
    let [from, to] = [Infinity, -Infinity];
    for (const line of invoice.line_items ?? []) {
      const [lineFrom, lineTo] = [Date.parse(line.starting_at ?? ''), Date.parse(line.ending_before ?? '')];
      if (lineFrom < lineTo) [from, to] = [Math.min(from, lineFrom), Math.max(to, lineTo)];
    }
    return from < to ? { starting_on: iso(from), ending_before: iso(to) } : { starting_on: iso(start), ending_before: iso(start) };
  }
  return { starting_on: isoOrEmpty(invoice.start_timestamp), ending_before: isoOrEmpty(invoice.end_timestamp) };
}

const isoOrEmpty = (value: string | null | undefined): string => (value ? iso(Date.parse(value)) : '');

/** Newest first: by issue date, a draft (not issued yet) by the end of its period; then by period start. */
export function newestFirst(a: Invoice, b: Invoice): number {
  const issued = (i: Invoice) => Date.parse(i.issued_at ?? i.end_timestamp ?? i.start_timestamp ?? '') || 0;
  const start = (i: Invoice) => Date.parse(i.start_timestamp ?? '') || 0;
  return issued(b) - issued(a) || start(b) - start(a) || a.id.localeCompare(b.id);
}

const num = (value: number | string | null | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

export function tierOf(line: InvoiceLine): InvoiceLineItem['tier'] {
  const level = num(line.tier?.level);
  if (!line.tier || level === null) return null;
  return { level, starting_at: num(line.tier.starting_at) ?? 0, size: num(line.tier.size) };
}

export function shapeLine(line: InvoiceLine): InvoiceLineItem {
  const kind = lineKind(line);
  return {
    kind: kind === 'excluded' ? 'other' : kind,
    name: line.name,
    presentation_group_values: line.presentation_group_values ?? null,
    quantity: line.quantity ?? null,
    unit_price: line.unit_price ?? null,
    total: fromMicros(toMicros(line.total)),
    tier: tierOf(line),
    period: line.starting_at && line.ending_before ? { starting_on: isoOrEmpty(line.starting_at), ending_before: isoOrEmpty(line.ending_before) } : null,
    commit_id: line.commit_id ?? line.applied_commit_or_credit?.id ?? null,
  };
}

/** A zero-quantity usage line (a product or tier with nothing metered); applications and others always stay. */
export const isZeroUsage = (line: InvoiceLine): boolean => lineKind(line) === 'usage' && line.quantity != null && toMicros(line.quantity) === 0;

/**
 * Lines grouped by product id (a line without one by its name), groups in the order the invoice first
 * lists them. Application lines carry the usage product's id, so they sit under what they paid for.
 * The group is named after its first usage line, else its first line.
 */
export function shapeDetail(invoice: Invoice, showZeroUsage: boolean, names?: ReadonlyMap<string, string>): InvoiceDetailResponse {
  const groups = new Map<string, { group: InvoiceProductGroup; micros: number; named: boolean }>();
  for (const line of invoice.line_items ?? []) {
    if (!showZeroUsage && isZeroUsage(line)) continue;
    const key = line.product_id?.toLowerCase() ?? `name:${line.name}`;
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { group: { product_id: line.product_id ?? null, name: line.name, lines: [], total: 0 }, micros: 0, named: false }));
    const shaped = shapeLine(line);
    if (!entry.named && shaped.kind === 'usage') {
      entry.group.name = line.name;
      entry.named = true;
    }
    entry.group.lines.push(shaped);
    entry.micros += toMicros(line.total);
  }
  const products = [...groups.values()].map(({ group, micros }) => ({ ...group, total: fromMicros(micros) }));
  return { invoice: summarise(invoice, names), products };
}
