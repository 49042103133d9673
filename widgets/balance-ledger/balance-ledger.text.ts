import type { BalanceItem } from '../../contract/index.ts';
import { type FormatOptions, formatDate, formatMoney } from '../shared/format.ts';

/** Plain words for <balance-ledger>: entry types, item types and runway sentences. */

const KNOWN: Record<string, string> = {
  SEGMENT_START: 'Granted',
  INITIAL_BALANCE: 'Commitment started',
  AUTOMATED_INVOICE_DEDUCTION: 'Used on an invoice',
  EXPIRATION: 'Expired',
  TRUEUP: 'True-up invoiced',
  ROLLOVER: 'Rolled over',
  MANUAL: 'Manual adjustment',
  CANCELED: 'Canceled',
  CREDITED: 'Credited back',
  SEAT_BASED_ADJUSTMENT: 'Seat change adjustment',
};

/**
 * A ledger entry's type in words. Metronome prefixes types with the kind of balance
 * (PREPAID_COMMIT_, POSTPAID_COMMIT_, CREDIT_); types it adds later are still shown, in words.
 */
export function entryLabel(type: string): string {
  const kind = type.replace(/^(PREPAID_COMMIT|POSTPAID_COMMIT|CREDIT)_/, '');
  if (KNOWN[kind]) return KNOWN[kind];
  const words = kind.toLowerCase().replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Other entry';
}

export const itemTypeLabel = (type: BalanceItem['type']) => (type === 'PREPAID' ? 'Prepaid commit' : type === 'POSTPAID' ? 'Postpaid commit' : 'Credit');

const day: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' };

/** "At $1.20 a day (the last 30 days' rate), this runs out around Dec 3, 2026, before it expires on Sep 1, 2027." */
export function runwayText(item: BalanceItem, format: FormatOptions): string {
  const { burn_per_day: burn, runs_out_at: runsOut, expires_at: expires, runs_out_before_expiry: before } = item.runway;
  const expiry = expires ? formatDate(new Date(expires), format, day) : null;
  if (item.remaining <= 0) return 'Nothing left to use.';
  if (!(burn > 0) || !runsOut) return `Not used in the last 30 days${expiry ? `; expires on ${expiry}` : ''}.`;
  const rate = `At ${formatMoney(burn, item.credit_type, format.locale)} a day (the last 30 days' rate)`;
  const out = formatDate(new Date(runsOut), format, day);
  if (before === false && expiry) return `${rate}, this lasts past its expiry on ${expiry}; what is left then expires.`;
  return `${rate}, this runs out around ${out}${before && expiry ? `, before it expires on ${expiry}` : ''}.`;
}
