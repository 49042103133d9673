import { type CustomerResponse, MAX_DAILY_DAYS, MAX_HOURLY_DAYS } from '../../contract/index.ts';
import { todayIn } from './format.ts';
import { messages } from './i18n/messages.ts';

export type RangePreset = 'current-period' | '7d' | '30d' | '90d' | 'custom';

/** Turning a widget's range and filter attributes into what the proxy is asked for. */

export const DAY = 86_400_000;
const PRESET_DAYS: Partial<Record<RangePreset, number>> = { '7d': 7, '30d': 30, '90d': 90 };

export interface Range {
  startingOn: string;
  endingBefore: string;
}

/**
 * Explicit dates win; then the preset. The current billing period needs the customer (null until it
 * is known) and falls back to the last 30 days for a customer without a contract. A preset's days
 * are Metronome's (UTC) days ending with today's date in the widget's `timeZone`, so "Last 7 days"
 * ends on the viewer's today, not on the UTC day that is tomorrow or yesterday there.
 */
export function resolveRange(
  el: { startingOn: string; endingBefore: string; range: RangePreset | '' },
  customer: Pick<CustomerResponse, 'current_billing_period'> | null | undefined,
  customerKnown: boolean,
  now = Date.now(),
  timeZone = 'UTC',
): Range | null {
  if (el.startingOn && el.endingBefore) return { startingOn: el.startingOn, endingBefore: el.endingBefore };
  const preset = el.range || 'current-period';
  if (preset === 'current-period') {
    if (!customerKnown) return null;
    const period = customer?.current_billing_period;
    if (period) return { startingOn: period.starting_on, endingBefore: period.ending_before };
  }
  const days = PRESET_DAYS[preset] ?? 30;
  // Whole UTC days, today included, so every window is a complete Metronome day.
  const end = todayIn(timeZone, now) + DAY;
  return { startingOn: new Date(end - days * DAY).toISOString(), endingBefore: new Date(end).toISOString() };
}

/**
 * Why the proxy would refuse a range of `windowSize` windows (it widens the range to whole windows,
 * then counts days), in words for the viewer; null when it would not. The widget then asks nothing.
 */
export function rangeRefusal(range: Range | null, windowSize: string, locale?: string): string | null {
  if (!range) return null;
  const step = windowSize === 'day' ? DAY : DAY / 24;
  const days = (Math.ceil(Date.parse(range.endingBefore) / step) - Math.floor(Date.parse(range.startingOn) / step)) * (step / DAY);
  if (days > MAX_DAILY_DAYS) return messages(locale).rangeTooLong(MAX_DAILY_DAYS);
  if (windowSize === 'hour' && days > MAX_HOURLY_DAYS) return messages(locale).hourlyTooLong(MAX_HOURLY_DAYS);
  return null;
}

/** `region:us-east-1,eu-west-1;tier:hot` → `{ region: [...], tier: ['hot'] }`; malformed parts are ignored. */
export function parseGroupFilter(text: string): Record<string, string[]> {
  const filter: Record<string, string[]> = {};
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const values = part.slice(colon + 1).split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length) filter[part.slice(0, colon).trim()] = values;
  }
  return filter;
}

/** The proxy's repeatable `group_filter=key:value1,value2` parameters. */
export function serializeGroupFilter(filter: Record<string, string[]>): string[] {
  return Object.entries(filter)
    .filter(([, values]) => values.length)
    .map(([key, values]) => `${key}:${values.join(',')}`);
}
