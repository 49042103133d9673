import { Hono } from 'hono';
import type { SpendSummaryResponse } from '../../contract/index.ts';
import { currentBillingPeriod } from '../billing-period.ts';
import type { Contract, Invoice, Metronome } from '../metronome.ts';
import type { SessionVariables } from '../session.ts';
import { compareCreditTypes, fromMicros, totalsByCreditType, USD_CENTS, type Micros, type SpendTotals } from '../spend-lines.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How many whole days the projection averages over. */
export const PROJECTION_DAYS = 7;

/**
 * `GET /api/spend/summary`: the current billing period so far, per credit type, from its draft
 * invoice(s); a projection to the period end; and the previous period at the same elapsed point.
 */
export function spendSummaryRoutes(metronome: Metronome, now: () => Date) {
  return new Hono<{ Variables: SessionVariables }>().get('/', async (c) => {
    const customerId = c.var.customerId;
    const signal = c.req.raw.signal;
    const at = now();
    const contracts = await metronome.listContracts(customerId, at, signal);
    const period = currentBillingPeriod(contracts, at);
    if (!period) {
      const body: SpendSummaryResponse = { period: null, days_left: null, credit_types: [] };
      return c.json(body);
    }
    const previous = previousPeriod(contracts, period.start);
    const recent = recentDays(contracts, at);
    const elapsed = previous && elapsedRanges(previous.start, at.getTime() - period.start.getTime(), previous.end);

    const [drafts, recentItems, ...previousItems] = await Promise.all([
      metronome.listInvoices(customerId, { status: 'DRAFT' }, signal),
      recent ? metronome.invoiceBreakdowns(customerId, { window_size: 'day', ...iso(recent) }, signal) : [],
      // FINALIZED: the previous period's invoice is closed; a draft or void copy would count twice.
      ...(elapsed ?? []).map(({ window_size, range }) => metronome.invoiceBreakdowns(customerId, { window_size, ...iso(range), status: 'FINALIZED' }, signal)),
    ]);

    const current = totalsByCreditType(drafts.filter((invoice) => overlaps(invoice, period)));
    const recentTotals = totalsByCreditType(recentItems);
    const previousTotals = elapsed ? totalsByCreditType(previousItems.flat()) : null;
    const daysLeft = Math.max(0, period.end.getTime() - at.getTime()) / DAY;
    const creditTypes = new Map([[USD_CENTS.id, USD_CENTS]]);
    for (const totals of [current, previousTotals ?? new Map<string, SpendTotals>()]) for (const [id, t] of totals) creditTypes.set(id, t.credit_type);

    const body: SpendSummaryResponse = {
      period: { starting_on: period.start.toISOString(), ending_before: period.end.toISOString() },
      days_left: daysLeft,
      credit_types: [...creditTypes.entries()]
        .sort(([, a], [, b]) => compareCreditTypes(a, b))
        .map(([id, creditType]) => {
          const spend = current.get(id)?.spend ?? 0;
          const credits = current.get(id)?.credits ?? 0;
          const before = previousTotals?.get(id);
          return {
            credit_type: creditType,
            spend_to_date: fromMicros(spend),
            credits_applied: fromMicros(credits),
            net: fromMicros(spend + credits),
            projection: recent ? project(spend, credits, recentTotals.get(id)?.spend ?? 0, recent.days, daysLeft) : null,
            previous: previousTotals ? { spend_to_date: fromMicros(before?.spend ?? 0), net: fromMicros((before?.spend ?? 0) + (before?.credits ?? 0)) } : null,
          };
        }),
    };
    return c.json(body);
  });
}

const iso = (range: { start: number; end: number }) => ({ starting_on: new Date(range.start).toISOString(), ending_before: new Date(range.end).toISOString() });

/** A draft belongs to the current period when their spans overlap (a draft of a closed period may linger). */
function overlaps(invoice: Invoice, period: { start: Date; end: Date }): boolean {
  const start = Date.parse(invoice.start_timestamp ?? '');
  const end = Date.parse(invoice.end_timestamp ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) return true;
  return start < period.end.getTime() && end > period.start.getTime();
}

/** The period just before the current one, from the same contracts; null when the contract began with this period. */
function previousPeriod(contracts: Contract[], currentStart: Date) {
  const period = currentBillingPeriod(contracts, new Date(currentStart.getTime() - 1));
  return period && period.end.getTime() <= currentStart.getTime() ? period : null;
}

/**
 * The last whole UTC days before today, at most PROJECTION_DAYS and none before the first contract
 * began (days without a contract would drag the average down). Null when there is no whole day yet.
 */
function recentDays(contracts: Contract[], at: Date) {
  const today = Math.floor(at.getTime() / DAY) * DAY;
  const began = Math.min(...contracts.map((contract) => Date.parse(contract.starting_at)).filter((t) => !Number.isNaN(t)));
  const start = Math.max(today - PROJECTION_DAYS * DAY, Math.ceil(began / DAY) * DAY);
  const days = Math.round((today - start) / DAY);
  return days > 0 ? { start, end: today, days } : null;
}

/**
 * The previous period from its start to the same elapsed time, to the hour: whole days through
 * daily breakdowns, the hours of the last partial day through hourly ones (breakdowns only return
 * whole windows). Capped at the previous period's end, as a shorter period has no later point.
 */
function elapsedRanges(start: Date, elapsedMs: number, end: Date) {
  const until = Math.min(start.getTime() + Math.floor(elapsedMs / HOUR) * HOUR, end.getTime());
  const wholeDays = start.getTime() + Math.floor((until - start.getTime()) / DAY) * DAY;
  const ranges: Array<{ window_size: 'day' | 'hour'; range: { start: number; end: number } }> = [];
  if (wholeDays > start.getTime()) ranges.push({ window_size: 'day', range: { start: start.getTime(), end: wholeDays } });
  if (until > wholeDays) ranges.push({ window_size: 'hour', range: { start: wholeDays, end: until } });
  return ranges;
}

/** Wording shown as is by the widget; it names the number of days actually averaged. */
export const projectionMethod = (days: number) => `at the average daily spend of the last ${days === 1 ? 'day' : `${days} days`}`;

/**
 * Spend to date plus the recent daily average for the days left. Net adds only the credits applied
 * so far: commits and credits may run out, expire or not cover every product before the period ends,
 * so the projection assumes no further credits rather than guess.
 */
function project(spend: Micros, credits: Micros, recentSpend: Micros, days: number, daysLeft: number) {
  const projected = spend + Math.round((recentSpend / days) * daysLeft);
  return { method: projectionMethod(days), spend: fromMicros(projected), net: fromMicros(projected + credits) };
}
