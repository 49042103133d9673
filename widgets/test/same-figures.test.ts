import { expect, fixture, html } from '@open-wc/testing';
import type { BalancesResponse, InvoicesResponse } from '../../contract/index.ts';
import { SIMULATOR_CUSTOMERS } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import { invoiceScreens, ledgerScreens } from './every-screen.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';

/**
 * A figure reads the same wherever a customer meets it: every invoice of every demo customer in
 * `<invoice-list>`, on the simulator's hosted invoices dashboard (Metronome's page, which
 * `<metronome-dashboard>` frames) and in its PDF; every commit's granted and remaining amounts in
 * `<balance-ledger>` and on the hosted commits-and-credits dashboard.
 */

const YEAR = 365;
const DAY = 86_400_000;

/** A hosted dashboard's page, as its iframe would load it. */
async function hostedPage(proxy: InstalledProxy, dashboard: string, options: Array<{ key: string; value: string }> = []) {
  const answer = await proxy.fetch('/api/dashboards/embeddable-url', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ dashboard, dashboard_options: options }),
  });
  const { url } = (await answer.json()) as { url: string };
  return new DOMParser().parseFromString(await (await proxy.simulator(new Request(url))).text(), 'text/html');
}

const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim());

/** The text a PDF draws, row by row (lines at the same height), each row's texts by their x position. */
function pdfRows(bytes: ArrayBuffer): Array<Map<number, string>> {
  const file = String.fromCharCode(...new Uint8Array(bytes));
  const rows = new Map<number, Map<number, string>>();
  for (const [, x, y, literal] of file.matchAll(/BT \/F\d [\d.]+ Tf ([\d.]+) ([\d.]+) Td \(((?:\\.|[^\\)])*)\) Tj ET/g)) {
    const row = rows.get(Number(y)) ?? new Map<number, string>();
    row.set(Number(x), literal!.replace(/\\(.)/g, '$1'));
    rows.set(Number(y), row);
  }
  // PDF heights count from the bottom: top of the page first.
  return [...rows.entries()].sort((a, b) => b[0] - a[0]).map(([, row]) => row);
}

/** "quantity | amount" of each line, sorted, for comparing the lines of one invoice shown two ways. */
const lines = (pairs: Array<[string, string]>) => pairs.map(([q, a]) => `${q} | ${a}`).sort();

for (const customer of SIMULATOR_CUSTOMERS) {
  describe(`the same figures everywhere for ${customer.name}`, () => {
    let proxy: InstalledProxy;
    before(() => {
      proxy = installProxy(customer.id);
    });
    after(() => proxy.restore());

    it('every invoice: <invoice-list>, the hosted invoices dashboard and the PDF show the same amounts', async () => {
      const el = await fixture<HTMLElementTagNameMap['invoice-list']>(
        html`<invoice-list endpoint=${ENDPOINT} locale="en-US" days=${YEAR} refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>`,
      );
      const since = new Date(Date.now() - YEAR * DAY).toISOString().slice(0, 10);
      const { invoices } = await proxy.get<InvoicesResponse>(`/api/invoices?since=${since}`);
      const hosted = [...(await hostedPage(proxy, 'invoices', [{ key: 'show_zero_usage_line_items', value: 'true' }])).querySelectorAll('section.invoice')];
      let compared = 0;
      for await (const i of invoiceScreens(el)) {
        const invoice = invoices[i]!;
        const detail = el.shadowRoot!.querySelector('[part="detail"]')!;
        const rows = [...detail.querySelectorAll('tbody tr.usage, tbody tr.application, tbody tr.other')];
        const shown = (row: Element, column: number) => row.querySelectorAll('td')[column]!.textContent!.trim();
        const due = el.shadowRoot!.querySelectorAll('[part~="row"]')[i]!.querySelector('td.due')!.textContent!.trim();
        expect(detail.querySelector('tfoot td')!.textContent!.trim(), 'the open invoice\'s amount due').to.equal(due);

        // The PDF: every line and the total.
        const pdf = pdfRows(await (await proxy.fetch(`/api/invoices/${invoice.id}/pdf`)).arrayBuffer());
        const header = pdf.findIndex((row) => row.get(470) === 'Amount');
        const pdfLines = pdf.slice(header + 1).filter((row) => row.has(470) && row.get(50) !== 'Total');
        expect(pdf.find((row) => row.get(50) === 'Total')!.get(470), `the PDF's total of invoice ${i + 1}`).to.equal(due);
        expect(lines(pdfLines.map((row) => [row.get(360) ?? '', row.get(470)!])), `the PDF's lines of invoice ${i + 1}`).to.deep.equal(lines(rows.map((row) => [shown(row, 1), shown(row, 3)])));

        // The hosted page shows usage invoices: the one of this period and status whose lines are this invoice's products.
        if (invoice.type !== 'usage' || !rows.some((r) => r.classList.contains('usage'))) continue;
        const last = new Date(Date.parse(invoice.period.ending_before) - DAY).toISOString().slice(0, 10);
        const period = `${invoice.period.starting_on.slice(0, 10)} – ${last}`;
        const usageRows = rows.filter((r) => r.classList.contains('usage'));
        // A line's name is the first text of its first cell (its groups and the "Why" button follow).
        const names = new Set(usageRows.map((r) => [...r.querySelector('td')!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!.textContent!.trim()));
        const section = hosted.find((s) => {
          const hostedRows = [...s.querySelectorAll('tbody tr')];
          return (
            s.querySelector('h2')!.textContent === period &&
            s.getAttribute('data-status') === invoice.status.toUpperCase() &&
            hostedRows.length === usageRows.length &&
            hostedRows.every((r) => [...names].some((name) => cells(r)[0]!.startsWith(name)))
          );
        });
        expect(section, `the hosted page's invoice for ${period}`).to.exist;
        expect(section!.querySelector('.total')!.textContent, `the hosted page's total for ${period}`).to.equal(due);
        const usage = usageRows.map((row): [string, string] => [shown(row, 1), shown(row, 3)]);
        expect(lines([...section!.querySelectorAll('tbody tr')].map((r): [string, string] => [cells(r)[1]!, cells(r)[2]!])), `the hosted page's lines for ${period}`).to.deep.equal(lines(usage));
        compared++;
      }
      expect(compared).to.be.greaterThan(0);
    });

    it('every commit and credit: <balance-ledger> and the hosted commits-and-credits dashboard show the same granted and (prepaid) remaining amounts', async () => {
      const el = await fixture<HTMLElementTagNameMap['balance-ledger']>(html`<balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
      for await (const _ of ledgerScreens(el)) break;
      const { items } = await proxy.get<BalancesResponse>('/api/balances');
      const hosted = (await hostedPage(proxy, 'commits_and_credits')).querySelectorAll('tbody tr');
      expect(hosted.length).to.equal(items.length);
      // A postpaid minimum's rest is usage still to reach, not money remaining: the widget leaves that cell empty.
      const widget = [...el.shadowRoot!.querySelectorAll('[part~="row"]')].map((row) => {
        const [granted, , remaining] = [...row.querySelectorAll('td.num')].map((td) => td.textContent!.trim());
        return `${row.querySelector('th button')!.textContent!.trim()}: ${granted}, ${remaining}`;
      });
      const page = [...hosted].map((row) => {
        const [name, type, , granted, remaining] = cells(row);
        return `${name}: ${granted}, ${type === 'Postpaid commit' ? '' : remaining}`;
      });
      expect(page.sort()).to.deep.equal(widget.sort());
    });
  });
}
