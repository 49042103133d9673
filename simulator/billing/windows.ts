// Invoice breakdowns: a statement's charges and commit applications per hour or day. Each window is
// the difference of the statement rated cumulatively up to the window's end and up to its start, so
// the windows of a statement add up exactly to the statement, tiers and rounding included.
import type { DataClock } from '../data.ts';
import { type Application, burnDown, type ChargeLine, rateUsage } from './rating.ts';
import { chargesByProduct, cumulativeUsage, pricedProducts, type Statement } from './statements.ts';

export interface StatementWindow {
  readonly start: Date;
  readonly end: Date;
  readonly charges: ReadonlyArray<ChargeLine>;
  readonly applications: ReadonlyArray<Application>;
}

const HOUR = 3_600_000;

/** Windows of `windowMs` (an hour or a day) covering the statement's period, in order. */
export function statementWindows(statement: Statement, clock: DataClock, windowMs: number): StatementWindow[] {
  const { start, end } = statement.period;
  const priced = pricedProducts(statement.contract, statement.credit_type.id);
  const prefixes = priced.map((p) => cumulativeUsage(clock, p, start, end));

  const cumulativeAt = (t: number) => {
    const hours = Math.round((t - start.getTime()) / HOUR);
    const charges = priced.flatMap((p, i) =>
      rateUsage(p.product, p.rate, p.groups.map(({ group }, g) => ({ group, raw: prefixes[i]![g]![hours]! }))),
    );
    return { charges, applications: burnDown(chargesByProduct(charges), statement.pool) };
  };

  const windows: StatementWindow[] = [];
  let previous = cumulativeAt(start.getTime());
  for (let t = start.getTime(); t < end.getTime(); t += windowMs) {
    const next = Math.min(t + windowMs, end.getTime());
    const current = cumulativeAt(next);
    windows.push({
      start: new Date(t),
      end: new Date(next),
      charges: chargeDifference(current.charges, previous.charges),
      applications: applicationDifference(current.applications, previous.applications),
    });
    previous = current;
  }
  return windows;
}

const lineKey = (line: ChargeLine) => `${line.product_id}:${line.tier?.level ?? ''}:${JSON.stringify(line.group)}`;

/** Lines are matched by product, tier and group: a tier only appears once usage reaches it. */
export function chargeDifference(current: ReadonlyArray<ChargeLine>, before: ReadonlyArray<ChargeLine>): ChargeLine[] {
  const earlier = new Map(before.map((line) => [lineKey(line), line]));
  return current.map((line) => {
    const previous = earlier.get(lineKey(line));
    return previous ? { ...line, quantity: line.quantity - previous.quantity, total: line.total - previous.total } : line;
  });
}

/**
 * Burn-down is not monotone per product (a credit may pay for CPU early in the period and for storage
 * once CPU outgrows it), so a pair present before may vanish: it then contributes a negative window.
 */
function applicationDifference(current: ReadonlyArray<Application>, before: ReadonlyArray<Application>): Application[] {
  const key = (a: Application) => `${a.segment.id}:${a.product_id}`;
  const now = new Map(current.map((a) => [key(a), a]));
  const differences = current.map((a) => ({ ...a, amount: a.amount - (before.find((b) => key(b) === key(a))?.amount ?? 0) }));
  for (const b of before) if (!now.has(key(b))) differences.push({ ...b, amount: -b.amount });
  return differences.filter((a) => a.amount !== 0);
}
