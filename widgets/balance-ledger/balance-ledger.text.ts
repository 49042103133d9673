import type { BalanceItem } from '../../contract/index.ts';
import { type FormatOptions, formatDay, formatMoney, lastDayOf } from '../shared/format.ts';
import { messages } from '../shared/i18n/messages.ts';
import { balanceLedger } from '../shared/i18n/en.ts';

/** Plain words for <balance-ledger>: entry types, item types and runway sentences. */

/**
 * A ledger entry's type in words. Metronome prefixes types with the kind of balance
 * (PREPAID_COMMIT_, POSTPAID_COMMIT_, CREDIT_); types it adds later are still shown, in Metronome's words.
 */
export function entryLabel(type: string, locale?: string): string {
  const t = messages(locale, balanceLedger);
  const kind = type.replace(/^(PREPAID_COMMIT|POSTPAID_COMMIT|CREDIT)_/, '');
  if (Object.hasOwn(t.entryTypes, kind)) return t.entryTypes[kind]!;
  const words = kind.toLowerCase().replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : t.otherEntry;
}

export const itemTypeLabel = (type: BalanceItem['type'], locale?: string) => messages(locale, balanceLedger).itemType(type);

/** An end as the segments' periods show it: the last day in force (Metronome's ends are exclusive). */
const lastDay = (end: string | null, format: FormatOptions) => (end ? formatDay(lastDayOf(new Date(end)), format) : null);

/** "At $1.20 a day (the last 30 days' rate), this runs out around Dec 3, 2026, before its balance expires on Aug 31, 2027." */
export function runwayText(item: BalanceItem, format: FormatOptions): string {
  const t = messages(format.locale, balanceLedger);
  if (item.commitment) return commitmentText(item, format);
  const { burn_per_day: burn, runs_out_at: runsOut, expires_at: expires, runs_out_before_expiry: before } = item.runway;
  const expiry = lastDay(expires, format);
  if (item.remaining <= 0) return t.nothingLeft;
  if (!(burn > 0) || !runsOut) return t.notUsed(expiry);
  const rate = t.burnRate(formatMoney(burn, item.credit_type, format.locale));
  if (before === false && expiry) return t.lastsPastExpiry(rate, expiry);
  return t.runsOut(rate, formatDay(new Date(runsOut), format), before ? expiry : null);
}

/**
 * A postpaid commitment is usage still to reach, not money to spend: its progress toward the minimum,
 * then the shortfall its end will invoice at the recent rate, or that it is on track.
 */
export function commitmentText(item: BalanceItem, format: FormatOptions): string {
  const t = messages(format.locale, balanceLedger);
  const c = item.commitment!;
  const money = (v: number) => formatMoney(v, item.credit_type, format.locale);
  const end = lastDay(c.ends_at, format);
  const outlook = c.projected_shortfall > 0 ? t.shortfall(money(c.projected_shortfall), end) : t.onTrack(end);
  return `${t.minimumProgress(money(c.consumed), money(c.minimum))}. ${outlook}`;
}
