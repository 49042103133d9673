// Threshold notifications ("alerts") of each customer, and their statuses computed from the same books
// the balances and invoices endpoints answer from, so that an alert in alarm is one whose figure a
// widget shows has really crossed the threshold.
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from '../catalog.ts';
import type { DataClock } from '../data.ts';
import { balanceOf } from '../routes/contract-json.ts';
import { customerInvoices } from './invoices.ts';
import { type Micros, toMicros } from './money.ts';
import { contractBooks, currentPeriod } from './statements.ts';
import { contractsOf, type CreditTypeDef, GPU_CREDITS, USD_CENTS } from './world.ts';

export type AlertType =
  | 'spend_threshold_reached'
  | 'monthly_invoice_total_spend_threshold_reached'
  | 'invoice_total_reached'
  | 'low_remaining_commit_balance_reached'
  | 'low_remaining_contract_credit_balance_reached'
  | 'low_remaining_contract_credit_and_commit_balance_reached'
  | 'low_remaining_days_for_commit_segment_reached';

export interface AlertDef {
  readonly id: string;
  readonly name: string;
  readonly type: AlertType;
  readonly status: 'enabled' | 'disabled' | 'archived';
  /** Absent for thresholds that are not money (days). */
  readonly credit_type?: CreditTypeDef;
  /** In the credit type's unit (USD cents), or days. */
  readonly threshold: number;
  /** How long before now it was last changed; a change within the hour is still being evaluated. */
  readonly updated_ms_ago: number;
}

export type CustomerStatus = 'ok' | 'in_alarm' | 'evaluating' | null;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;

const ALERTS: Readonly<Record<string, ReadonlyArray<AlertDef>>> = {
  [HOOLI_ID]: [
    { id: '0f6d2c8a-4b1e-4a97-9c35-7e2d8b1f6a40', name: 'GPU commit below $40,000', type: 'low_remaining_commit_balance_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 4_000_000, updated_ms_ago: 2 * MONTH },
    { id: '5a9e3f1c-7d2b-4c68-8e04-1b6f9a3d2c57', name: 'Monthly spend above $25,000', type: 'spend_threshold_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 2_500_000, updated_ms_ago: 2 * MONTH },
    { id: 'c3b7e9d1-2f4a-4e85-b6a0-9d1c5e7f3b28', name: 'Invoice above $15,000', type: 'invoice_total_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 1_500_000, updated_ms_ago: MONTH },
    // A type the widgets do not describe: they show its name as Metronome sends it.
    { id: '8e1f4a6b-9c3d-4b72-a5e8-2d7f0c4b9e13', name: 'GPU commit quarter ending', type: 'low_remaining_days_for_commit_segment_reached', status: 'enabled', threshold: 14, updated_ms_ago: MONTH },
    { id: 'd4a8c2e6-1b5f-4d39-8a7c-6e0b3f9d1a84', name: 'Spend above $10,000 (replaced)', type: 'spend_threshold_reached', status: 'archived', credit_type: USD_CENTS, threshold: 1_000_000, updated_ms_ago: 2 * MONTH },
    { id: '2b6f0d4e-8a3c-4f17-9d5b-c1e7a3f8b062', name: 'Monthly invoice above $50,000', type: 'monthly_invoice_total_spend_threshold_reached', status: 'disabled', credit_type: USD_CENTS, threshold: 5_000_000, updated_ms_ago: MONTH },
  ],
  [ACME_ID]: [
    { id: '7c2e5a9f-3d1b-4e60-b8f4-0a6d2c9e5b71', name: 'Platform commit below $25', type: 'low_remaining_commit_balance_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 2_500, updated_ms_ago: MONTH },
    { id: 'e9d3b7a1-6f2c-4a58-9e0d-4b8f1c6a3d95', name: 'Credits used up', type: 'low_remaining_contract_credit_balance_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 0, updated_ms_ago: MONTH },
    // Just created, so Metronome has not evaluated it yet.
    { id: '4f8a1c3e-5b9d-4c26-a7e1-8d3b6f0a2c49', name: 'Monthly spend above $50', type: 'spend_threshold_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 5_000, updated_ms_ago: 10 * 60_000 },
  ],
  [GLOBEX_ID]: [
    { id: '1d5b9f3a-7e2c-4b84-a6d0-3f9c1e5b7a26', name: 'Monthly spend above $300', type: 'spend_threshold_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 30_000, updated_ms_ago: MONTH },
    { id: 'a6c0e4b8-2d7f-4a13-8c59-7b1e5d9a3f60', name: 'Invoice above $500', type: 'invoice_total_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 50_000, updated_ms_ago: MONTH },
  ],
  [INITECH_ID]: [
    { id: '6b2d8f4a-0c5e-4d91-b3a7-5e9c1f7b2d38', name: 'Reserved GPU credits below 10,000', type: 'low_remaining_commit_balance_reached', status: 'enabled', credit_type: GPU_CREDITS, threshold: 10_000, updated_ms_ago: 2 * MONTH },
    { id: 'f3a7c1e5-9b4d-4e28-8f6a-2c0e8b4d6a17', name: 'GPU spend above 40,000 credits', type: 'spend_threshold_reached', status: 'enabled', credit_type: GPU_CREDITS, threshold: 40_000, updated_ms_ago: 2 * MONTH },
    { id: '9e5c3a7b-1f8d-4b40-a2c6-8d4f0b2e9c53', name: 'Storage spend above $5,000', type: 'spend_threshold_reached', status: 'enabled', credit_type: USD_CENTS, threshold: 500_000, updated_ms_ago: 2 * MONTH },
  ],
};

/** A customer's alerts in the order Metronome lists them (oldest change first, then id). */
export const alertsOf = (customerId: string): ReadonlyArray<AlertDef> =>
  [...(ALERTS[customerId.toLowerCase()] ?? [])].sort((a, b) => b.updated_ms_ago - a.updated_ms_ago || a.id.localeCompare(b.id));

/** The figures the alerts watch, per credit type id, each as the balances and invoices endpoints answer it. */
interface Figures {
  /** Prepaid commits with a segment in force: what customerBalances/list says they hold. */
  commits: (creditTypeId: string) => Micros;
  /** Credits with a segment in force, likewise. */
  credits: (creditTypeId: string) => Micros;
  /** Usage charges (before commits and credits) on the current billing period's draft invoices. */
  spend: (creditTypeId: string) => Micros;
  /** What those drafts leave due: charges plus the (negative) commit and credit applications. */
  invoiceTotal: (creditTypeId: string) => Micros;
  /** Days until the soonest end of a commit segment in force. */
  commitDaysLeft: number;
}

function figuresOf(customerId: string, clock: DataClock, now: Date): Figures {
  const contracts = contractsOf(customerId, now);
  const books = contracts.flatMap((contract) => contractBooks(contract, clock, now).commits);
  const inForce = (segments: ReadonlyArray<{ starting_at: Date; ending_before: Date }>) =>
    segments.filter((s) => s.starting_at <= now && now < s.ending_before);
  const held = (type: 'PREPAID' | 'CREDIT') => (creditTypeId: string) =>
    books
      .filter((b) => b.commit.type === type && b.commit.credit_type.id === creditTypeId && inForce(b.commit.segments).length > 0)
      .reduce((sum, b) => sum + balanceOf(b), 0);
  const periods = contracts.map((contract) => currentPeriod(contract, now)).filter((p) => p !== null);
  const drafts = customerInvoices(customerId, clock, now).filter(
    (invoice) => invoice.status === 'DRAFT' && invoice.type !== 'SCHEDULED' && periods.some((p) => invoice.start < p.end && invoice.end > p.start),
  );
  const lines = (creditTypeId: string) => drafts.flatMap((invoice) => invoice.lines).filter((line) => line.kind !== 'scheduled' && line.credit_type.id === creditTypeId);
  const sum = (values: Micros[]) => values.reduce((a, b) => a + b, 0);
  const segmentEnds = books.filter((b) => b.commit.type === 'PREPAID').flatMap((b) => inForce(b.commit.segments).map((s) => s.ending_before.getTime()));
  return {
    commits: held('PREPAID'),
    credits: held('CREDIT'),
    spend: (id) => sum(lines(id).filter((line) => line.kind !== 'application').map((line) => line.total)),
    invoiceTotal: (id) => sum(lines(id).map((line) => line.total)),
    commitDaysLeft: segmentEnds.length ? (Math.min(...segmentEnds) - now.getTime()) / DAY : Number.POSITIVE_INFINITY,
  };
}

/**
 * Each alert's status: null when archived (as Metronome answers), evaluating within an hour of a
 * change, else in_alarm when its figure has reached the threshold (a low balance at or below it, a
 * spend or invoice total at or above it). Disabled alerts are evaluated like enabled ones.
 */
export function alertStatuses(customerId: string, clock: DataClock, now: Date): Map<string, CustomerStatus> {
  const figures = figuresOf(customerId, clock, now);
  const statuses = new Map<string, CustomerStatus>();
  for (const alert of alertsOf(customerId)) {
    const creditTypeId = (alert.credit_type ?? USD_CENTS).id;
    const threshold = toMicros(alert.threshold);
    const reached = ((): boolean => {
      switch (alert.type) {
        case 'low_remaining_commit_balance_reached':
          return figures.commits(creditTypeId) <= threshold;
        case 'low_remaining_contract_credit_balance_reached':
          return figures.credits(creditTypeId) <= threshold;
        case 'low_remaining_contract_credit_and_commit_balance_reached':
          return figures.commits(creditTypeId) + figures.credits(creditTypeId) <= threshold;
        case 'spend_threshold_reached':
          return figures.spend(creditTypeId) >= threshold;
        case 'monthly_invoice_total_spend_threshold_reached':
        case 'invoice_total_reached':
          return figures.invoiceTotal(creditTypeId) >= threshold;
        case 'low_remaining_days_for_commit_segment_reached':
          return figures.commitDaysLeft <= alert.threshold;
      }
    })();
    const status: CustomerStatus = alert.status === 'archived' ? null : alert.updated_ms_ago < HOUR ? 'evaluating' : reached ? 'in_alarm' : 'ok';
    statuses.set(alert.id, status);
  }
  return statuses;
}
