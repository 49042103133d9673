import type { SpendEntry, SpendResponse } from '../../contract/index.ts';
import type { BreakdownInvoice, CreditType } from '../metronome/types.ts';
import { compareCreditTypes, fromMicros, toMicros, USD_CENTS, type Micros } from '../money.ts';
import { DAY, HOUR, iso } from '../time.ts';
import { countsAsSpend, creditTypeOf, groupOf, lineKind } from './lines.ts';

/** Pure: Metronome's invoice breakdowns as /api/spend answers them. */

/**
 * The keys a grouping may use come from the data: every presentation group key on the range's usage
 * lines (Metronome lists a product's keys on each of its lines, with null for events lacking one). A
 * range without any usage line accepts any key, since there is nothing to group and nothing to check.
 */
export function presentationKeys(breakdowns: BreakdownInvoice[]): { keys: string[]; usageLines: number } {
  const keys = new Set<string>();
  let usageLines = 0;
  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    for (const line of item.line_items ?? []) {
      if (lineKind(line) !== 'usage') continue;
      usageLines++;
      for (const key of Object.keys(line.presentation_group_values ?? {})) keys.add(key);
    }
  }
  return { keys: [...keys].sort(), usageLines };
}

interface WindowSums {
  values: Map<string, Micros>;
  credits: Micros;
}

/**
 * Pure: breakdown items → one entry per credit type (USD always, others when billed in the range),
 * windows ascending and covering the range, groups largest first. Items are placed in the window
 * that holds their start, so a billing period anchored mid-day still lands in UTC windows.
 */
export function shapeSpend(input: { windowSize: 'day' | 'hour'; start: Date; end: Date; groupBy: string; breakdowns: BreakdownInvoice[] }): SpendResponse {
  const { windowSize, start, end, groupBy, breakdowns } = input;
  const step = windowSize === 'hour' ? HOUR : DAY;
  const count = Math.ceil((end.getTime() - start.getTime()) / step);
  const entries = new Map<string, { credit_type: CreditType; windows: WindowSums[] }>();
  const entryFor = (creditType: CreditType) => {
    const key = creditType.id.toLowerCase();
    let entry = entries.get(key);
    if (!entry) {
      const windows = Array.from({ length: count }, () => ({ values: new Map<string, Micros>(), credits: 0 }));
      entries.set(key, (entry = { credit_type: { id: creditType.id, name: creditType.name }, windows }));
    }
    return entry;
  };
  entryFor(USD_CENTS);

  for (const item of breakdowns) {
    if (!countsAsSpend(item)) continue;
    const index = Math.floor((Date.parse(item.breakdown_start_timestamp) - start.getTime()) / step);
    if (!(index >= 0 && index < count)) continue;
    for (const line of item.line_items ?? []) {
      const kind = lineKind(line);
      if (kind === 'excluded') continue;
      const window = entryFor(creditTypeOf(line, item)).windows[index]!;
      if (kind === 'application') window.credits += toMicros(line.total);
      else {
        const group = groupOf(line, groupBy);
        window.values.set(group, (window.values.get(group) ?? 0) + toMicros(line.total));
      }
    }
  }

  const credit_types = [...entries.values()]
    .sort((a, b) => compareCreditTypes(a.credit_type, b.credit_type))
    .map((entry): SpendEntry => {
      const groupTotals = new Map<string, Micros>();
      for (const w of entry.windows) for (const [g, v] of w.values) groupTotals.set(g, (groupTotals.get(g) ?? 0) + v);
      const groups = [...groupTotals.keys()].sort((a, b) => groupTotals.get(b)! - groupTotals.get(a)! || a.localeCompare(b));
      let total = 0;
      let credits = 0;
      const windows = entry.windows.map((w, i) => {
        const windowTotal = [...w.values.values()].reduce((sum, v) => sum + v, 0);
        total += windowTotal;
        credits += w.credits;
        const t = start.getTime() + i * step;
        return {
          starting_on: iso(t),
          ending_before: iso(Math.min(t + step, end.getTime())),
          values: Object.fromEntries(groups.map((g) => [g, fromMicros(w.values.get(g) ?? 0)])),
          total: fromMicros(windowTotal),
          credits_applied: fromMicros(w.credits),
          net: fromMicros(windowTotal + w.credits),
        };
      });
      return {
        credit_type: entry.credit_type,
        window_size: windowSize,
        group_by: groupBy,
        groups,
        windows,
        total: fromMicros(total),
        credits_applied: fromMicros(credits),
        net: fromMicros(total + credits),
      };
    });
  return { starting_on: iso(start), ending_before: iso(end), credit_types };
}
