import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GLOBEX_ID } from '../../simulator/index.ts';
import type { InvoiceDetailResponse, InvoicesResponse } from '../../contract/index.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS, GPU_CREDITS, JPY } from '../test/hand-made.ts';
import { DAYS_AGO_0915, DAYS_AGO_TEXT, expectStale, stale, staleNote, TODAY_1042, ZONE } from '../test/stale.ts';
import './invoice-list.ts';
import type { InvoiceList } from './invoice-list.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

async function invoices(extra: Partial<InvoiceList> = {}) {
  const el = await fixture<InvoiceList>(html`<invoice-list endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></invoice-list>`);
  Object.assign(el, extra);
  return el;
}

const part = (el: InvoiceList, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: InvoiceList, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const listed = (el: InvoiceList) => waitUntil(() => parts(el, 'row').length > 0 || part(el, 'empty') || part(el, 'error'), 'nothing was listed', { timeout: 4000 });
const lastList = () => new URL(proxy.requests.filter((r) => new URL(r.url).pathname === '/api/invoices').at(-1)!.url);
const select = (el: InvoiceList, label: string) => [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(label))!.querySelector('select')!;

describe('<invoice-list>', () => {
  it('lists the last 90 days of invoices newest first, with status in words and the amount due', async () => {
    const el = await invoices();
    await listed(el);
    const url = lastList();
    const data = await proxy.get<InvoicesResponse>(url.pathname + url.search);
    expect(Date.now() - Date.parse(url.searchParams.get('since')!)).to.be.within(90 * 86_400_000, 91 * 86_400_000);
    const rows = parts(el, 'row');
    expect(rows).to.have.length(data.invoices.length);
    rows.forEach((row, i) => {
      const invoice = data.invoices[i]!;
      expect(row.querySelector('[part="status"]')!.textContent).to.equal({ draft: 'Draft', finalized: 'Finalized', void: 'Void' }[invoice.status]);
      expect(row.querySelector('.due')!.textContent).to.equal(formatMoney(invoice.total, invoice.credit_type, 'en-US'));
    });
    expect(rows[0]!.textContent).to.contain('Not issued yet');
    expect(rows.some((r) => r.textContent!.includes('Void'))).to.equal(true);
    expect(rows.some((r) => r.textContent!.includes('Scheduled'))).to.equal(true);
  });

  it('filters by status and type', async () => {
    const el = await invoices();
    await listed(el);
    const status = select(el, 'Status');
    status.value = 'void';
    status.dispatchEvent(new Event('change'));
    await waitUntil(() => lastList().searchParams.get('status') === 'void' && parts(el, 'row').every((r) => r.textContent!.includes('Void')));
    const type = select(el, 'Type');
    type.value = 'scheduled';
    type.dispatchEvent(new Event('change'));
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No invoices in this period');
    await expect(el).to.be.accessible();
  });

  it('opens an invoice onto its lines grouped by product, commits and credits as their own lines', async () => {
    const el = await invoices({ status: 'finalized', type: 'usage' });
    await listed(el);
    const first = parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!;
    first.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    const list = await proxy.get<InvoicesResponse>(lastList().pathname + lastList().search);
    const detail = await proxy.get<InvoiceDetailResponse>(`/api/invoices/${list.invoices[0]!.id}`);
    const money = (v: number) => formatMoney(v, detail.invoice.credit_type, 'en-US');
    const products = [...part(el, 'detail')!.querySelectorAll('tr.product th')].map((th) => th.textContent);
    expect(products).to.deep.equal(detail.products.map((p) => p.name));
    expect(part(el, 'detail')!.querySelector('tfoot td')!.textContent).to.equal(money(detail.invoice.total));
    const applications = [...part(el, 'detail')!.querySelectorAll('tr.application')];
    expect(applications.length).to.equal(detail.products.flatMap((p) => p.lines).filter((l) => l.kind === 'application').length);
    expect(applications.length).to.be.greaterThan(0);
    expect(applications[0]!.textContent!.trim()).to.match(/^Paid by /);
    await expect(el).to.be.accessible();
  });

  it('lists invoices and an invoice\'s lines as cards in a narrow widget, amounts under their column\'s name', async () => {
    const el = await invoices();
    el.style.width = '320px';
    await listed(el);
    await waitUntil(() => part(el, 'table')!.classList.contains('cards'), 'the invoices were not drawn as cards at 320 px');
    const amount = parts(el, 'row')[0]!.querySelector('td.due')!;
    expect(amount.getAttribute('data-label')).to.equal('Amount due');
    expect(amount.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('table.cards tfoot'), "the invoice's lines were not drawn as cards");
    for (const box of el.shadowRoot!.querySelectorAll<HTMLElement>('[data-fit]')) expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    const total = part(el, 'detail')!.querySelector('tr.usage td[data-label="Total"]')!;
    expect(total.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
    await expect(el).to.be.accessible();
  });

  it('explains why a draft line costs what it does: rate, conversion, and the metered usage so far', async () => {
    const el = await invoices({ status: 'draft' });
    await listed(el);
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    const storage = parts(el, 'why').find((b) => b.closest('tbody')!.querySelector('tr.product')!.textContent!.includes('Storage'))!;
    storage.click();
    await waitUntil(() => part(el, 'detail')!.querySelector('.explain'), 'no explanation', { timeout: 4000 });
    expect(storage.getAttribute('aria-expanded')).to.equal('true');
    const text = part(el, 'detail')!.querySelector('.explain')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.match(/Charge [\d.,]+ × \$0\.023 = \$[\d.,]+ matches the invoice/);
    expect(text).to.contain('List rate (flat)');
    expect(text).to.contain('metered units divided by 730, rounded up to 2 decimal places');
    expect(text).to.match(/Metered so far [\d.,]+ matches/);
    await expect(el).to.be.accessible();
  });

  it('explains tiered lines tier by tier', async () => {
    proxy.restore();
    proxy = installProxy(GLOBEX_ID);
    const el = await invoices({ status: 'finalized' });
    await listed(el);
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    const tier2 = [...part(el, 'detail')!.querySelectorAll('tr.usage')].find((r) => r.textContent!.includes('Tier 2'))!;
    tier2.querySelector<HTMLButtonElement>('[part="why"]')!.click();
    await waitUntil(() => part(el, 'detail')!.querySelector('.explain'), 'no explanation', { timeout: 4000 });
    const text = part(el, 'detail')!.querySelector('.explain')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.match(/Next 1,000: 1,000 × \$0\.15 = \$150\.00 matches the invoice/);
    expect(text).to.contain('first 1,000 at $0.20, next 1,000 at $0.15, then $0.10');
  });

  it('shows the invoice asked for, or that it is loading, never the one open before', async () => {
    const el = await invoices();
    await listed(el);
    const [first, second] = parts(el, 'row').map((row) => row.querySelector<HTMLButtonElement>('th button')!);
    first!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'), 'the first invoice did not open');
    const before = part(el, 'detail')!.querySelector('h3')!.textContent;
    const release = proxy.holdNextResponse();
    second!.click();
    await el.updateComplete;
    const [shown, loading] = [part(el, 'detail')?.querySelector('h3')?.textContent ?? null, Boolean(part(el, 'loading'))];
    release();
    expect(shown, "the first invoice's lines stay under the second one asked for").to.equal(null);
    expect(loading, 'the second one is loading').to.equal(true);
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'), 'the second invoice did not open');
    expect(part(el, 'detail')!.querySelector('h3')!.textContent).to.not.equal(before);
  });

  it('notes stale figures while they are on screen: the open invoice, then its older explanation', async () => {
    proxy.serveFreshness((path) => (path.endsWith('/explain') ? stale(DAYS_AGO_0915) : /^\/api\/invoices\/[^/]+$/.test(path) ? stale(TODAY_1042) : undefined));
    const el = await invoices({ status: 'draft', timeZone: ZONE, refreshInterval: 0 });
    await listed(el);
    expect(staleNote(el)).to.equal(null);
    const open = parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!;
    open.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    expectStale(el, TODAY_1042, '10:42 AM');
    part(el, 'why')!.click();
    await waitUntil(() => staleNote(el)!.querySelector('time')!.dateTime === DAYS_AGO_0915, 'the explanation\'s time was not shown', { timeout: 4000 });
    expectStale(el, DAYS_AGO_0915, DAYS_AGO_TEXT);
    open.click();
    await waitUntil(() => !staleNote(el), 'the note stayed after the invoice closed');
  });

  it('keeps an open draft up to date', async () => {
    const el = await invoices({ status: 'draft', refreshInterval: 0.05 });
    await listed(el);
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    const details = () => proxy.requests.filter((r) => /\/api\/invoices\/[^/]+$/.test(new URL(r.url).pathname)).length;
    const before = details();
    await waitUntil(() => details() >= before + 2, 'the draft was not reloaded', { timeout: 2000 });
    expect(part(el, 'detail')!.querySelector('tfoot')).to.exist;
  });

  it('hides zero-usage lines until asked', async () => {
    const el = await invoices({ status: 'finalized', type: 'usage' });
    await listed(el);
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'detail')?.querySelector('tfoot'));
    const box = part(el, 'detail')!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await waitUntil(() => proxy.requests.some((r) => new URL(r.url).searchParams.get('show_zero_usage_line_items') === 'true'));
  });

  it('downloads an invoice PDF through the proxy', async () => {
    const el = await invoices();
    await listed(el);
    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:test');
    try {
      part(el, 'pdf')!.click();
      await waitUntil(() => blob);
    } finally {
      URL.createObjectURL = original;
    }
    expect(blob!.type).to.equal('application/pdf');
    expect(await blob!.slice(0, 5).text()).to.equal('%PDF-');
  });

  it('shows a skeleton, an empty state and the proxy\'s message with Retry, all accessible', async () => {
    const release = proxy.holdNextResponse();
    const el = await invoices();
    expect(part(el, 'loading')).to.exist;
    await expect(el).to.be.accessible();
    release();
    await listed(el);
    proxy.restore();
    proxy = installProxy(GLOBEX_ID);
    const none = await invoices({ status: 'void' });
    await waitUntil(() => part(none, 'empty'));
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const failed = await invoices();
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => part(failed, 'error'));
    await expect(failed).to.be.accessible();
    proxy.override = null;
    part(failed, 'retry')!.click();
    await waitUntil(() => parts(failed, 'row').length > 0, 'the retry listed nothing');
  });
});

describe('<invoice-list> currencies and time zones', () => {
  const invoice = (id: string, creditType: { id: string; name: string }, total: number): InvoicesResponse['invoices'][number] => ({
    id,
    status: 'finalized',
    type: 'usage',
    contract_id: null,
    contract_name: null,
    credit_type: creditType,
    period: { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' },
    issued_at: '2026-12-01T00:00:00.000Z',
    charges: total,
    applied: 0,
    total,
    payment: null,
  });
  const handMade = () =>
    answerWith(proxy, { '/api/invoices': { since: '2026-09-01T00:00:00.000Z', invoices: [invoice('eur', EUR_CENTS, 123456), invoice('jpy', JPY, 123456), invoice('gpu', GPU_CREDITS, 1234.5)] } });
  const cells = (el: InvoiceList, column: number) => parts(el, 'row').map((r) => r.children[column]!.textContent!.trim());

  it('shows each invoice\'s amount due in its currency, or with its unit\'s name', async () => {
    handMade();
    const el = await invoices();
    await listed(el);
    expect(cells(el, 6)).to.deep.equal(['€1,234.56', '¥123,456', '1,234.5 GPU credits']);
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(cells(el, 6)).to.deep.equal(['1.234,56\u00a0€', '123.456\u00a0¥', '1.234,5 GPU credits']);
  });

  it('keeps an invoice\'s period and issue date west and east of UTC', async () => {
    handMade();
    const el = await invoices();
    await listed(el);
    for (const zone of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
      el.timeZone = zone;
      await el.updateComplete;
      expect(cells(el, 0)[0], zone).to.equal('Nov 1, 2026 – Nov 30, 2026');
      expect(cells(el, 3)[0], zone).to.equal('Dec 1, 2026');
      expect(el.shadowRoot!.querySelector('caption')!.textContent, zone).to.equal('Invoices since Sep 1, 2026, newest first');
    }
  });
});
