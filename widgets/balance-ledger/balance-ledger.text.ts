import type { BalanceItem } from '../../contract/index.ts';
import { type FormatOptions, formatDay, formatMoney } from '../shared/format.ts';
import { messages } from '../shared/i18n/messages.ts';

/** Plain words for <balance-ledger>: entry types, item types and runway sentences. */

/**
 * A ledger entry's type in words. Metronome prefixes types with the kind of balance
 * (PREPAID_COMMIT_, POSTPAID_COMMIT_, CREDIT_); types it adds later are still shown, in Metronome's words.
 */
export function entryLabel(type: string, locale?: string): string {
  const t = messages(locale);
  const kind = type.replace(/^(PREPAID_COMMIT|POSTPAID_COMMIT|CREDIT)_/, '');
  if (Object.hasOwn(t.entryTypes, kind)) return t.entryTypes[kind]!;
  const words = kind.toLowerCase().replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : t.otherEntry;
}

export const itemTypeLabel = (type: BalanceItem['type'], locale?: string) => messages(locale).itemType(type);

/** "At $1.20 a day (the last 30 days' rate), this runs out around Dec 3, 2026, before it expires on Sep 1, 2027." */
export function runwayText(item: BalanceItem, format: FormatOptions): string {
  const t = messages(format.locale);
  const { burn_per_day: burn, runs_out_at: runsOut, expires_at: expires, runs_out_before_expiry: before } = item.runway;
  const expiry = expires ? formatDay(new Date(expires), format) : null;
  if (item.remaining <= 0) return t.nothingLeft;
  if (!(burn > 0) || !runsOut) return t.notUsed(expiry);
  const rate = t.burnRate(formatMoney(burn, item.credit_type, format.locale));
  if (before === false && expiry) return t.lastsPastExpiry(rate, expiry);
  return t.runsOut(rate, formatDay(new Date(runsOut), format), before ? expiry : null);
}
