import * as v from 'valibot';
import { EARLIEST_DATE, LATEST_DATE, MAX_DAILY_DAYS, MAX_HOURLY_DAYS, type WindowSize } from '../../contract/index.ts';
import { alignToWindows, DAY, type TimeRange } from '../time.ts';
import { single } from './params.ts';

/**
 * Dates and ranges in query parameters. Hand-written rather than one of valibot's ISO actions: the
 * proxy takes a date (`2024-10-01`, UTC midnight) or a date-time with a zone, and says which of "not
 * ISO 8601", "not a real calendar date" and "out of range" is wrong.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const EARLIEST = Date.parse(EARLIEST_DATE);
const LATEST = Date.parse(LATEST_DATE);

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** The date `text` names, or what is wrong with it. */
export function parseDate(text: string): Date | string {
  const match = ISO_DATE.exec(text);
  const date = new Date(match && text.length === 10 ? `${text}T00:00:00Z` : text);
  if (!match || Number.isNaN(date.getTime())) return `"${text}" is not an ISO 8601 date such as 2024-10-01 or 2024-10-01T00:00:00Z.`;
  // Date rolls 2024-02-30 over to March; a calendar date that does not exist is a typo, not a date.
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  if (day < 1 || day > daysInMonth(year, month)) return `"${text}" is not a real calendar date.`;
  if (date.getTime() < EARLIEST || date.getTime() > LATEST) return `"${text}" is outside the dates the proxy serves, ${EARLIEST_DATE} to ${LATEST_DATE}.`;
  return date;
}

/** An optional date parameter: undefined when blank. */
export const date = v.pipe(
  single,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    if (!dataset.value) return undefined;
    const parsed = parseDate(dataset.value);
    if (parsed instanceof Date) return parsed;
    addIssue({ message: parsed });
    return NEVER;
  }),
);

type Problem = readonly [field: string, problem: string];

/** What is wrong with a range of `window_size` windows once widened to whole windows, if anything. */
export function windowLimit(range: TimeRange, windowSize: WindowSize): Problem | null {
  const { start, end } = alignToWindows(range, windowSize);
  const days = (end.getTime() - start.getTime()) / DAY;
  if (windowSize === 'hour' && days > MAX_HOURLY_DAYS) return ['window_size', `hourly windows cover at most ${MAX_HOURLY_DAYS} days; use day for longer ranges.`];
  if (days > MAX_DAILY_DAYS) return ['ending_before', `is more than ${MAX_DAILY_DAYS} days after starting_on; a range covers at most ${MAX_DAILY_DAYS} days.`];
  return null;
}

/** `starting_on` and `ending_before` of a query: both given, in order, and within the window limits. */
export function rangeProblem(query: { starting_on?: Date | undefined; ending_before?: Date | undefined; window_size: WindowSize }): Problem | null {
  const { starting_on: start, ending_before: end, window_size: windowSize } = query;
  if (!start) return ['starting_on', 'is required.'];
  if (!end) return ['ending_before', 'is required.'];
  if (end.getTime() <= start.getTime()) return ['ending_before', 'must be later than starting_on.'];
  return windowLimit({ start, end }, windowSize);
}
