import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ACME_ID, GLOBEX_ID, INITECH_ID } from '../../simulator/index.ts';
import { sendKeys } from '@web/test-runner-commands';
import type { BalancesResponse } from '../../contract/index.ts';
import type { MwErrorEvent, MwInvoiceSelectEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS, GPU_CREDITS, JPY } from '../test/hand-made.ts';
import './balance-ledger.ts';
import type { BalanceLedger } from './balance-ledger.ts';
import '../locales/de.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

async function ledger(customer?: string) {
  if (customer) {
    proxy.restore();
    proxy = installProxy(customer);
  }
  return fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
}

const part = (el: BalanceLedger, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: BalanceLedger, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const loaded = (el: BalanceLedger) => waitUntil(() => part(el, 'table') || part(el, 'empty') || part(el, 'error'), 'nothing was shown', { timeout: 4000 });
const toCents = (v: number) => Math.round(v * 1e6);
const rowNames = (el: BalanceLedger) => parts(el, 'row').map((r) => r.querySelector('th button')!.textContent!.trim());

describe('<balance-ledger>', () => {
  it('heads each credit type with what is available now, a currency as its symbol, never a postpaid minimum', async () => {
    const el = await ledger(INITECH_ID);
    await loaded(el);
    const data = await proxy.get<BalancesResponse>('/api/balances');
    const headlines = parts(el, 'headline').map((h) => [h.querySelector('dt')!.textContent, h.querySelector('dd')!.textContent]);
    expect(headlines).to.deep.equal([
      ['Available now', '$0.00'],
      ['Available now', formatMoney(data.totals[1]!.available_now, data.totals[1]!.credit_type, 'en-US')],
    ]);
    expect(data.totals[0]!.remaining).to.be.greaterThan(0, 'Metronome counts the minimum\'s rest as a balance');
    expect(part(el, 'base')!.textContent).not.to.contain('USD (cents)');
    const acme = await ledger(ACME_ID);
    await loaded(acme);
    const commit = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.name === 'Platform prepaid commit')!;
    expect(part(acme, 'headline')!.textContent).to.equal(`Available now${formatMoney(commit.remaining, commit.credit_type, 'en-US')}`, 'the expired credits have nothing left');
  });

  it('draws each commit as a bar of used, remaining, expired and upcoming that adds up to its amount, its figures its accessible name', async () => {
    const el = await ledger(INITECH_ID);
    await loaded(el);
    const data = await proxy.get<BalancesResponse>('/api/balances');
    const gpu = data.items.find((i) => i.name === 'Reserved GPU capacity')!;
    const bar = parts(el, 'row').find((r) => r.textContent!.includes(gpu.name))!.querySelector<HTMLElement>('[part="bar"]')!;
    const pieces = [...bar.children] as HTMLElement[];
    expect(pieces.map((p) => p.className)).to.deep.equal(['used', 'remaining', 'expired', 'upcoming']);
    const amounts = [gpu.used, gpu.remaining, gpu.expired, gpu.upcoming];
    const whole = gpu.segments.reduce((a, s) => a + s.amount, 0);
    expect(toCents(amounts.reduce((a, b) => a + b, 0))).to.equal(toCents(whole));
    const width = bar.getBoundingClientRect().width;
    pieces.forEach((p, i) => expect(p.getBoundingClientRect().width).to.be.closeTo((width * amounts[i]!) / whole, 1));
    expect(pieces.reduce((sum, p) => sum + p.getBoundingClientRect().width, 0)).to.be.closeTo(width, 1, 'the bar is filled by its parts');
    const money = (v: number) => formatMoney(v, gpu.credit_type, 'en-US');
    expect(bar.getAttribute('aria-label')).to.equal(`${money(gpu.used)} used, ${money(gpu.remaining)} remaining, ${money(gpu.expired)} expired, ${money(gpu.upcoming)} upcoming, of ${money(215_000)}`);
    expect(part(el, 'legend')!.textContent).to.match(/Used.*Remaining.*Expired.*Upcoming.*Projected.*Projected shortfall/s);
    await expect(el).to.be.accessible();
  });

  it('shows a postpaid minimum as progress toward it with the projected shortfall, never as money remaining or expiring', async () => {
    const el = await ledger(INITECH_ID);
    await loaded(el);
    const minimum = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.type === 'POSTPAID')!;
    const money = (v: number) => formatMoney(v, minimum.credit_type, 'en-US');
    const row = parts(el, 'row').find((r) => r.textContent!.includes(minimum.name))!;
    expect(row.textContent).to.contain(`${money(minimum.commitment!.consumed)} of $60,000.00 minimum consumed.`);
    expect(row.textContent).to.contain(`Projected shortfall ${money(minimum.commitment!.projected_shortfall)}, invoiced at the end of the commitment (Jul 31, 2027).`);
    expect(row.textContent).not.to.match(/remaining|left to spend|then expires/i);
    expect(row.textContent).not.to.contain(money(minimum.remaining));
    expect([...row.querySelectorAll('td[data-label]')].map((td) => td.getAttribute('data-label'))).not.to.include('Remaining');
    const bar = row.querySelector('[part="bar"]')!;
    expect([...bar.children].map((p) => p.className)).to.deep.equal(['used', 'projected', 'shortfall']);
    expect(bar.querySelector('.remaining')).to.equal(null);
    expect(bar.getAttribute('aria-label')).to.equal(row.querySelector('th .small:last-child')!.textContent, 'the progress sentence');
  });

  it('leaves no blank line in a postpaid minimum\'s card for the figures it does not have', async () => {
    await ledger(INITECH_ID);
    const el = await fixture<BalanceLedger>(html`<balance-ledger style="width: 300px" endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    await waitUntil(() => part(el, 'table')?.classList.contains('cards'), 'the commits did not become cards at 300 px', { timeout: 4000 });
    const row = parts(el, 'row').find((r) => r.textContent!.includes('minimum consumed'))!;
    const shown = [...row.querySelectorAll<HTMLElement>(':scope > td.num')].filter((td) => td.getClientRects().length > 0);
    expect(shown.map((td) => td.getAttribute('data-label'))).to.deep.equal(['Granted', 'Consumed', 'Upcoming']);
    for (const td of shown) expect(td.textContent!.trim()).to.match(/\$/);
    await expect(el).to.be.accessible();
  });

  it('keeps segments and ledger closed at first behind a disclosure button that Enter and Space open and close', async () => {
    const el = await ledger();
    await loaded(el);
    const toggle = parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!;
    const detail = el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(detail.hidden).to.equal(true);
    expect(part(el, 'segments')).to.equal(null);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(detail.hidden).to.equal(false);
    expect(detail.querySelector('[part="segments"]')!.textContent).to.contain('Sep 1, 2026 – Sep 30, 2026: $5.00, expired');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(detail.hidden).to.equal(true);
  });

  it('speaks German: headline, bars, postpaid progress and runway', async () => {
    const el = await ledger(INITECH_ID);
    el.locale = 'de-DE';
    await loaded(el);
    await el.updateComplete;
    expect(part(el, 'headline')!.querySelector('dt')!.textContent).to.equal('Jetzt verfügbar');
    const row = parts(el, 'row').find((r) => r.textContent!.includes('Storage annual minimum'))!;
    expect(row.textContent).to.contain('von 60.000,00\u00a0$ Mindestumsatz verbraucht.');
    expect(row.textContent).to.contain('Prognostizierte Unterschreitung');
    expect(row.querySelector('[part="bar"]')!.getAttribute('aria-label')).to.contain('Mindestumsatz verbraucht. Prognostizierte Unterschreitung');
    expect(part(el, 'legend')!.textContent).to.contain('Prognostizierte Unterschreitung');
    await expect(el).to.be.accessible();
  });

  it('lists commits and credits in burn-down order, naming unnamed ones after their product', async () => {
    const el = await ledger();
    await loaded(el);
    const data = await proxy.get<BalancesResponse>('/api/balances');
    expect(rowNames(el)).to.deep.equal(data.items.map((i) => i.name));
    expect(rowNames(el)[0]).to.equal('Reward credit');
    expect(rowNames(el)).to.include('Storage promotion');
    expect(rowNames(el).at(-1)).to.equal('Platform prepaid commit');
  });

  it('opens a row onto its ledger with plain labels, running balance, pending draft deductions and invoice links', async () => {
    const el = await ledger();
    await loaded(el);
    const data = await proxy.get<BalancesResponse>('/api/balances');
    const commit = data.items.find((i) => i.name === 'Platform prepaid commit')!;
    const row = parts(el, 'row').find((r) => r.textContent!.includes('Platform prepaid commit'))!;
    const toggle = row.querySelector<HTMLButtonElement>('th button')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const table = el.shadowRoot!.getElementById(toggle.getAttribute('aria-controls')!)!.querySelector('table')!;
    const rows = [...table.querySelectorAll(':scope > tbody > tr')];
    expect(rows).to.have.length(commit.ledger.length);
    expect(rows[0]!.children[1]!.textContent).to.equal('Granted');
    const money = (v: number) => formatMoney(v, commit.credit_type, 'en-US');
    expect(rows.map((r) => r.children[3]!.textContent)).to.deep.equal(commit.ledger.map((e) => money(e.balance_after)));
    expect(rows.some((r) => r.textContent!.includes('Pending'))).to.equal(true);
    await expect(el).to.be.accessible();
    const chosen = oneEvent(el, 'mw-invoice-select') as Promise<MwInvoiceSelectEvent>;
    table.querySelector<HTMLButtonElement>('[part="invoice"]')!.click();
    expect((await chosen).invoiceId).to.equal(commit.ledger.find((e) => e.invoice_id)!.invoice_id);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('draws its commits as cards in a narrow widget, each figure under its name, and as a table once wide enough again', async () => {
    const el = await ledger(INITECH_ID);
    el.style.width = '320px';
    await loaded(el);
    const table = part(el, 'table')!;
    await waitUntil(() => table.classList.contains('cards'), 'the table was not drawn as cards at 320 px');
    const box = table.parentElement!;
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
    const cells = [...parts(el, 'row')[0]!.querySelectorAll('td[data-label]')];
    expect(cells.map((c) => c.getAttribute('data-label'))).to.deep.equal(['Granted', 'Used', 'Remaining', 'Expired', 'Upcoming']);
    expect(getComputedStyle(cells[0]!, '::before').content).to.contain('Granted');
    parts(el, 'row')[0]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => part(el, 'ledger')?.classList.contains('cards'), "the commit's ledger was not drawn as cards");
    await expect(el).to.be.accessible();
    el.style.width = '1400px';
    await waitUntil(() => !table.classList.contains('cards') && !part(el, 'ledger')!.classList.contains('cards'), 'the table was not drawn again once the widget was wide');
    expect(box.scrollWidth).to.be.at.most(box.clientWidth);
  });

  it('keeps upcoming segments out of what is available, and shows each credit type, a currency by its code', async () => {
    const el = await ledger(INITECH_ID);
    await loaded(el);
    expect(parts(el, 'total').map((t) => t.querySelector('h3')!.textContent)).to.deep.equal(['USD', 'GPU credits']);
    const gpu = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.credit_type.name === 'GPU credits')!;
    expect(gpu.upcoming).to.be.greaterThan(0);
    const row = parts(el, 'row').find((r) => r.textContent!.includes(gpu.name))!;
    expect(row.querySelector('td[data-label="Upcoming"]')!.textContent).to.equal(formatMoney(gpu.upcoming, gpu.credit_type, 'en-US'));
    expect(parts(el, 'headline')[1]!.textContent).not.to.contain(formatMoney(gpu.remaining + gpu.upcoming, gpu.credit_type, 'en-US'));
  });

  it('says so when there are no commits or credits', async () => {
    const el = await ledger(GLOBEX_ID);
    await loaded(el);
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No commits or credits');
    await expect(el).to.be.accessible();
  });

  it('shows a skeleton, then the proxy\'s message with a Retry button on failure, and recovers', async () => {
    const release = proxy.holdNextResponse();
    const waiting = await ledger();
    expect(part(waiting, 'loading')).to.exist;
    await expect(waiting).to.be.accessible();
    release();
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const failed = await ledger();
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => part(failed, 'error'));
    await expect(failed).to.be.accessible();
    proxy.override = null;
    part(failed, 'retry')!.click();
    await waitUntil(() => part(failed, 'table'));
  });
});

describe('<balance-ledger> currencies and time zones', () => {
  const balance = (id: string, creditType: { id: string; name: string }, granted: number, used: number): BalancesResponse['items'][number] => ({
    id,
    type: 'PREPAID',
    name: `${creditType.name} commit`,
    priority: 1,
    credit_type: creditType,
    granted,
    used,
    remaining: granted - used,
    expired: 0,
    upcoming: 0,
    segments: [{ id: `${id}-s`, amount: granted, starting_at: '2026-11-01T00:00:00.000Z', ending_before: '2027-11-01T00:00:00.000Z', status: 'active' }],
    ledger: [{ type: 'PREPAID_COMMIT_SEGMENT_START', timestamp: '2026-11-01T00:00:00.000Z', amount: granted, balance_after: granted, invoice_id: null, pending: false }],
    commitment: null,
    runway: { burn_per_day: 0, runs_out_at: null, expires_at: '2027-11-01T00:00:00.000Z', runs_out_before_expiry: null, top_up: 0 },
  });
  const items = [balance('eur', EUR_CENTS, 500_000, 376_544), balance('jpy', JPY, 200_000, 76_544), balance('gpu', GPU_CREDITS, 5000, 3765.5)];
  const handMade = () => answerWith(proxy, { '/api/balances': { items, totals: items.map(({ credit_type, granted, used, remaining, expired, upcoming }) => ({ credit_type, granted, used, remaining, expired, upcoming, available_now: remaining })) } });
  const remaining = (el: BalanceLedger) => parts(el, 'total').map((t) => t.querySelector('dd')!.textContent);

  it('shows euro cents as euros, yen without decimals, and a custom unit with its name', async () => {
    handMade();
    const el = await ledger();
    await loaded(el);
    expect(remaining(el)).to.deep.equal(['€1,234.56', '¥123,456', '1,234.5 GPU credits']);
    expect(parts(el, 'row')[0]!.querySelectorAll('td.num')[0]!.textContent).to.equal('€5,000.00');
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(remaining(el)).to.deep.equal(['1.234,56\u00a0€', '123.456\u00a0¥', '1.234,5 GPU credits']);
    await expect(el).to.be.accessible();
  });

  it('keeps the dates of segments, ledger entries and expiries west and east of UTC', async () => {
    handMade();
    const el = await ledger();
    await loaded(el);
    const row = parts(el, 'row')[0]!;
    row.querySelector<HTMLButtonElement>('th button')!.click();
    for (const zone of ['America/Los_Angeles', 'Asia/Tokyo']) {
      el.timeZone = zone;
      await el.updateComplete;
      expect(part(el, 'segments')!.textContent, zone).to.contain('Nov 1, 2026 – Oct 31, 2027: €5,000.00, active');
      expect(row.textContent, zone).to.contain('Not used in the last 30 days; usable through Oct 31, 2027.');
      expect(el.shadowRoot!.querySelector('[part="ledger"] tbody td')!.textContent, zone).to.equal('Nov 1, 2026');
    }
  });
});
