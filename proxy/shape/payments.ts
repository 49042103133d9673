import type { InvoicePayment, PaymentStatus } from '../../contract/index.ts';
import type { Invoice, Payment } from '../metronome/types.ts';
import { toMicros } from '../money.ts';

/** Pure reading of an invoice's payment status, from its billing provider's status or from Metronome's payments. */

/**
 * Metronome's ExternalInvoiceStatus in plain categories. A provider's invoice that is sent, queued or
 * partly paid is still due; VOID, DELETED, SKIPPED and INVALID_REQUEST_ERROR say nothing about the
 * payment of an invoice Metronome finalized, so they are `unknown`, as is any status added later.
 */
const EXTERNAL: Readonly<Record<string, PaymentStatus>> = {
  PAID: 'paid',
  PARTIALLY_PAID: 'open',
  FINALIZED: 'open',
  SENT: 'open',
  QUEUED: 'open',
  DRAFT: 'open',
  PAYMENT_FAILED: 'failed',
  UNCOLLECTIBLE: 'uncollectible',
};

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/** Whether the invoice needs its payments read: finalized, something due, and no provider status to go by. */
export const needsPayments = (invoice: Invoice): boolean =>
  invoice.status?.toUpperCase() === 'FINALIZED' && !invoice.external_invoice?.external_status && toMicros(invoice.total) > 0;

/**
 * The payment of a listed invoice, without reading its payments: from the provider's status when
 * Metronome has one, `unknown` until `fromPayments` says better. Null when there is no payment to
 * speak of (a draft, a void invoice, nothing due and no provider).
 */
export function paymentOf(invoice: Invoice): InvoicePayment | null {
  const status = invoice.status?.toUpperCase();
  const external = invoice.external_invoice;
  if (status !== 'FINALIZED' || (!external && toMicros(invoice.total) <= 0)) return null;
  const externalStatus = external?.external_status ?? null;
  return {
    status: externalStatus ? (hasOwn(EXTERNAL, externalStatus) ? EXTERNAL[externalStatus]! : 'unknown') : toMicros(invoice.total) > 0 ? 'unknown' : 'paid',
    provider: external?.billing_provider_type ?? null,
    external_status: externalStatus,
    external_invoice_id: external?.invoice_id ?? null,
  };
}

/**
 * What an invoice's payment attempts say: paid once paid payments cover the amount due; `processing`
 * while one is pending; `failed` when the latest attempt needs the customer (requires_intervention) or
 * was canceled with an error; `open` with no attempt (or only canceled ones without error, or paid ones
 * short of the total); `unknown` when the latest attempt has a status Metronome added later.
 */
export function fromPayments(payments: ReadonlyArray<Payment>, total: number): PaymentStatus {
  const paid = payments.filter((p) => p.status === 'paid').reduce((sum, p) => sum + toMicros(p.amount_paid ?? p.amount), 0);
  if (payments.some((p) => p.status === 'paid') && paid >= toMicros(total)) return 'paid';
  if (payments.some((p) => p.status === 'pending')) return 'processing';
  const latest = [...payments].sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '') || 0)[0];
  if (!latest) return 'open';
  if (latest.status === 'requires_intervention' || (latest.status === 'canceled' && latest.error_message)) return 'failed';
  return latest.status === 'canceled' || latest.status === 'paid' ? 'open' : 'unknown';
}
