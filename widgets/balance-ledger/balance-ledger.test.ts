import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GLOBEX_ID, INITECH_ID } from '../../simulator/index.ts';
import type { BalancesResponse } from '../../contract/index.ts';
import type { MwErrorEvent, MwInvoiceSelectEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS, GPU_CREDITS, JPY } from '../test/hand-made.ts';
import './balance-ledger.ts';
import type { BalanceLedger } from './balance-ledger.ts';

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
const rowNames = (el: BalanceLedger) => parts(el, 'row').map((r) => r.querySelector('th button')!.textContent!.trim());

describe('<balance-ledger>', () => {
  it('totals what is used, remaining, expired and upcoming per credit type', async () => {
    const el = await ledger();
    await loaded(el);
    const data = await proxy.get<BalancesResponse>('/api/balances');
    const usd = data.totals[0]!;
    const money = (v: number) => formatMoney(v, usd.credit_type, 'en-US');
    const figures = Object.fromEntries([...part(el, 'total')!.querySelectorAll('dl div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(figures).to.deep.equal({ Remaining: money(usd.remaining), Used: money(usd.used), Expired: money(usd.expired), Upcoming: money(usd.upcoming) });
    expect(part(el, 'total')!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal(`${money(usd.used)} used, ${money(usd.remaining)} remaining, ${money(usd.expired)} expired`);
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
    expect(row.textContent).to.contain('upcoming');
    expect(row.textContent).to.contain(formatMoney(gpu.upcoming, gpu.credit_type, 'en-US'));
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
    runway: { burn_per_day: 0, runs_out_at: null, expires_at: '2027-11-01T00:00:00.000Z', runs_out_before_expiry: null },
  });
  const items = [balance('eur', EUR_CENTS, 500_000, 376_544), balance('jpy', JPY, 200_000, 76_544), balance('gpu', GPU_CREDITS, 5000, 3765.5)];
  const handMade = () => answerWith(proxy, { '/api/balances': { items, totals: items.map(({ credit_type, granted, used, remaining, expired, upcoming }) => ({ credit_type, granted, used, remaining, expired, upcoming })) } });
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
      expect(row.textContent, zone).to.contain('Nov 1, 2026 – Oct 31, 2027: €5,000.00, active');
      expect(row.textContent, zone).to.contain('Not used in the last 30 days; expires on Nov 1, 2027.');
      expect(el.shadowRoot!.querySelector('[part="ledger"] tbody td')!.textContent, zone).to.equal('Nov 1, 2026');
    }
  });
});
