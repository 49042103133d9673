import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { BalancesResponse, InvoicesResponse, InvoiceSummary } from '../../contract/index.ts';
import { MwInvoiceRequestEvent, type MwErrorEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS } from '../test/hand-made.ts';
import '../balance-ledger/balance-ledger.ts';
import './invoice-list.ts';
import type { InvoiceList } from './invoice-list.ts';

/** What issue 15 asks of the invoice list: amounts that add up, names, true-ups, the PDF's progress, invoices asked for by other widgets (payment: invoice-list.payment.test.ts). */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy(HOOLI_ID);
});
afterEach(() => proxy.restore());

const YEAR = 365;
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
const listed = (el: InvoiceList) => waitUntil(() => parts(el, 'row').length > 0 || part(el, 'error'), 'nothing was listed', { timeout: 4000 });

async function invoices(attributes = html``, locale = 'en-US') {
  return fixture<InvoiceList>(html`<invoice-list endpoint=${ENDPOINT} locale=${locale} days=${YEAR} refresh-interval="0" .tokenProvider=${proxy.tokenProvider}>${attributes}</invoice-list>`);
}

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

describe('<invoice-list> amounts, names and types', () => {
  it('shows per invoice the charges, what commits and credits paid, and the amount due, which add up', async () => {
    const el = await invoices();
    await listed(el);
    const since = new Date(Date.now() - YEAR * 86_400_000).toISOString().slice(0, 10);
    const data = await proxy.get<InvoicesResponse>(`/api/invoices?since=${since}`);
    const money = (i: InvoiceSummary, v: number) => formatMoney(v, i.credit_type, 'en-US');
    parts(el, 'row').forEach((row, n) => {
      const invoice = data.invoices[n]!;
      const [charges, applied, due] = [...row.querySelectorAll('td.num')].map(text);
      expect([charges, applied, due]).to.deep.equal([money(invoice, invoice.charges), money(invoice, invoice.applied), money(invoice, invoice.total)]);
      expect(Math.round((invoice.charges + invoice.applied) * 1e6)).to.equal(Math.round(invoice.total * 1e6));
    });
    expect(data.invoices.some((i) => i.applied < 0), 'a commit or credit paid something').to.equal(true);
    const headers = [...el.shadowRoot!.querySelectorAll('thead th')].map(text);
    expect(headers.slice(4, 7)).to.deep.equal(['Charges', 'Commits and credits', 'Amount due']);
  });

  it('labels the true-up with its type and the span it settles, and a commit purchase by its day', async () => {
    const el = await invoices();
    await listed(el);
    const rows = parts(el, 'row');
    const of = (type: string) => rows.find((r) => text(r.querySelector('td[data-label="Type"]')) === type)!;
    const trueup = of('True-up');
    expect(trueup, 'a true-up row').to.exist;
    const [from, to] = text(trueup.querySelector('th button')).split(' – ').map((d) => Date.parse(d));
    expect(to! - from!, 'the minimum\'s months, first day to last').to.be.greaterThan(60 * 86_400_000);
    const purchase = text(of('Scheduled').querySelector('th button'));
    expect(purchase, 'one day, not a period ending before it starts').to.match(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect([...el.shadowRoot!.querySelectorAll('select option')].map(text)).to.include('True-up');
  });

  it('names contracts in the filter (by number when one has no name) and on each row', async () => {
    answerWith(proxy, list(summary('a', { contract_id: 'c1', contract_name: 'Enterprise 2026' }), summary('b', { contract_id: 'c2' })));
    const el = await invoices();
    await listed(el);
    const filter = [...el.shadowRoot!.querySelectorAll('label')].find((l) => text(l).startsWith('Contract'))!;
    expect([...filter.querySelectorAll('option')].map(text)).to.deep.equal(['All', 'Enterprise 2026', 'Contract 2']);
    expect(parts(el, 'row').map((r) => r.querySelector('th .small')?.textContent)).to.deep.equal(['Enterprise 2026', undefined]);
  });
});

describe('<invoice-list> PDF download', () => {
  /** From now on a PDF answer whose bytes come when the test says so. */
  function slowPdf(length: number | null) {
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
    const headers = { 'content-type': 'application/pdf', ...(length === null ? {} : { 'content-length': String(length) }) };
    proxy.override = async (request) => (new URL(request.url).pathname.endsWith('/pdf') ? new Response(body, { headers }) : Response.json({}, { status: 404 }));
    return send;
  }

  it('shows its progress on the button, which takes no second click, then saves the file', async () => {
    const el = await invoices();
    await listed(el);
    const send = slowPdf(10);
    const saved: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (b: Blob) => (saved.push(b), 'blob:test');
    try {
      const button = part(el, 'pdf')!;
      button.click();
      await waitUntil(() => text(button).startsWith('Downloading…'), 'no progress');
      send.enqueue(new TextEncoder().encode('%PDF-'));
      await waitUntil(() => text(button).startsWith('Downloading… 50%'), `no percentage: ${text(button)}`);
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(button.closest('[aria-live="polite"]')).to.exist;
      button.click();
      await expect(el).to.be.accessible();
      send.enqueue(new TextEncoder().encode('1.4 x'));
      send.close();
      await waitUntil(() => saved.length === 1 && text(button).startsWith('PDF'), 'the PDF was not saved');
      expect(proxy.requests.filter((r) => r.url.endsWith('/pdf'))).to.have.length(1);
    } finally {
      URL.createObjectURL = original;
    }
  });

  it('shows that it is downloading, without a percentage, when the size is not known', async () => {
    const el = await invoices();
    await listed(el);
    const send = slowPdf(null);
    const button = part(el, 'pdf')!;
    button.click();
    send.enqueue(new TextEncoder().encode('%PDF-'));
    await waitUntil(() => proxy.requests.some((r) => r.url.endsWith('/pdf')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text(button)).to.match(/^Downloading… of the invoice for /);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
  });

  it('says so on the row when it fails, with the detail in mw-error, and Retry downloads it', async () => {
    const el = await invoices();
    await listed(el);
    proxy.override = async (request) =>
      new URL(request.url).pathname.endsWith('/pdf') ? Response.json({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }, { status: 502 }) : Response.json({}, { status: 404 });
    const failed = oneEvent(el, 'mw-error') as Promise<MwErrorEvent>;
    part(el, 'pdf')!.click();
    expect((await failed).message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => el.shadowRoot!.querySelector('.pdf-failed'), 'no visible error');
    expect(text(el.shadowRoot!.querySelector('.pdf-failed'))).to.equal('The PDF could not be downloaded.');
    expect(text(part(el, 'pdf'))).to.match(/^Retry: PDF of the invoice for /);
    await expect(el).to.be.accessible();
    proxy.override = null;
    const original = URL.createObjectURL;
    let saved: Blob | undefined;
    URL.createObjectURL = (b: Blob) => ((saved = b), 'blob:test');
    try {
      part(el, 'pdf')!.click();
      await waitUntil(() => saved && !el.shadowRoot!.querySelector('.pdf-failed'), 'the retry did not download');
    } finally {
      URL.createObjectURL = original;
    }
    expect(await saved!.slice(0, 5).text()).to.equal('%PDF-');
  });
});

describe('<invoice-list listen-invoice-requests>', () => {
  it('opens the invoice of a ledger\'s "View invoice", even one older than its list, scrolled to and focused', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
      <invoice-list endpoint=${ENDPOINT} locale="en-US" days="1" refresh-interval="0" listen-invoice-requests .tokenProvider=${proxy.tokenProvider}></invoice-list>
    </div>`);
    const ledger = page.querySelector('balance-ledger')!;
    const el = page.querySelector('invoice-list')!;
    await waitUntil(() => parts(ledger, 'row').length > 0, 'no commits', { timeout: 4000 });
    for (const row of parts(ledger, 'row')) row.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(ledger, 'invoice'), 'no "View invoice"', { timeout: 4000 });
    const { items } = await proxy.get<BalancesResponse>('/api/balances');
    const requested = oneEvent(page, MwInvoiceRequestEvent.eventName) as Promise<MwInvoiceRequestEvent>;
    part(ledger, 'invoice')!.click();
    const { invoiceId } = await requested;
    expect(items.flatMap((i) => i.ledger.map((e) => e.invoice_id))).to.include(invoiceId);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'detail-title', 'the invoice was not opened and focused', { timeout: 4000 });
    expect(text(el.shadowRoot!.querySelector('#detail-title'))).to.match(/^Invoice for /);
    expect(parts(el, 'row').some((r) => r.getAttribute('aria-current') === 'true'), 'older than the list').to.equal(false);
    expect(proxy.requests.some((r) => new URL(r.url).pathname === `/api/invoices/${invoiceId}`)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('says so when the invoice asked for is not the customer\'s, and then opens another without jumping to it', async () => {
    const el = await invoices(html``);
    el.listenInvoiceRequests = true;
    await listed(el);
    document.body.dispatchEvent(new MwInvoiceRequestEvent('0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0'));
    const failure = oneEvent(el, 'mw-error') as Promise<MwErrorEvent>;
    await waitUntil(() => part(el, 'error'), 'no error for an unknown invoice', { timeout: 4000 });
    expect(text(part(el, 'error'))).to.contain('This billing information could not be found.');
    expect((await failure).message, 'the proxy\'s words go to the page').to.contain('No such invoice for this customer.');
    await expect(el).to.be.accessible();
    const open = parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!;
    open.focus();
    open.click();
    await waitUntil(() => part(el, 'detail'), 'the invoice did not open', { timeout: 4000 });
    expect(el.shadowRoot!.activeElement, 'focus stays where the viewer is').to.equal(open);
  });

  it('leaves requests alone without the attribute', async () => {
    const el = await invoices();
    await listed(el);
    document.body.dispatchEvent(new MwInvoiceRequestEvent('0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0'));
    await el.updateComplete;
    expect(part(el, 'detail')).to.equal(null);
  });
});
