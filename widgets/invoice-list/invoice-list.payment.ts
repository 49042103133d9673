import { html, nothing } from 'lit';
import type { InvoiceSummary } from '../../contract/index.ts';
import type { invoiceList } from '../shared/i18n/en.ts';

/**
 * Where a host takes a customer to pay an invoice: a URL in which `{id}` stands for the invoice's
 * Metronome id (`https://pay.example.com/invoices/{id}`, set as an attribute from plain HTML), or a
 * function of the invoice answering its URL, or nothing for no link.
 */
export type PayUrl = string | ((invoice: InvoiceSummary) => string | null | undefined);

type Words = typeof invoiceList;

/** A status the catalogue does not know, as words: ON_HOLD reads "On hold". */
const readable = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, ' ');

/** The payment badge, in words (never colour alone); an unknown status says the provider's own when it gave one. */
export function paymentTemplate(invoice: InvoiceSummary, t: Words) {
  const payment = invoice.payment;
  if (!payment) return nothing;
  const { status, external_status: external } = payment;
  return html`<span part="payment" class="payment-${status}" title=${payment.provider ?? nothing}><span class="visually-hidden">${t.payment}</span>${status === 'unknown' && external ? readable(external) : t.paymentStatus[status]}</span>`;
}

/** The host's "Pay now" link, for an invoice still to pay (open, or its payment failed) with an amount due. */
export function payTemplate(invoice: InvoiceSummary, payUrl: PayUrl | undefined, period: string, t: Words) {
  const status = invoice.payment?.status;
  if (!payUrl || !(status === 'open' || status === 'failed') || !(invoice.total > 0)) return nothing;
  const href = typeof payUrl === 'function' ? payUrl(invoice) : payUrl.replace(/\{id\}/g, encodeURIComponent(invoice.id));
  return href ? html`<a part="pay-now" href=${href}>${t.payNow}<span class="visually-hidden">${t.payNowOf(period)}</span></a>` : nothing;
}
