/**
 * Limits and names the proxy and the widgets both apply, defined once. The proxy refuses what the
 * widgets would never ask for, and the widgets disable what the proxy would refuse.
 */

/** Hourly windows cover at most this many days: beyond it a chart is thousands of unreadable bars. */
export const MAX_HOURLY_DAYS = 92;

/** Daily windows cover at most this many days (three years, one of them a leap year). */
export const MAX_DAILY_DAYS = 3 * 365 + 1;

/** The group name of usage or spend whose events lack the grouped key's value. */
export const MISSING_GROUP_VALUE = '(none)';

/** Names joining the values of a compound group key (`us-east-1 / gpu`). */
export const GROUP_VALUE_SEPARATOR = ' / ';

/**
 * The dates either side reads (UTC, both included): billing data lies between them, and anything
 * outside (`0001-01-01`, `9999-12-31`) is a typo or a probe, never a range worth asking Metronome for.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-01-01';
