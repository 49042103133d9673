/** Time arithmetic shared by every route: Metronome's windows are whole UTC hours and days. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

const ISO_MEMO_LIMIT = 50_000;
const isoMemo = new Map<number, string>();

/**
 * A time as the proxy answers it: ISO 8601 in UTC with milliseconds (`2026-11-01T00:00:00.000Z`).
 * Remembered per instant: answers repeat the same window edges over and over, and toISOString costs
 * about a microsecond, which a 2,000-window answer pays thousands of times.
 */
export function iso(time: number | Date): string {
  const t = typeof time === 'number' ? time : time.getTime();
  let text = isoMemo.get(t);
  if (text === undefined) {
    text = new Date(t).toISOString();
    if (isoMemo.size >= ISO_MEMO_LIMIT) isoMemo.clear();
    isoMemo.set(t, text);
  }
  return text;
}

/** Metronome's stamps rewritten as `iso()` does; an unparsable stamp is passed on as it is. */
export function isoStamp(value: string): string {
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : iso(t);
}

/** Midnight UTC of the day holding `time`. */
export const utcDayStart = (time: number): number => Math.floor(time / DAY) * DAY;

export interface TimeRange {
  start: Date;
  end: Date;
}

/** Widens a range to whole windows (hours or days), as Metronome's windows are whole UTC hours or days. */
export function alignToWindows(range: TimeRange, windowSize: 'hour' | 'day' | 'none'): TimeRange {
  const step = windowSize === 'day' ? DAY : HOUR;
  return {
    start: new Date(Math.floor(range.start.getTime() / step) * step),
    end: new Date(Math.ceil(range.end.getTime() / step) * step),
  };
}

/** [start, end) cut into consecutive pieces of `size` from its start, the last one shorter. */
export function splitEvery(start: number, end: number, size: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  for (let from = start; from < end; from += size) pieces.push([from, Math.min(from + size, end)]);
  return pieces;
}
