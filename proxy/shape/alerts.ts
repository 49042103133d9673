import type { AlertKind, AlertSummary, BalanceItem } from '../../contract/index.ts';
import type { CustomerAlert } from '../metronome/types.ts';
import { fromMicros, toMicros, USD_CENTS } from '../money.ts';
import { availableNow } from './balances.ts';
import type { SpendTotals } from './lines.ts';

/** Pure: /api/alerts from Metronome's threshold notifications and the figures the other routes show. */

const KINDS: Record<string, AlertKind> = {
  low_remaining_commit_balance_reached: 'low_commit_balance',
  low_remaining_commit_percentage_reached: 'low_commit_percentage',
  low_remaining_contract_credit_percentage_reached: 'low_credit_percentage',
  low_remaining_days_for_commit_segment_reached: 'commit_days_left',
  low_remaining_days_for_contract_credit_segment_reached: 'credit_days_left',
  low_remaining_seat_balance_reached: 'low_seat_balance',
  low_remaining_contract_credit_balance_reached: 'low_credit_balance',
  // The older name, for credit grants, still in Metronome's examples.
  low_credit_balance_reached: 'low_credit_balance',
  low_remaining_contract_credit_and_commit_balance_reached: 'low_balance',
  spend_threshold_reached: 'spend',
  invoice_total_reached: 'invoice_total',
  monthly_invoice_total_spend_threshold_reached: 'invoice_total',
};

/** The kinds whose threshold is not money: a percentage, days or seats, whatever credit type Metronome sends. */
const COUNTED: ReadonlySet<string> = new Set(['low_commit_percentage', 'low_credit_percentage', 'commit_days_left', 'credit_days_left', 'low_seat_balance']);

const STATUS_ORDER = { in_alarm: 0, evaluating: 1, ok: 2 } as const;

export const kindOf = (type: string): AlertKind | string => KINDS[type] ?? type;

/** Which figures the notifications need, so that the route reads only those. */
export function figuresNeeded(alerts: CustomerAlert[]) {
  const kinds = new Set(alerts.map((a) => kindOf(a.alert.type)));
  return { balances: ['low_commit_balance', 'low_credit_balance', 'low_balance'].some((k) => kinds.has(k)), spend: kinds.has('spend') || kinds.has('invoice_total') };
}

export interface AlertFigures {
  /** /api/balances' items, when read. */
  balances: BalanceItem[] | null;
  /** The current billing period's drafts, per credit type id (lower case), as /api/spend/summary counts them; null when not read. */
  spend: Map<string, SpendTotals> | null;
}

/** What the notification watches now, in its credit type's unit; null when it is not one the proxy can read. */
function currentOf(kind: string, creditTypeId: string, figures: AlertFigures): number | null {
  const held = (types: BalanceItem['type'][]) =>
    figures.balances === null
      ? null
      : fromMicros(
          figures.balances
            .filter((item) => availableNow(item) && types.includes(item.type) && item.credit_type.id.toLowerCase() === creditTypeId)
            .reduce((sum, item) => sum + toMicros(item.remaining), 0),
        );
  const totals = figures.spend?.get(creditTypeId);
  switch (kind) {
    case 'low_commit_balance':
      return held(['PREPAID']);
    case 'low_credit_balance':
      return held(['CREDIT']);
    case 'low_balance':
      return held(['PREPAID', 'CREDIT']);
    case 'spend':
      return figures.spend === null ? null : fromMicros(totals?.spend ?? 0);
    case 'invoice_total':
      return figures.spend === null ? null : fromMicros((totals?.spend ?? 0) + (totals?.credits ?? 0));
    default:
      return null;
  }
}

/**
 * Archived notifications (no status, or status archived) and disabled ones (not watched) are left out;
 * every other one is kept, an unknown type under its own name. A money kind without a credit type is
 * in USD cents, Metronome's default; a percentage, days or seats have none. In alarm first, then evaluating, then ok, each in Metronome's order.
 */
export function shapeAlerts(alerts: CustomerAlert[], figures: AlertFigures): AlertSummary[] {
  return alerts
    .filter(({ customer_status, alert }) => customer_status != null && Object.hasOwn(STATUS_ORDER, customer_status) && alert.status?.toLowerCase() === 'enabled')
    .map(({ customer_status, alert }) => {
      const kind = kindOf(alert.type);
      const creditType = COUNTED.has(kind) ? null : (alert.credit_type ?? (Object.hasOwn(KINDS, alert.type) ? USD_CENTS : null));
      return {
        id: alert.id,
        name: alert.name,
        kind,
        status: customer_status!,
        threshold: alert.threshold,
        credit_type: creditType ? { id: creditType.id, name: creditType.name } : null,
        current: currentOf(kind, (creditType ?? USD_CENTS).id.toLowerCase(), figures),
      };
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}
