import type { WindowSize } from '../../contract/index.ts';
import type { Contract } from '../metronome/types.ts';
import { alignToWindows, DAY, type TimeRange } from '../time.ts';

/**
 * The billing period a contract is in at `now`, from its usage statement schedule: periods start at
 * the billing anchor and repeat every week, month, quarter or year (Metronome's frequencies). Null
 * when no contract is in force or its schedule is missing.
 */
export function currentBillingPeriod(contracts: Contract[], now: Date): { start: Date; end: Date } | null {
  const t = now.getTime();
  for (const contract of contracts.filter(inForceAt(now))) {
    const starts = Date.parse(contract.starting_at);
    const ends = contract.ending_before ? Date.parse(contract.ending_before) : Infinity;
    const anchorText = contract.usage_statement_schedule?.billing_anchor_date ?? contract.starting_at;
    const anchor = new Date(anchorText);
    const step = STEPS[(contract.usage_statement_schedule?.frequency ?? 'monthly').toLowerCase()];
    if (Number.isNaN(anchor.getTime()) || !step) continue;
    // Walk from the anchor; contracts run for years at most, so this is a few hundred steps at worst.
    let k = 0;
    while (step(anchor, k + 1).getTime() <= t) k++;
    while (step(anchor, k).getTime() > t) k--;
    const start = new Date(Math.max(step(anchor, k).getTime(), starts));
    const end = new Date(Math.min(step(anchor, k + 1).getTime(), ends));
    return { start, end };
  }
  return null;
}

/** Contracts that have started and not ended at `now`. */
export const inForceAt = (now: Date) => (contract: Contract) =>
  Date.parse(contract.starting_at) <= now.getTime() && (!contract.ending_before || now.getTime() < Date.parse(contract.ending_before));

/** Anchored on the 31st, February's period starts on its last day rather than spilling into March. */
const months = (n: number) => (anchor: Date, k: number) => {
  const month = anchor.getUTCMonth() + n * k;
  const lastDay = new Date(Date.UTC(anchor.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(anchor.getUTCFullYear(), month, Math.min(anchor.getUTCDate(), lastDay), anchor.getUTCHours()));
};

const STEPS: Record<string, (anchor: Date, k: number) => Date> = {
  weekly: (anchor, k) => new Date(anchor.getTime() + k * 7 * DAY),
  monthly: months(1),
  quarterly: months(3),
  annual: months(12),
};

/**
 * What a range is compared with: for the current billing period, the billing period before it on the
 * contract's schedule (a month may be longer or shorter: windows pair up by position); otherwise, or
 * when no contract was in force then, the range of the same length just before.
 */
export function previousRange(range: TimeRange, windowSize: WindowSize, contracts: Contract[] | null): [Date, Date] {
  const before = contracts && currentBillingPeriod(contracts, new Date(range.start.getTime() - 1));
  if (before) {
    const aligned = alignToWindows(before, windowSize);
    return [aligned.start, aligned.end];
  }
  return [new Date(2 * range.start.getTime() - range.end.getTime()), range.start];
}
