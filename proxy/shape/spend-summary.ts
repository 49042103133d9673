import type { BalanceItem, SpendSummaryResponse } from '../../contract/index.ts';
import type { BreakdownsQuery, Contract, CreditType, Invoice } from '../metronome/types.ts';
import { compareCreditTypes, fromMicros, toMicros, USD_CENTS, type Micros } from '../money.ts';
import { availableNow, drawAtRate } from './balances.ts';
import { DAY, HOUR, iso, utcDayStart } from '../time.ts';
import { currentBillingPeriod, inForceAt } from './billing-period.ts';
import { totalsByCreditType, type SpendTotals } from './lines.ts';

/** Pure: which ranges /api/spend/summary reads, and its answer from what Metronome sent. */

/** How many whole days the projection averages over. */
export const PROJECTION_DAYS = 7;

interface Range {
  start: number;
  end: number;
}

const isoRange = (range: Range) => ({ starting_on: iso(range.start), ending_before: iso(range.end) });

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
  const today = utcDayStart(at.getTime());
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
function elapsedRanges(start: Date, elapsedMs: number, end: Date): Array<{ window_size: 'day' | 'hour'; range: Range }> {
  const until = Math.min(start.getTime() + Math.floor(elapsedMs / HOUR) * HOUR, end.getTime());
  const wholeDays = start.getTime() + Math.floor((until - start.getTime()) / DAY) * DAY;
  const ranges: Array<{ window_size: 'day' | 'hour'; range: Range }> = [];
  if (wholeDays > start.getTime()) ranges.push({ window_size: 'day', range: { start: start.getTime(), end: wholeDays } });
  if (until > wholeDays) ranges.push({ window_size: 'hour', range: { start: wholeDays, end: until } });
  return ranges;
}

/** What the summary needs from Metronome besides the drafts: null when no billing period is in force. */
export function summaryPlan(contracts: Contract[], at: Date) {
  const period = currentBillingPeriod(contracts, at);
  if (!period) return null;
  const previous = previousPeriod(contracts, period.start);
  const recent = recentDays(contracts.filter(inForceAt(at)), at);
  const elapsed = previous ? elapsedRanges(previous.start, at.getTime() - period.start.getTime(), previous.end) : null;
  const recentQuery: BreakdownsQuery | null = recent ? { window_size: 'day', ...isoRange(recent) } : null;
  // FINALIZED: the previous period's invoice is closed; a draft or void copy would count twice.
  const previousQueries: BreakdownsQuery[] | null = elapsed?.map(({ window_size, range }) => ({ window_size, ...isoRange(range), status: 'FINALIZED' })) ?? null;
  return { period, recent, recentQuery, previousQueries };
}

export type SummaryPlan = NonNullable<ReturnType<typeof summaryPlan>>;

/** A draft belongs to the current period when their spans overlap (a draft of a closed period may linger). */
function overlaps(invoice: Invoice, period: { start: Date; end: Date }): boolean {
  const start = Date.parse(invoice.start_timestamp ?? '');
  const end = Date.parse(invoice.end_timestamp ?? '');
  if (Number.isNaN(start) || Number.isNaN(end)) return true;
  return start < period.end.getTime() && end > period.start.getTime();
}

/** The current period's spend so far per credit type, from its drafts: what /api/spend/summary and /api/alerts count. */
export const periodSpend = (drafts: Invoice[], period: { start: Date; end: Date }) => totalsByCreditType(drafts.filter((invoice) => overlaps(invoice, period)));

/** Wording shown as is by the widget; it names the number of days actually averaged. */
export const projectionMethod = (days: number) => `at the average daily spend of the last ${days === 1 ? 'day' : `${days} days`}`;

/**
 * What the prepaid commits and credits of one credit type are projected to pay from `at` to `until`:
 * each at its runway's rate in /api/balances (the rate <balance-ledger> states), capped at what it has
 * left and at its runway's expiry (the end of its segments in force). One rate and one draw for both, so that a commit the ledger says
 * lasts past the period end is one this projection says pays for the rest of the period.
 */
export function projectedDraws(items: BalanceItem[], creditTypeId: string, at: number, until: number): Micros {
  let total: Micros = 0;
  for (const item of items) {
    if (!availableNow(item) || item.credit_type.id.toLowerCase() !== creditTypeId.toLowerCase()) continue;
    // In force now, so its runway's expiry is the end of its segments in force.
    const draw = drawAtRate(toMicros(item.runway.burn_per_day), at, Math.min(until, Date.parse(item.runway.expires_at!)));
    total += Math.min(Math.max(0, toMicros(item.remaining)), draw);
  }
  return total;
}

/**
 * Spend to date plus the recent daily average for the days left. Commits and credits: those applied
 * so far, plus what the prepaid ones are projected to pay for the rest (`draws`), never more than the
 * rest itself: the net is what the period is projected to leave due.
 */
function project(spend: Micros, credits: Micros, recentSpend: Micros, days: number, daysLeft: number, draws: Micros) {
  const rest = Math.round((recentSpend / days) * daysLeft);
  const paid = Math.min(rest, draws);
  return {
    method: projectionMethod(days),
    spend: fromMicros(spend + rest),
    credits: fromMicros(credits - paid),
    net: fromMicros(spend + rest + credits - paid),
    covered: rest > 0 && paid === rest,
  };
}

export function shapeSpendSummary(input: { plan: SummaryPlan; at: Date; drafts: Invoice[]; recent: Invoice[]; previous: Invoice[] | null; balances: BalanceItem[] }): SpendSummaryResponse {
  const { plan, at } = input;
  const { period } = plan;
  const current = periodSpend(input.drafts, period);
  const recentTotals = totalsByCreditType(input.recent);
  const previousTotals = input.previous ? totalsByCreditType(input.previous) : null;
  const daysLeft = Math.max(0, period.end.getTime() - at.getTime()) / DAY;
  const creditTypes = new Map<string, CreditType>([[USD_CENTS.id, USD_CENTS]]);
  for (const totals of [current, previousTotals ?? new Map<string, SpendTotals>()]) for (const [id, t] of totals) creditTypes.set(id, t.credit_type);

  return {
    period: { starting_on: iso(period.start), ending_before: iso(period.end) },
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
          projection: plan.recent
            ? project(spend, credits, recentTotals.get(id)?.spend ?? 0, plan.recent.days, daysLeft, projectedDraws(input.balances, id, at.getTime(), period.end.getTime()))
            : null,
          previous: previousTotals ? { spend_to_date: fromMicros(before?.spend ?? 0), net: fromMicros((before?.spend ?? 0) + (before?.credits ?? 0)) } : null,
        };
      }),
  };
}
