// What became of each issued invoice's amount due: the payment attempts /v1/payments/list answers and,
// for a contract with a billing provider, the provider's invoice status. Both are derived from one
// outcome per invoice, so that Stripe's status and Metronome's payments never disagree.
import { GLOBEX_ID, HOOLI_ID, INITECH_ID } from '../catalog.ts';
import { derivedUuid } from './ids.ts';
import type { Micros } from './money.ts';
import type { CreditTypeDef } from './world.ts';

export type PaymentOutcome = 'paid' | 'open' | 'processing' | 'failed';
export type PaymentStatus = 'pending' | 'requires_intervention' | 'paid' | 'canceled';

/** The facts of an invoice its payments depend on (InvoiceModel has them). */
export interface PayableInvoice {
  readonly id: string;
  readonly customer_id: string;
  readonly contract_id: string;
  readonly status: 'DRAFT' | 'FINALIZED' | 'VOID';
  readonly credit_type: CreditTypeDef;
  readonly issued_at?: Date;
  readonly total: Micros;
}

export interface PaymentModel {
  readonly id: string;
  readonly invoice_id: string;
  readonly customer_id: string;
  readonly contract_id: string;
  readonly credit_type: CreditTypeDef;
  readonly amount: Micros;
  readonly amount_paid: Micros;
  readonly status: PaymentStatus;
  readonly error_message?: string;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/**
 * Each customer's newest finalized invoices with an amount due, newest first, and what became of them;
 * every older one was paid. Hooli (the demo's customer, invoiced through Stripe, net 30) has this
 * month's invoice still to pay and last month's card payment failing; Globex's newest payment is
 * under way and the one before was declined; Initech (net 45) has not paid its newest yet; Acme has
 * paid everything.
 */
const RECENT: Readonly<Record<string, ReadonlyArray<PaymentOutcome>>> = {
  [HOOLI_ID]: ['open', 'failed'],
  [GLOBEX_ID]: ['processing', 'failed'],
  [INITECH_ID]: ['open'],
};

const HOUR = 3_600_000;
const DECLINED = 'Your card was declined.';

/** Outcomes by invoice id, for the finalized invoices with an amount due of one customer's `invoices` (in any order). */
export function paymentOutcomes(invoices: ReadonlyArray<PayableInvoice>): Map<string, PaymentOutcome> {
  const due = invoices.filter((i) => i.status === 'FINALIZED' && i.issued_at && i.total > 0);
  due.sort((a, b) => b.issued_at!.getTime() - a.issued_at!.getTime() || b.id.localeCompare(a.id));
  return new Map(due.map((invoice, rank) => [invoice.id, RECENT[invoice.customer_id]?.[rank] ?? 'paid']));
}

/** The provider's status (Metronome's ExternalInvoiceStatus) for an issued invoice with this outcome; an invoice with nothing due is PAID. */
export const externalStatusOf = (outcome: PaymentOutcome | undefined): 'PAID' | 'FINALIZED' | 'PAYMENT_FAILED' =>
  outcome === 'failed' ? 'PAYMENT_FAILED' : outcome === 'open' || outcome === 'processing' ? 'FINALIZED' : 'PAID';

/** The payment attempts for one invoice, oldest first, none after `now`. */
export function paymentsOf(invoice: PayableInvoice, outcome: PaymentOutcome | undefined, now: Date): PaymentModel[] {
  if (!outcome || outcome === 'open' || !invoice.issued_at) return [];
  const issued = invoice.issued_at.getTime();
  const attempt = (n: number, status: PaymentStatus, afterHours: number, settledHours: number, error?: string): PaymentModel => {
    const created = Math.min(now.getTime(), issued + afterHours * HOUR);
    return {
      id: derivedUuid('payment', invoice.id, n),
      invoice_id: invoice.id,
      customer_id: invoice.customer_id,
      contract_id: invoice.contract_id,
      credit_type: invoice.credit_type,
      amount: invoice.total,
      amount_paid: status === 'paid' ? invoice.total : 0,
      status,
      ...(error ? { error_message: error } : {}),
      created_at: new Date(created),
      updated_at: new Date(Math.min(now.getTime(), created + settledHours * HOUR)),
    };
  };
  switch (outcome) {
    case 'paid':
      return [attempt(0, 'paid', 24, 48)];
    case 'processing':
      return [attempt(0, 'pending', 24, 0)];
    case 'failed':
      // The card was declined, and the retry three days later needs the customer to act.
      return [attempt(0, 'canceled', 24, 1, DECLINED), attempt(1, 'requires_intervention', 96, 1, DECLINED)];
  }
}
