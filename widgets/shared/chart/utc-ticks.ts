import { tickStep } from 'd3-array';
import { bisectRight } from './extent.ts';

/**
 * d3-time's `utcTicks`: the same dates for the same arguments (utc-ticks.test.ts compares them), without
 * d3-time, whose one bundled file brings every interval of local time and UTC (4.5 KB minified) for
 * the one function the charts use.
 *
 * The ticks are the boundaries within [start, stop] of the interval whose length comes closest to a
 * `count`th of the range: every 1, 5, 15 or 30 seconds or minutes, 1, 3, 6 or 12 hours, day, other day
 * (even days since 1970), Sunday, month, quarter, or year; ranges shorter than a second tick in
 * milliseconds, longer ones in d3-array's steps of years.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/**
 * d3-time's tick intervals, shortest first, by the length they are chosen by: 1, 5, 15 and 30 seconds and
 * minutes, 1, 3, 6 and 12 hours, 1 and 2 days, a week, 1 and 3 months, a year.
 */
const LENGTHS = [SECOND, MINUTE].flatMap((unit) => [1, 5, 15, 30].map((n) => n * unit)).concat([1, 3, 6, 12].map((n) => n * HOUR), [DAY, 2 * DAY, WEEK, MONTH, 3 * MONTH, YEAR]);

export function utcTicks(start: Date, stop: Date, count: number): Date[] {
  if (stop < start) return utcTicks(stop, start, count).reverse();
  const target = (+stop - +start) / count;
  const i = bisectRight(LENGTHS, target);
  if (i === LENGTHS.length) return monthTicks(start, stop, 12 * Math.floor(tickStep(+start / YEAR, +stop / YEAR, count)));
  if (i === 0) return fixedTicks(start, stop, Math.floor(Math.max(tickStep(+start, +stop, count), 1)));
  const length = target / LENGTHS[i - 1]! < LENGTHS[i]! / target ? LENGTHS[i - 1]! : LENGTHS[i]!;
  // A month, a quarter and a year (365 days: 12 of the 30-day months they are chosen by) are calendar months.
  if (length >= MONTH) return monthTicks(start, stop, Math.round(length / MONTH));
  // Multiples of the length since 1970: a minute and an hour hold a whole number of every step of seconds
  // and minutes, and a day of every step of hours, so every 15th minute since 1970 is every 15th minute of
  // the hour (and every other day, d3-time's, is counted from 1970). Weeks start on Sunday: 1970 began on
  // a Thursday.
  return fixedTicks(start, stop, length, length === WEEK ? 3 * DAY : 0);
}

/** The moments `offset` plus a multiple of `length` milliseconds after 1970 within [start, stop]. */
function fixedTicks(start: Date, stop: Date, length: number, offset = 0): Date[] {
  if (!(length > 0) || !Number.isFinite(length)) return [];
  const ticks: Date[] = [];
  for (let t = Math.ceil((+start - offset) / length) * length + offset; t <= +stop; t += length) ticks.push(new Date(t));
  return ticks;
}

/**
 * The first days of the months within [start, stop] whose count since year 0 is a multiple of `months`:
 * every month or quarter (12 is a multiple of both, so these are months 1, 4, 7 and 10), and, with 12 or
 * a multiple of it, every year or every nth year (d3-time's years divisible by n).
 */
function monthTicks(start: Date, stop: Date, months: number): Date[] {
  if (!(months > 0) || !Number.isFinite(months)) return [];
  const date = new Date(start);
  date.setUTCDate(1);
  date.setUTCHours(0, 0, 0, 0);
  const ticks: Date[] = [];
  for (; date <= stop; date.setUTCMonth(date.getUTCMonth() + 1)) if (date >= start && (date.getUTCFullYear() * 12 + date.getUTCMonth()) % months === 0) ticks.push(new Date(date));
  return ticks;
}
