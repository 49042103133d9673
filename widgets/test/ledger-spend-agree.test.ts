import { expect, fixture, html } from '@open-wc/testing';
import { ACME_ID, HOOLI_ID, INITECH_ID } from '../../simulator/index.ts';
import type { BalancesResponse, SpendSummaryResponse } from '../../contract/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../spend-breakdown/spend-breakdown.ts';
import { formatDay, formatMoney } from '../shared/format.ts';
import { loaded } from './loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';

/**
 * <balance-ledger> and <spend-breakdown> side by side for one customer: the projection's "due" must
 * follow from what the ledger says is available and how fast it says each commit burns.
 */

let proxy: InstalledProxy;
afterEach(() => proxy.restore());

async function both(customerId: string) {
  proxy = installProxy(customerId);
  const page = await fixture(html`<div>
    <balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
    <spend-breakdown style="width: 720px" endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
  </div>`);
  const [ledger, spend] = ['balance-ledger', 'spend-breakdown'].map((tag) => page.querySelector(tag)!);
  await Promise.all([loaded(ledger!), loaded(spend!)]);
  const text = (el: Element, part: string) => el.shadowRoot!.querySelector(`[part~="${part}"]`)!.textContent!.replace(/\s+/g, ' ');
  const rows = [...ledger!.shadowRoot!.querySelectorAll('[part~="row"]')].map((r) => r.textContent!.replace(/\s+/g, ' '));
  return { ledgerHeadline: text(ledger!, 'headline'), spendHeadline: text(spend!, 'headline'), rows, ledger: ledger!, spend: spend! };
}

const usd = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };
const money = (v: number) => formatMoney(v, usd, 'en-US');
const dollars = (text: string) => Number(text.replace(/[$,]/g, '')) * 100;

describe('<balance-ledger> and <spend-breakdown> agree', () => {
  it("Acme: the ledger's commit runs out after the period ends, so the projection says it is covered: $0.00 due", async () => {
    const { ledgerHeadline, spendHeadline, rows } = await both(ACME_ID);
    const summary = await proxy.get<SpendSummaryResponse>('/api/spend/summary');
    const commit = (await proxy.get<BalancesResponse>('/api/balances')).items.find((i) => i.name === 'Platform prepaid commit')!;
    expect(Date.parse(commit.runway.runs_out_at!)).to.be.greaterThan(Date.parse(summary.period!.ending_before));
    expect(rows.find((r) => r.includes(commit.name))).to.contain(`runs out around ${formatDay(new Date(commit.runway.runs_out_at!), { locale: 'en-US', timeZone: 'UTC' })}`);
    expect(ledgerHeadline).to.equal(`Available now${money(commit.remaining)}`);
    expect(spendHeadline).to.contain('covered by your commits and credits: $0.00 due');
  });

  it('Initech: nothing is available now in USD (the minimum is not money to spend), so the whole projection is due', async () => {
    const { ledgerHeadline, spendHeadline } = await both(INITECH_ID);
    const projection = (await proxy.get<SpendSummaryResponse>('/api/spend/summary')).credit_types[0]!.projection!;
    expect(ledgerHeadline).to.equal('Available now$0.00');
    expect(spendHeadline).to.contain(`Projected by period end${money(projection.spend)}`);
    expect(spendHeadline).to.contain(`; ${money(projection.spend)} due after commits and credits`);
  });

  it("Hooli: the projection counts on the GPU commit at the daily rate the ledger states, for the days left, and no more", async () => {
    const { spendHeadline, rows } = await both(HOOLI_ID);
    const summary = await proxy.get<SpendSummaryResponse>('/api/spend/summary');
    const entry = summary.credit_types[0]!;
    const rate = dollars(/At (\$[\d,.]+) a day/.exec(rows.find((r) => r.includes('GPU prepaid commit'))!)![1]!);
    const due = dollars(/; (\$[\d,.]+) due after commits and credits/.exec(spendHeadline)![1]!);
    const rest = entry.projection!.spend - entry.spend_to_date;
    // Both figures are shown to the cent: the rate's half cent counts once per day left.
    expect(due).to.be.closeTo(entry.net + rest - rate * summary.days_left!, 0.5 + 0.5 * summary.days_left!);
    expect(due).to.be.greaterThan(entry.net, 'the commit does not pay for inference and storage');
  });
});
