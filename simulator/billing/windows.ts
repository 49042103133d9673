// Invoice breakdowns: a statement's charges and commit applications per hour or day. A window's
// charges are the statement rated cumulatively up to the window's end less up to its start, and its
// applications are those of its hours (statements.ts burns hour by hour), so the windows of a
// statement add up exactly to the statement, tiers and rounding included.
import type { DataClock } from '../data.ts';
import type { Application, ChargeLine } from './rating.ts';
import { cumulativeUsage, mergeApplications, pricedProducts, ratedAt, type Statement } from './statements.ts';

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

  const hourOf = (t: number) => Math.round((t - start.getTime()) / HOUR);
  const windows: StatementWindow[] = [];
  let previous = ratedAt(priced, prefixes, 0);
  for (let t = start.getTime(); t < end.getTime(); t += windowMs) {
    const next = Math.min(t + windowMs, end.getTime());
    const current = ratedAt(priced, prefixes, hourOf(next));
    windows.push({
      start: new Date(t),
      end: new Date(next),
      charges: chargeDifference(current, previous),
      applications: mergeApplications(statement.hourly.slice(hourOf(t), hourOf(next)).flat()),
    });
    previous = current;
  }
  return windows;
}

const lineKey = (line: ChargeLine) => `${line.product_id}:${line.tier?.level ?? ''}:${JSON.stringify(line.group)}:${JSON.stringify(line.pricing ?? null)}`;

/** Lines are matched by product, tier, group and rate: a tier only appears once usage reaches it. */
export function chargeDifference(current: ReadonlyArray<ChargeLine>, before: ReadonlyArray<ChargeLine>): ChargeLine[] {
  const earlier = new Map(before.map((line) => [lineKey(line), line]));
  return current.map((line) => {
    const previous = earlier.get(lineKey(line));
    return previous ? { ...line, quantity: line.quantity - previous.quantity, total: line.total - previous.total } : line;
  });
}
