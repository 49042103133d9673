import type { BalanceAmounts, BalanceItem, BalanceLedgerEntry, BalancesResponse } from '../../contract/index.ts';
import type { BreakdownInvoice, CreditType, CustomerBalance, InvoiceLine } from '../metronome/types.ts';
import { compareCreditTypes, fromMicros, toMicros, USD_CENTS, type Micros } from '../money.ts';
import { DAY, iso, isoStamp, utcDayStart } from '../time.ts';
import { countsAsSpend, creditTypeOf, lineKind } from './lines.ts';

/**
 * Reading Metronome commits and credits (customerBalances/list) as /api/balances items. Pure.
 * Amounts are added in integer millionths of the unit (money.ts), so totals and running
 * balances are exact.
 */

/** The runway's burn rate averages the application lines of this many whole UTC days before today. */
export const BURN_DAYS = 30;

/**
 * Ledger types are matched by suffix, so that the PREPAID_COMMIT_, POSTPAID_COMMIT_ and CREDIT_
 * variants (and prefixes Metronome may add) read alike. Only these two kinds count as used, only
 * expirations as expired; manual, canceled, credited, rollover, seat-based and unknown entries stay in
 * the ledger under their own type without being counted, since they are not consumption.
 */
const isUsed = (type: string) => /_(AUTOMATED_INVOICE_DEDUCTION|TRUEUP)$/i.test(type);
const isExpired = (type: string) => /_EXPIRATION$/i.test(type);
const isDeduction = (type: string) => /_AUTOMATED_INVOICE_DEDUCTION$/i.test(type);

/** The last BURN_DAYS whole UTC days before `now`: the breakdowns range the route fetches. */
export function burnWindow(now: Date) {
  const today = utcDayStart(now.getTime());
  return { starting_on: iso(today - BURN_DAYS * DAY), ending_before: iso(today) };
}

/**
 * What each commit or credit paid for usage in the breakdown windows, as a positive amount per id.
 * Application lines name their commit by `commit_id` or `applied_commit_or_credit.id` (real data has
 * either or both); a window showing an application positive takes it back, so lines are summed as they are.
 */
export function burnByItem(breakdowns: BreakdownInvoice[]): Map<string, Micros> {
  const burn = new Map<string, Micros>();
  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    for (const line of item.line_items ?? []) {
      if (lineKind(line) !== 'application') continue;
      const id = (line.commit_id ?? line.applied_commit_or_credit?.id)?.toLowerCase();
      if (id) burn.set(id, (burn.get(id) ?? 0) - toMicros(line.total));
    }
  }
  return burn;
}

/**
 * What a postpaid commitment's usage came to in the breakdown windows: the usage lines of its credit
 * type for the products it applies to (by id or tag; all of them when it names neither). Postpaid
 * draws leave no application line, as the invoice bills that usage in full, so usage is the measure.
 */
function postpaidUsage(balance: CustomerBalance, creditTypeId: string, breakdowns: BreakdownInvoice[]): Micros {
  const ids = new Set((balance.applicable_product_ids ?? []).map((id) => id.toLowerCase()));
  const tags = new Set(balance.applicable_product_tags ?? []);
  const applies = (line: InvoiceLine) =>
    (ids.size === 0 && tags.size === 0) || ids.has(line.product_id?.toLowerCase() ?? '') || (line.product_tags ?? []).some((tag) => tags.has(tag));
  let usage: Micros = 0;
  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    for (const line of item.line_items ?? []) {
      if (lineKind(line) === 'usage' && creditTypeOf(line, item).id.toLowerCase() === creditTypeId && applies(line)) usage += toMicros(line.total);
    }
  }
  return usage;
}

interface Totals {
  granted: Micros;
  used: Micros;
  remaining: Micros;
  expired: Micros;
  upcoming: Micros;
}

const amounts = (t: Totals): BalanceAmounts => ({
  granted: fromMicros(t.granted),
  used: fromMicros(t.used),
  remaining: fromMicros(t.remaining),
  expired: fromMicros(t.expired),
  upcoming: fromMicros(t.upcoming),
});

export interface ShapeInput {
  balances: CustomerBalance[];
  breakdowns: BreakdownInvoice[];
  /** Ids of the customer's DRAFT invoices: their deductions are pending whatever their stamp says. */
  draftInvoiceIds: Set<string>;
  now: Date;
}

export function shapeBalances({ balances, breakdowns, draftInvoiceIds, now }: ShapeInput): BalancesResponse {
  const burn = burnByItem(breakdowns);
  const shaped = balances.map((balance) => {
    const burnMicros = balance.type === 'POSTPAID' ? postpaidUsage(balance, (balance.access_schedule?.credit_type ?? USD_CENTS).id.toLowerCase(), breakdowns) : burn.get(balance.id.toLowerCase());
    return shapeItem(balance, burnMicros ?? 0, draftInvoiceIds, now);
  });
  shaped.sort((a, b) => compareBurnOrder(a.item, b.item));

  const totals = new Map<string, { credit_type: CreditType; sums: Totals; available: Micros }>();
  for (const { item, sums } of shaped) {
    const key = item.credit_type.id.toLowerCase();
    let entry = totals.get(key);
    if (!entry) totals.set(key, (entry = { credit_type: item.credit_type, sums: { granted: 0, used: 0, remaining: 0, expired: 0, upcoming: 0 }, available: 0 }));
    for (const field of Object.keys(sums) as Array<keyof Totals>) entry.sums[field] += sums[field];
    if (availableNow(item)) entry.available += sums.remaining;
  }
  return {
    totals: [...totals.values()]
      .sort((a, b) => compareCreditTypes(a.credit_type, b.credit_type))
      .map((t) => ({ credit_type: t.credit_type, ...amounts(t.sums), available_now: fromMicros(t.available) })),
    items: shaped.map((s) => s.item),
  };
}

/** A prepaid commit or credit with a segment in force now: its balance can be spent today. */
export const availableNow = (item: BalanceItem) => item.type !== 'POSTPAID' && item.segments.some((s) => s.status === 'active');

/**
 * Burn-down order: priority (lower first; a commit without one after those with one, as nothing says
 * it goes first), then the one expiring sooner (never-expiring or already expired last), then id so
 * the order is stable.
 */
function compareBurnOrder(a: BalanceItem, b: BalanceItem): number {
  const priority = (i: BalanceItem) => i.priority ?? Number.POSITIVE_INFINITY;
  const expiry = (i: BalanceItem) => (i.runway.expires_at ? Date.parse(i.runway.expires_at) : Number.POSITIVE_INFINITY);
  return priority(a) - priority(b) || expiry(a) - expiry(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function shapeItem(balance: CustomerBalance, burnMicros: Micros, draftInvoiceIds: Set<string>, now: Date): { item: BalanceItem; sums: Totals } {
  const at = now.getTime();
  const creditType = balance.access_schedule?.credit_type ?? USD_CENTS;
  const sums: Totals = { granted: 0, used: 0, remaining: 0, expired: 0, upcoming: 0 };

  const segments = (balance.access_schedule?.schedule_items ?? []).map((s) => {
    const start = Date.parse(s.starting_at);
    const end = Date.parse(s.ending_before);
    const status = at < start ? 'upcoming' : at < end ? 'active' : 'expired';
    if (status === 'upcoming') sums.upcoming += toMicros(s.amount);
    else sums.granted += toMicros(s.amount);
    return { id: s.id, amount: s.amount, starting_at: isoStamp(s.starting_at), ending_before: isoStamp(s.ending_before), status } as const;
  });
  // What is left now belongs to the segments in force and expires with them; an upcoming segment brings
  // its own amount, so it is the end of those (of the upcoming ones when none is in force) that the runway meets.
  const ends = (status: string) => segments.filter((s) => s.status === status).map((s) => Date.parse(s.ending_before));
  const inForce = ends('active');
  const later = inForce.length ? inForce : ends('upcoming');
  const expiresAt = later.length ? Math.max(...later) : null;

  // Oldest first; entries stamped alike keep Metronome's order (a deduction before its expiration).
  const entries = (balance.ledger ?? []).map((entry, index) => ({ entry, index, t: Date.parse(entry.timestamp) }));
  entries.sort((a, b) => a.t - b.t || a.index - b.index);
  let running: Micros = 0;
  let consumed: Micros = 0;
  const ledger = entries.map(({ entry, t }): BalanceLedgerEntry => {
    const amount = toMicros(entry.amount);
    running += amount;
    if (isUsed(entry.type)) sums.used -= amount;
    else if (isExpired(entry.type)) sums.expired -= amount;
    // A postpaid minimum is consumed by invoice deductions only, not by its true-up.
    if (isDeduction(entry.type)) consumed -= amount;
    const invoiceId = ('invoice_id' in entry ? entry.invoice_id : null) ?? null;
    return {
      type: entry.type,
      timestamp: isoStamp(entry.timestamp),
      amount: entry.amount,
      balance_after: fromMicros(running),
      invoice_id: invoiceId,
      pending: amount < 0 && (t > at || (invoiceId !== null && draftInvoiceIds.has(invoiceId.toLowerCase()))),
    };
  });
  // Metronome's balance is taken as it reports it (it may leave out or clamp what the ledger shows);
  // only when it is missing does the ledger's sum stand in.
  sums.remaining = balance.balance == null ? running : toMicros(balance.balance);

  const commitment = balance.type === 'POSTPAID' ? postpaidCommitment(sums.granted + sums.upcoming, consumed, burnMicros, segments, at) : null;
  const item: BalanceItem = {
    id: balance.id,
    type: balance.type as BalanceItem['type'],
    name: balance.name?.trim() || balance.product?.name?.trim() || balance.id,
    priority: balance.priority ?? null,
    credit_type: { id: creditType.id, name: creditType.name },
    segments,
    ledger,
    commitment,
    runway: runway(commitment ? 0 : sums.remaining, commitment ? 0 : burnMicros, expiresAt, segments, at),
    ...amounts(sums),
  };
  return { item, sums };
}

/**
 * A postpaid commitment at its usage of the last BURN_DAYS days: what it will have consumed by its
 * last segment's end, and the shortfall that end invoices (a true-up) when that falls short of the minimum.
 */
function postpaidCommitment(minimum: Micros, consumed: Micros, usageMicros: Micros, segments: BalanceItem['segments'], at: number): BalanceItem['commitment'] {
  const ends = segments.length ? Math.max(...segments.map((s) => Date.parse(s.ending_before))) : null;
  const perDay = Math.max(0, usageMicros) / BURN_DAYS;
  const projected = consumed + (ends === null ? 0 : Math.round((perDay * Math.max(0, ends - at)) / DAY));
  return {
    minimum: fromMicros(minimum),
    consumed: fromMicros(consumed),
    consumption_per_day: fromMicros(Math.round(perDay)),
    projected_consumption: fromMicros(projected),
    projected_shortfall: fromMicros(Math.max(0, minimum - projected)),
    ends_at: ends === null ? null : iso(ends),
  };
}

/**
 * What a commit or credit pays from `at` to `until` at `perDay` (millionths a day), whatever it has left:
 * the one projection of a runway, for its top-up here and for /api/spend/summary's projected draws.
 */
export const drawAtRate = (perDay: Micros, at: number, until: number): Micros => Math.round((perDay * Math.max(0, until - at)) / DAY);

/**
 * At the average daily burn of the last BURN_DAYS days. No burn (or a net give-back) never runs
 * out: null. Nothing left while still burning has run out: now. Otherwise now + remaining ÷ burn.
 */
function runway(remaining: Micros, burnMicros: Micros, expiresAt: number | null, segments: BalanceItem['segments'], at: number): BalanceItem['runway'] {
  const exact = Math.max(0, burnMicros) / BURN_DAYS;
  // The top-up draws at the rate as stated, as /api/spend/summary does.
  const perDay = Math.round(exact);
  let runsOut: number | null = null;
  if (exact > 0) runsOut = remaining <= 0 ? at : at + Math.round((remaining / exact) * DAY);
  return {
    burn_per_day: fromMicros(perDay),
    runs_out_at: runsOut === null ? null : iso(runsOut),
    expires_at: expiresAt === null ? null : iso(expiresAt),
    runs_out_before_expiry: runsOut === null || expiresAt === null ? null : runsOut < expiresAt,
    top_up: fromMicros(topUp(perDay, remaining, segments, at)),
  };
}

/**
 * Enough for the rest of its schedule at `perDay`: what the segments in force leave short until they end
 * (what is left expires with them), plus what each upcoming segment leaves short over its own span (it
 * brings its own amount, which expires with it). 0 without burn, or when every segment lasts.
 */
function topUp(perDay: Micros, remaining: Micros, segments: BalanceItem['segments'], at: number): Micros {
  const span = (s: BalanceItem['segments'][number]) => [Date.parse(s.starting_at), Date.parse(s.ending_before)] as const;
  const inForce = segments.filter((s) => s.status === 'active').map((s) => span(s)[1]);
  const shortNow = inForce.length ? Math.max(0, drawAtRate(perDay, at, Math.max(...inForce)) - Math.max(0, remaining)) : 0;
  return segments
    .filter((s) => s.status === 'upcoming')
    .reduce((short, s) => short + Math.max(0, drawAtRate(perDay, ...span(s)) - toMicros(s.amount)), shortNow);
}
