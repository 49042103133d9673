// POST /v1/payments/list (listPayments-v1): the payment attempts for one invoice, from billing/payments.ts.
import { Hono } from 'hono';
import { findCustomer } from '../catalog.ts';
import { dataClock } from '../data.ts';
import { apiError, decodeCursor, encodeCursor, fingerprint, isoHour } from '../http.ts';
import { customerInvoices } from '../billing/invoices.ts';
import { fromMicros } from '../billing/money.ts';
import { type PaymentModel, type PaymentStatus, paymentOutcomes, paymentsOf } from '../billing/payments.ts';
import { specBody } from './body.ts';

/** The spec's default (and maximum) page size for payments. */
const DEFAULT_PAYMENT_LIMIT = 25;

interface ListPayload {
  customer_id: string;
  invoice_id: string;
  statuses?: PaymentStatus[];
  next_page?: string;
  limit?: number;
}

function paymentJson(payment: PaymentModel): Record<string, unknown> {
  return {
    id: payment.id,
    invoice_id: payment.invoice_id,
    customer_id: payment.customer_id,
    contract_id: payment.contract_id,
    fiat_credit_type: { id: payment.credit_type.id, name: payment.credit_type.name },
    amount: fromMicros(payment.amount),
    amount_paid: fromMicros(payment.amount_paid),
    status: payment.status,
    ...(payment.error_message ? { error_message: payment.error_message } : {}),
    created_at: isoHour(payment.created_at.getTime()),
    updated_at: isoHour(payment.updated_at.getTime()),
  };
}

/**
 * Choices (the spec leaves them open): attempts oldest first; an unknown customer, an unknown
 * invoice and another customer's invoice are all 404; a draft or void invoice has no payments.
 */
export function paymentsRoutes(options: { now: () => Date; seed: number }): Hono {
  const app = new Hono();

  app.post('/v1/payments/list', async (c) => {
    const body = await specBody<ListPayload>(c, '/v1/payments/list');
    const customerId = findCustomer(body.customer_id.toLowerCase())?.id;
    if (!customerId) return apiError(c, 404, 'Customer not found');
    const now = options.now();
    const invoices = customerInvoices(customerId, dataClock(options.seed, now), now);
    const invoice = invoices.find((i) => i.id === body.invoice_id.toLowerCase());
    if (!invoice) return apiError(c, 404, `Invoice not found: ${body.invoice_id}`);
    const statuses = body.statuses;
    const payments = paymentsOf(invoice, paymentOutcomes(invoices).get(invoice.id), now).filter((p) => !statuses || statuses.includes(p.status));
    const limit = body.limit ?? DEFAULT_PAYMENT_LIMIT;
    const fp = fingerprint(['payments', customerId, invoice.id, [...(statuses ?? [])].sort()]);
    const offset = decodeCursor(body.next_page, fp, payments.length);
    const end = Math.min(offset + limit, payments.length);
    return c.json({ data: payments.slice(offset, end).map(paymentJson), next_page: end < payments.length ? encodeCursor(end, fp) : null });
  });

  return app;
}
