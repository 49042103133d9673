import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { BalanceItem, BalancesResponse } from '../../contract/index.ts';
import type { MwPurchaseRequestEvent } from '../shared/events.ts';
import { formatDay, lastDayOf } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, GPU_CREDITS } from '../test/hand-made.ts';
import './balance-ledger.ts';
import type { BalanceLedger } from './balance-ledger.ts';
import '../locales/de.ts';

/** "Buy more" (the `purchase` attribute) and the runway's warning, over Hooli AI (the demo's customer) and hand-made data. */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy(HOOLI_ID);
});
afterEach(() => proxy.restore());

const ledger = (purchase: boolean, locale = 'en-US') =>
  fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} locale=${locale} ?purchase=${purchase} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
const loaded = (el: BalanceLedger) => waitUntil(() => el.shadowRoot!.querySelector('[part="table"], [part="empty"], [part="error"]'), 'nothing was shown', { timeout: 4000 });
const rowOf = (el: BalanceLedger, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="row"]')].find((r) => r.querySelector('th button')!.textContent === name)!;
const buttons = (el: BalanceLedger) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="purchase"]')];
const day = (iso: string) => formatDay(lastDayOf(new Date(iso)), { locale: 'en-US', timeZone: 'UTC' });

describe('<balance-ledger purchase>', () => {
  it('offers "Buy more" on each prepaid commit and credit in force, named after it, never on an expired credit or a postpaid minimum', async () => {
    const el = await ledger(true);
    await loaded(el);
    expect(buttons(el).map((b) => [b.textContent, b.getAttribute('aria-label')])).to.deep.equal([['Buy more', 'Buy more GPU prepaid commit']]);
    expect(rowOf(el, 'Launch promotion').querySelector('[part="purchase"]')).to.equal(null);
    expect(rowOf(el, 'Inference and storage minimum').querySelector('[part="purchase"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks the page to sell what lasts the GPU commit until its balance expires at the rate the ledger states, from a click or the keyboard', async () => {
    const el = await ledger(true);
    await loaded(el);
    const gpu = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.name === 'GPU prepaid commit')!;
    expect(gpu.runway.top_up).to.be.greaterThan(0, 'Hooli burns through this quarter early');
    const heard = oneEvent(document, 'mw-purchase-request') as Promise<MwPurchaseRequestEvent>;
    buttons(el)[0]!.click();
    const request = await heard;
    expect([request.bubbles, request.composed]).to.deep.equal([true, true]);
    expect(request.creditType).to.deep.equal({ id: gpu.credit_type.id, name: 'USD (cents)' });
    expect(request.commit).to.deep.equal({ id: gpu.id, name: 'GPU prepaid commit', kind: 'commit' });
    expect(request.suggestedAmount).to.equal(gpu.runway.top_up);
    buttons(el)[0]!.focus();
    const again = oneEvent(el, 'mw-purchase-request') as Promise<MwPurchaseRequestEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await again).suggestedAmount).to.equal(gpu.runway.top_up);
  });

  it('warns in words when a balance runs out before it expires, and says by when', async () => {
    const el = await ledger(true);
    await loaded(el);
    const gpu = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.name === 'GPU prepaid commit')!;
    expect(gpu.runway.runs_out_before_expiry).to.equal(true);
    const runway = rowOf(el, gpu.name).querySelector('th .small:nth-of-type(2)')!;
    expect(runway.querySelector('strong')!.textContent).to.equal('Runs out early:');
    expect(runway.textContent).to.contain(`this runs out around ${formatDay(new Date(gpu.runway.runs_out_at!), { locale: 'en-US', timeZone: 'UTC' })}, before its balance expires on ${day(gpu.runway.expires_at!)}.`);
    expect(rowOf(el, 'Launch promotion').querySelector('strong')).to.equal(null, 'nothing left, nothing to warn of');
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(runway.querySelector('strong')!.textContent).to.equal('Reicht nicht bis zum Verfall:');
    expect(buttons(el)[0]!.getAttribute('aria-label')).to.equal('GPU prepaid commit nachkaufen');
    await expect(el).to.be.accessible();
  });

  it('shows no button without `purchase`, and one as soon as it is set', async () => {
    const el = await ledger(false);
    await loaded(el);
    expect(buttons(el)).to.have.length(0);
    expect(el.shadowRoot!.textContent).not.to.contain('Buy more');
    el.purchase = true;
    await el.updateComplete;
    expect(buttons(el)).to.have.length(1);
  });

  it('still asks when a commit was not used lately, saying there is nothing to suggest from, and names a credit a credit', async () => {
    const unused = (id: string, type: BalanceItem['type']): BalanceItem => ({
      id,
      type,
      name: `Prepaid compute ${type === 'CREDIT' ? 'credits' : 'commit'}`,
      priority: 1,
      credit_type: GPU_CREDITS,
      granted: 5000,
      used: 0,
      remaining: 5000,
      expired: 0,
      upcoming: 0,
      segments: [{ id: `${id}-s`, amount: 5000, starting_at: '2026-11-01T00:00:00.000Z', ending_before: '2099-11-01T00:00:00.000Z', status: 'active' }],
      ledger: [],
      commitment: null,
      runway: { burn_per_day: 0, runs_out_at: null, expires_at: '2099-11-01T00:00:00.000Z', runs_out_before_expiry: null, top_up: 0 },
    });
    const items = [unused('credit', 'CREDIT'), unused('commit', 'PREPAID')];
    answerWith(proxy, { '/api/balances': { items, totals: [{ credit_type: GPU_CREDITS, granted: 10000, used: 0, remaining: 10000, expired: 0, upcoming: 0, available_now: 10000 }] } });
    const el = await ledger(true);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('strong')).to.equal(null, 'no warning without burn');
    const [credit] = buttons(el);
    expect(credit!.getAttribute('aria-label')).to.equal('Buy more Prepaid compute credits');
    const heard = oneEvent(el, 'mw-purchase-request') as Promise<MwPurchaseRequestEvent>;
    credit!.click();
    const request = await heard;
    expect(request.commit).to.deep.equal({ id: 'credit', name: 'Prepaid compute credits', kind: 'credit' });
    expect(request.creditType).to.deep.equal(GPU_CREDITS);
    expect(request.suggestedAmount).to.equal(null, 'not used in the last 30 days: no suggestion');
    await expect(el).to.be.accessible();
  });
});
