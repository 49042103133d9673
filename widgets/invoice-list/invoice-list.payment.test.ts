import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { InvoicePayment, InvoiceSummary, PaymentStatus } from '../../contract/index.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS } from '../test/hand-made.ts';
import './invoice-list.ts';
import type { InvoiceList } from './invoice-list.ts';

/** Issue 17: each invoice's payment status in words, and the host's "Pay now" link for the ones still to pay. */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy(HOOLI_ID);
});
afterEach(() => proxy.restore());

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
const listed = (el: InvoiceList) => waitUntil(() => parts(el, 'row').length > 0 || part(el, 'error'), 'nothing was listed', { timeout: 4000 });
const rowPart = (el: InvoiceList, name: string) => parts(el, 'row').map((r) => r.querySelector<HTMLElement>(`[part~="${name}"]`));

async function invoices(attributes = html``, locale = 'en-US', payUrl = '') {
  return fixture<InvoiceList>(
    html`<invoice-list endpoint=${ENDPOINT} locale=${locale} days="365" refresh-interval="0" pay-url=${payUrl} .tokenProvider=${proxy.tokenProvider}>${attributes}</invoice-list>`,
  );
}

const payment = (status: PaymentStatus, extra: Partial<InvoicePayment> = {}): InvoicePayment => ({ status, provider: null, external_status: null, external_invoice_id: null, ...extra });
const summary = (id: string, extra: Partial<InvoiceSummary> = {}): InvoiceSummary => ({
  id,
  status: 'finalized',
  type: 'usage',
  contract_id: null,
  contract_name: null,
  credit_type: EUR_CENTS,
  period: { starting_on: '2026-10-01T00:00:00.000Z', ending_before: '2026-11-01T00:00:00.000Z' },
  issued_at: '2026-11-01T00:00:00.000Z',
  charges: 1000,
  applied: 0,
  total: 1000,
  payment: null,
  ...extra,
});
const list = (...items: InvoiceSummary[]) => ({ '/api/invoices': { since: '2026-01-01T00:00:00.000Z', invoices: items } });

/** One invoice per status, then an unknown one with the provider's own status, then a draft without payment. */
const everyStatus = [
  summary('paid', { payment: payment('paid', { provider: 'stripe', external_status: 'PAID' }) }),
  summary('open', { payment: payment('open') }),
  summary('processing', { payment: payment('processing') }),
  summary('failed', { payment: payment('failed') }),
  summary('uncollectible', { payment: payment('uncollectible', { provider: 'stripe', external_status: 'UNCOLLECTIBLE' }) }),
  summary('unknown', { payment: payment('unknown') }),
  summary('on-hold', { payment: payment('unknown', { provider: 'netsuite', external_status: 'ON_HOLD' }) }),
  summary('draft', { status: 'draft', issued_at: null }),
];
const WORDS = ['Payment: Paid', 'Payment: Unpaid', 'Payment: Processing', 'Payment: Payment failed', 'Payment: Uncollectible', 'Payment: Unknown', 'Payment: On hold', null];

describe('<invoice-list> payment status', () => {
  it('says each invoice\'s payment status in words, the provider\'s own when the proxy cannot place it, and nothing for a draft', async () => {
    answerWith(proxy, list(...everyStatus));
    const el = await invoices();
    await listed(el);
    expect(rowPart(el, 'payment').map((b) => b && text(b))).to.deep.equal(WORDS);
    await expect(el).to.be.accessible();
  });

  it('says the same in the cards of a narrow widget', async () => {
    answerWith(proxy, list(...everyStatus));
    const el = await invoices(html``, 'en-US', '#pay-{id}');
    el.style.width = '320px';
    await listed(el);
    await waitUntil(() => part(el, 'table')!.classList.contains('cards'), 'the invoices were not drawn as cards at 320 px');
    expect(rowPart(el, 'payment').map((b) => b && text(b))).to.deep.equal(WORDS);
    expect(rowPart(el, 'pay-now').map((a) => a?.getAttribute('href') ?? null)).to.deep.equal([null, '#pay-open', null, '#pay-failed', null, null, null, null]);
    for (const link of parts(el, 'pay-now')) expect(link.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
    await expect(el).to.be.accessible();
  });

  it('in German', async () => {
    await import('../locales/de.ts');
    answerWith(proxy, list(...everyStatus.slice(0, 4), summary('t', { type: 'trueup' })));
    const el = await invoices(html``, 'de-DE', '/zahlen/{id}');
    await listed(el);
    expect(parts(el, 'payment').map(text)).to.deep.equal(['Zahlung: Bezahlt', 'Zahlung: Offen', 'Zahlung: In Bearbeitung', 'Zahlung: Zahlung fehlgeschlagen']);
    expect(parts(el, 'pay-now').map(text)).to.deep.equal(['Jetzt bezahlen, Rechnung für 1. Okt. 2026 – 31. Okt. 2026', 'Jetzt bezahlen, Rechnung für 1. Okt. 2026 – 31. Okt. 2026']);
    expect(text(parts(el, 'row')[4]!.querySelector('td[data-label="Art"]'))).to.equal('Nachberechnung');
    expect(text(part(el, 'pdf'))).to.match(/^PDF der Rechnung für/);
    await expect(el).to.be.accessible();
  });
});

describe('<invoice-list> Pay now', () => {
  it('links each unpaid or failed invoice with an amount due to the host\'s URL, its id filled in, and no other', async () => {
    answerWith(proxy, list(...everyStatus, summary('nothing-due', { payment: payment('open'), total: 0 }), summary('a/b', { payment: payment('failed') })));
    const el = await invoices(html``, 'en-US', 'https://pay.example.com/invoices/{id}?from=widget');
    await listed(el);
    const links = rowPart(el, 'pay-now');
    expect(links.map((a) => a?.getAttribute('href') ?? null)).to.deep.equal([
      null,
      'https://pay.example.com/invoices/open?from=widget',
      null,
      'https://pay.example.com/invoices/failed?from=widget',
      null,
      null,
      null,
      null,
      null,
      'https://pay.example.com/invoices/a%2Fb?from=widget',
    ]);
    await expect(el).to.be.accessible();
  });

  it('is named after its invoice for screen readers, and reached with the keyboard', async () => {
    answerWith(proxy, list(summary('open', { payment: payment('open') })));
    const el = await invoices(html``, 'en-US', '#pay-{id}');
    await listed(el);
    const link = part(el, 'pay-now')!;
    expect(text(link)).to.equal('Pay now, invoice for Oct 1, 2026 – Oct 31, 2026');
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(link);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => location.hash === '#pay-open', 'Enter did not follow the link');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('takes a function of the invoice instead of a URL, and shows no link where it answers none', async () => {
    answerWith(proxy, list(summary('open', { payment: payment('open') }), summary('failed', { payment: payment('failed'), total: 25 })));
    const el = await invoices();
    await listed(el);
    expect(parts(el, 'pay-now')).to.deep.equal([], 'no link without a pay URL');
    el.payUrl = (invoice) => (invoice.total > 100 ? `/checkout?invoice=${invoice.id}&amount=${invoice.total}` : null);
    await el.updateComplete;
    expect(rowPart(el, 'pay-now').map((a) => a?.getAttribute('href') ?? null)).to.deep.equal(['/checkout?invoice=open&amount=1000', null]);
  });

  it('shows none for the paid invoices of the simulator\'s Hooli AI, and one for its unpaid and failed ones', async () => {
    const el = await invoices(html``, 'en-US', '#pay-{id}');
    await listed(el);
    const rows = parts(el, 'row').map((r) => [r.querySelector('[part~="payment"]')?.textContent?.replace('Payment: ', '') ?? null, !!r.querySelector('[part~="pay-now"]')]);
    expect(rows.filter(([status]) => status === 'Paid').every(([, link]) => !link)).to.equal(true);
    expect(rows.filter(([, link]) => link).map(([status]) => status)).to.deep.equal(['Unpaid', 'Payment failed']);
    await expect(el).to.be.accessible();
  });
});
