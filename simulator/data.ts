// Deterministic usage data. Every (metric, series, UTC hour) has an integer value derived from a
// seeded hash — nothing is materialised and Math.random is never used. Values are anchored to the
// injected clock: data exists for the DATA_DAYS * 24 whole hours before the current (partial) hour,
// and is 0 before that horizon and from the current hour on. A given absolute hour has the same
// value under any clock that includes it, so moving the clock only moves the horizon.
import type { MetricDef } from './catalog.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DATA_DAYS = 120;

/** Epoch hour index (floor) of a millisecond timestamp. */
export const hourIndex = (ms: number): number => Math.floor(ms / HOUR_MS);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a sequence of integers (each taken mod 2^32). */
export function hashInts(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) h = fmix32((h ^ fmix32((x | 0) + 0x7f4a7c15)) >>> 0);
  return h;
}

/** 32-bit FNV-1a of a string, used to salt hashes with ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const unit = (h: number): number => h / 0x1_0000_0000;

/** Usage of one series during one absolute hour, ignoring the data horizon. Always an integer >= 0. */
export function rawHourValue(seed: number, metric: MetricDef, seriesIndex: number, hour: number): number {
  const series = metric.series[seriesIndex];
  if (!series) return 0;
  const salt = hashString(metric.id);
  const h = hashInts(seed, salt, seriesIndex, hour);
  if (unit(h) < series.zeroChance) return 0;
  const { diurnal, peakHourUtc, weekend, noise } = metric.profile;
  const hourOfDay = ((hour % 24) + 24) % 24;
  const day = Math.floor(hour / 24);
  const dayOfWeek = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const daily = 1 + diurnal * Math.cos((2 * Math.PI * (hourOfDay - peakHourUtc)) / 24);
  const weekly = dayOfWeek === 0 || dayOfWeek === 6 ? weekend : 1;
  const wave = 1 + 0.15 * Math.sin((2 * Math.PI * day) / 23 + (salt % 97));
  const jitter = 1 + noise * (2 * unit(hashInts(h, 0x51ed27)) - 1);
  return Math.max(0, Math.round((series.scale / (1 + diurnal)) * daily * weekly * wave * jitter));
}

export interface DataClock {
  readonly seed: number;
  /** First hour with data (inclusive). */
  readonly firstHour: number;
  /** Current hour: first hour without data (exclusive end of data). */
  readonly nowHour: number;
}

export function dataClock(seed: number, now: Date): DataClock {
  const nowHour = hourIndex(now.getTime());
  return { seed, nowHour, firstHour: nowHour - DATA_DAYS * 24 };
}

/** Usage of one series in one hour, honouring the data horizon. */
export function hourValue(clock: DataClock, metric: MetricDef, seriesIndex: number, hour: number): number {
  if (hour < clock.firstHour || hour >= clock.nowHour) return 0;
  return rawHourValue(clock.seed, metric, seriesIndex, hour);
}

/** Sum over hours [fromHour, toHour) of the given series. Cost is proportional to the hours with data. */
export function sumUsage(clock: DataClock, metric: MetricDef, seriesIndexes: ReadonlyArray<number>, fromHour: number, toHour: number): number {
  const start = Math.max(fromHour, clock.firstHour);
  const end = Math.min(toHour, clock.nowHour);
  let total = 0;
  for (const i of seriesIndexes) {
    for (let hour = start; hour < end; hour++) total += rawHourValue(clock.seed, metric, i, hour);
  }
  return total;
}
