import { expect, fixture, html } from '@open-wc/testing';
import { currencyOf } from '../../contract/money.ts';
import type { BalancesResponse, InvoicesResponse, SpendSummaryResponse } from '../../contract/index.ts';
import { SIMULATOR_CUSTOMERS } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import '../usage-alerts/usage-alerts.ts';
import '../usage-summary/usage-summary.ts';
import { alertScreens, invoiceScreens, ledgerScreens, spendScreens, summaryScreens, usageScreens } from './every-screen.ts';
import { amountsIn, overPrecise, readableText } from './money-text.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';

/**
 * The money rule on every screen: for every demo customer of the simulator, every widget in every state
 * that shows figures (tooltips, tables, ledgers, invoices with their explanations), no amount outside a
 * unit price shows more decimals than its currency's minor unit (two for a custom pricing unit).
 */

const YEAR = 365;

describe('the money scan', () => {
  it('finds an amount with too many decimals, and leaves unit prices and exact figures alone', async () => {
    const el = await fixture(html`<div>
      <p>Spent $28.38 <span data-unit-price>at $0.0005</span> <span data-exact>$0.000001 apart</span></p>
      <table><tr><td>$28.375</td><td>8,590.31125 GPU credits</td><td>¥12.5</td></tr></table>
      <div aria-label="$1.234 used"></div>
    </div>`);
    const found = overPrecise(readableText(el), ['GPU credits']).map((p) => p.figure);
    expect(found).to.deep.equal(['$28.375', '¥12.5', '$1.234', '8,590.31125 GPU credits']);
    expect(amountsIn(readableText(el), ['GPU credits'])).to.equal(5);
  });
});

for (const customer of SIMULATOR_CUSTOMERS) {
  describe(`money on every screen of ${customer.name}`, () => {
    let proxy: InstalledProxy;
    let customUnits: string[] = [];
    before(async () => {
      proxy = installProxy(customer.id);
      const since = new Date(Date.now() - YEAR * 86_400_000).toISOString().slice(0, 10);
      const types = [
        ...(await proxy.get<InvoicesResponse>(`/api/invoices?since=${since}`)).invoices.map((i) => i.credit_type),
        ...(await proxy.get<BalancesResponse>('/api/balances')).totals.map((t) => t.credit_type),
        ...(await proxy.get<SpendSummaryResponse>('/api/spend/summary')).credit_types.map((t) => t.credit_type),
      ];
      customUnits = [...new Set(types.filter((t) => !currencyOf(t)).map((t) => t.name))];
    });
    after(() => proxy.restore());

    /** Reads the widget after each state and fails with every over-precise amount and where it was. */
    async function scan(el: Element, screens: AsyncGenerator<unknown>) {
      const problems: string[] = [];
      let seen = 0;
      for await (const screen of screens) {
        const text = readableText(el);
        seen += amountsIn(text, customUnits);
        for (const p of overPrecise(text, customUnits)) problems.push(`${String(screen)}: ${p.figure} (at most ${p.allowed} decimals) in "…${p.context}…"`);
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
      return seen;
    }

    it('<spend-breakdown>: headline, chart, every tooltip and the table, in every credit type', async () => {
      const el = await fixture<HTMLElementTagNameMap['spend-breakdown']>(
        html`<spend-breakdown style="width: 760px" endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>`,
      );
      expect(await scan(el, spendScreens(el))).to.be.greaterThan(0);
    });

    it('<balance-ledger>: totals, every commit and credit, every ledger', async () => {
      const el = await fixture<HTMLElementTagNameMap['balance-ledger']>(html`<balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
      await scan(el, ledgerScreens(el));
      await expect(el).to.be.accessible();
    });

    it('<invoice-list>: the list, every invoice and every line\'s "Why this charge?"', async () => {
      const el = await fixture<HTMLElementTagNameMap['invoice-list']>(
        html`<invoice-list endpoint=${ENDPOINT} locale="en-US" days=${YEAR} refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>`,
      );
      expect(await scan(el, invoiceScreens(el))).to.be.greaterThan(0);
      // The last invoice is open with every explanation: titles and marks leave axe content.
      await expect(el).to.be.accessible();
    });

    it('<usage-summary>: every metric\'s spend', async () => {
      const el = await fixture<HTMLElementTagNameMap['usage-summary']>(html`<usage-summary endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-summary>`);
      expect(await scan(el, summaryScreens(el))).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('<usage-alerts>: every threshold, figure and gauge', async () => {
      const el = await fixture<HTMLElementTagNameMap['usage-alerts']>(html`<usage-alerts endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-alerts>`);
      expect(await scan(el, alertScreens(el))).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
    });

    it('<usage-chart>: chart, every tooltip and the table (usage, no money, read all the same)', async () => {
      const el = await fixture<HTMLElementTagNameMap['usage-chart']>(html`<usage-chart style="width: 760px" endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>`);
      await scan(el, usageScreens(el));
    });
  });
}
