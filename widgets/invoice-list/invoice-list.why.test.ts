import { expect, fixture, html } from '@open-wc/testing';
import { currencyOf } from '../../contract/money.ts';
import type { InvoicesResponse } from '../../contract/index.ts';
import { SIMULATOR_CUSTOMERS } from '../../simulator/index.ts';
import { invoiceScreens } from '../test/every-screen.ts';
import { parseShown, roundHalfAway, sameValue, type Shown, times } from '../test/money-text.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import './invoice-list.ts';
import type { InvoiceList } from './invoice-list.ts';

/**
 * Every "quantity × price = total" that "Why this charge?" states, for every usage line (zero-usage
 * lines included) of every invoice of every demo customer, is arithmetically true as shown: the quantity shown times the price
 * shown, rounded as Metronome rounds a line (half away from zero, to the millionth of the credit type's
 * unit), then as the money rule shows it (the minor unit; two decimals for a custom unit), is the total
 * shown, which is the line's total in the invoice.
 */

const YEAR = 365;
const NUMBER = '[\\d,]+(?:\\.\\d+)?';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A figure of the statement in its credit type: "$0.0005" or "-$1.00" for USD cents, "1.25 GPU credits" for a custom unit. */
function amountPattern(creditType: { id: string; name: string }) {
  return currencyOf(creditType) ? `-?\\$${NUMBER}` : `-?${NUMBER} ${escape(creditType.name)}`;
}

const value = (figure: string, unit: string) => parseShown(figure.replace('$', '').replace(unit, '').trim());

for (const customer of SIMULATOR_CUSTOMERS) {
  describe(`"Why this charge?" of every usage line of ${customer.name}`, () => {
    let proxy: InstalledProxy;
    before(() => {
      proxy = installProxy(customer.id);
    });
    after(() => proxy.restore());

    it('states quantity × price = total, true to the decimals shown, and the total is the line\'s', async function () {
      // Every line of a year of invoices, each explained: longer than one widget test on a busy machine.
      this.timeout(20_000);
      const el = await fixture<InvoiceList>(html`<invoice-list endpoint=${ENDPOINT} locale="en-US" days=${YEAR} refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>`);
      const since = new Date(Date.now() - YEAR * 86_400_000).toISOString().slice(0, 10);
      const { invoices } = await proxy.get<InvoicesResponse>(`/api/invoices?since=${since}`);
      const wrong: string[] = [];
      let checked = 0;
      let zeroUsage = 0;
      for await (const i of invoiceScreens(el)) {
        const creditType = invoices[i]!.credit_type;
        const currency = currencyOf(creditType);
        const unit = currency ? '' : creditType.name;
        // Metronome rates a line to the millionth of its credit type's unit (a millionth of a cent is 10^-8 dollars).
        const rated = currency ? 8 : 6;
        // The money rule: cents for USD (the demo's currency), at most two decimals for a custom unit.
        const shownPlaces = 2;
        const amount = amountPattern(creditType);
        const statement = new RegExp(`(${NUMBER}) × (${amount}) = (${amount})`);
        for (const why of el.shadowRoot!.querySelectorAll('tr.why')) {
          if (why.previousElementSibling!.querySelectorAll('td')[1]!.textContent!.trim() === '0') zeroUsage++;
          const said = why.querySelector('.explain dd')!.textContent!.replace(/\s+/g, ' ').trim();
          const match = statement.exec(said);
          if (!match) {
            wrong.push(`invoice ${i + 1}: no statement in "${said}"`);
            continue;
          }
          const [, q, p, t] = match as unknown as [string, string, string, string];
          const product: Shown = times(parseShown(q), value(p, unit));
          const expected = roundHalfAway(roundHalfAway(product, rated), shownPlaces);
          if (!sameValue(expected, value(t, unit))) wrong.push(`invoice ${i + 1}: ${q} × ${p} = ${t}, but that is ${expected.digits}e-${expected.scale}`);
          const lineTotal = why.previousElementSibling!.querySelector('td:last-child')!.textContent!.trim();
          if (lineTotal !== t) wrong.push(`invoice ${i + 1}: the statement says ${t}, the line ${lineTotal}`);
          checked++;
        }
      }
      expect(wrong, wrong.join('\n')).to.deep.equal([]);
      expect(checked).to.be.greaterThan(0);
      // Zero-usage lines (Hooli AI's unused fine-tuning) are explained too: "0 × $x = $0.00".
      if (customer.name.startsWith('Hooli')) expect(zeroUsage, 'zero-usage lines explained').to.be.greaterThan(0);
    });
  });
}
