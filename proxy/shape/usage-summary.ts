import type { UsageSummaryMetric, UsageSummaryResponse } from '../../contract/index.ts';
import type { BillableMetric, BreakdownInvoice, UsageAggregate } from '../metronome/types.ts';
import { compareCreditTypes, fromMicros, toMicros, type Micros } from '../money.ts';
import { DAY, iso, type TimeRange } from '../time.ts';
import { countsAsSpend, creditTypeOf, lineKind } from './lines.ts';
import { own } from './own.ts';

/** Pure: every billable metric's daily usage, its previous period and the spend of its products, as /api/usage/summary answers them. */

export interface MetricUsage {
  metric: BillableMetric;
  current: UsageAggregate[];
  /** The previous period's daily aggregates, or null when there is none to compare with. */
  previous: UsageAggregate[] | null;
}

/** Daily sums in micros from `start`, `days` of them; aggregates outside are ignored. */
function dailySums(aggregates: UsageAggregate[], start: number, days: number): Micros[] {
  const sums: Micros[] = Array.from({ length: days }, () => 0);
  for (const aggregate of aggregates) {
    const index = Math.floor((Date.parse(aggregate.starting_on) - start) / DAY);
    if (index >= 0 && index < days) sums[index]! += toMicros(aggregate.value);
  }
  return sums;
}

/**
 * The previous period's usage over as long as the current one has run: its whole days, and the day
 * that elapsed point falls in pro rata (usage is only known per day, and today's count is partial too).
 */
function usageToElapsed(aggregates: UsageAggregate[], previousStart: number, until: number): Micros {
  const days = Math.ceil((until - previousStart) / DAY);
  const sums = dailySums(aggregates, previousStart, days);
  const lastShare = (until - previousStart) / DAY - (days - 1);
  return sums.reduce((sum, value, i) => sum + (i === days - 1 ? Math.round(value * lastShare) : value), 0);
}

/** Usage spend per billable metric and credit type, in micros: a usage line counts for the metric its product meters. */
function spendByMetric(breakdowns: BreakdownInvoice[], metricOfProduct: ReadonlyMap<string, string>) {
  const spend = new Map<string, Map<string, { credit_type: { id: string; name: string }; micros: Micros }>>();
  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    for (const line of item.line_items ?? []) {
      const metricId = line.product_id && metricOfProduct.get(line.product_id.toLowerCase());
      if (!metricId || lineKind(line) !== 'usage') continue;
      const creditType = creditTypeOf(line, item);
      let byType = spend.get(metricId);
      if (!byType) spend.set(metricId, (byType = new Map()));
      const key = creditType.id.toLowerCase();
      const entry = byType.get(key) ?? { credit_type: { id: creditType.id, name: creditType.name }, micros: 0 };
      entry.micros += toMicros(line.total);
      byType.set(key, entry);
    }
  }
  return spend;
}

/**
 * Biggest cost first: metrics with spend by their first credit type (USD before custom units), then
 * amount; metrics without spend after them by quantity; then by name, so the order is stable.
 */
function compareMetrics(a: UsageSummaryMetric, b: UsageSummaryMetric): number {
  const [sa, sb] = [a.spend[0], b.spend[0]];
  if (sa && sb) return compareCreditTypes(sa.credit_type, sb.credit_type) || sb.amount - sa.amount || a.billable_metric.name.localeCompare(b.billable_metric.name);
  if (sa || sb) return sa ? -1 : 1;
  return b.total - a.total || a.billable_metric.name.localeCompare(b.billable_metric.name);
}

/**
 * `range` is whole UTC days; `previous` the range compared with (whole days from its start), or null.
 * Usage is counted through `now` while the range is under way.
 */
export function shapeUsageSummary(input: {
  range: TimeRange;
  previous: TimeRange | null;
  now: Date;
  usage: MetricUsage[];
  breakdowns: BreakdownInvoice[];
  metricOfProduct: ReadonlyMap<string, string>;
}): UsageSummaryResponse {
  const { range, previous, now, usage, breakdowns, metricOfProduct } = input;
  const start = range.start.getTime();
  const through = Math.min(Math.max(now.getTime(), start), range.end.getTime());
  const days = Math.max(1, Math.ceil((through - start) / DAY));
  const comparedUntil = previous && Math.min(previous.start.getTime() + (through - start), previous.end.getTime());
  const spend = spendByMetric(breakdowns, metricOfProduct);

  const metrics = usage.map(({ metric, current, previous: before }): UsageSummaryMetric => {
    const daily = dailySums(current, start, Math.round((range.end.getTime() - start) / DAY)).slice(0, days);
    const unit = own(metric.custom_fields, 'unit');
    return {
      billable_metric: { id: metric.id, name: metric.name },
      unit: typeof unit === 'string' && unit.trim() ? unit.trim() : null,
      total: fromMicros(daily.reduce((sum, v) => sum + v, 0)),
      daily: daily.map(fromMicros),
      previous_total: before && previous && comparedUntil! > previous.start.getTime() ? fromMicros(usageToElapsed(before, previous.start.getTime(), comparedUntil!)) : null,
      spend: [...(spend.get(metric.id.toLowerCase())?.values() ?? [])]
        .sort((a, b) => compareCreditTypes(a.credit_type, b.credit_type))
        .map((entry) => ({ credit_type: entry.credit_type, amount: fromMicros(entry.micros) })),
    };
  });
  return {
    starting_on: iso(range.start),
    ending_before: iso(range.end),
    ...(now < range.end ? { through: iso(now) } : {}),
    compared_with: previous && comparedUntil! > previous.start.getTime() ? { starting_on: iso(previous.start), ending_before: iso(comparedUntil!) } : null,
    metrics: metrics.sort(compareMetrics),
  };
}
