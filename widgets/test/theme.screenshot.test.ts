import { html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { visualDiff } from '@web/test-runner-visual-regression';
import { METRIC_IDS } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import { loaded } from './loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';

/**
 * What a designer sees: every native widget in the light and the dark palette, compared with the
 * committed pictures under widgets/test/screenshots. The simulator, the proxy and the widgets' own
 * range arithmetic all run on one pinned clock, so the data (and the picture) is the same every day.
 */

const PINNED = Date.parse('2026-06-17T12:00:00Z');
const DAY = 86_400_000;
const lastWeek = { from: new Date(PINNED - (PINNED % DAY) - 7 * DAY).toISOString(), to: new Date(PINNED - (PINNED % DAY)).toISOString() };

let proxy: InstalledProxy;
const realNow = Date.now;
before(() => {
  Date.now = () => PINNED;
  proxy = installProxy(undefined, new Date(PINNED));
});
after(() => {
  proxy.restore();
  Date.now = realNow;
});

for (const theme of ['light', 'dark'] as const) {
  describe(`the ${theme} palette`, () => {
    let page: HTMLElement;
    // Rendered by hand: fixture() would clear the page after the first test, and all four share it.
    before(async () => {
      page = document.body.appendChild(document.createElement('div'));
      render(html`<div class=${theme} style="width: 760px; padding: 16px; font: 14px 'Liberation Sans', sans-serif; background: ${theme === 'dark' ? '#000' : '#f3f4f6'}">
        <usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${lastWeek.from} ending-before=${lastWeek.to} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>
        <spend-breakdown endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
        <balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
        <invoice-list endpoint=${ENDPOINT} locale="en-US" refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>
      </div>`, page);
      await document.fonts.ready;
    });
    after(() => page.remove());

    it('<usage-chart>', async () => {
      const el = page.querySelector('usage-chart')!;
      await loaded(el);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="controls"] select option'), 'no metric choices');
      await visualDiff(el, `${theme}-usage-chart`);
    });

    it('<spend-breakdown>', async () => {
      const el = page.querySelector('spend-breakdown')!;
      await loaded(el);
      await visualDiff(el, `${theme}-spend-breakdown`);
    });

    it('<balance-ledger>', async () => {
      const el = page.querySelector('balance-ledger')!;
      await loaded(el);
      await visualDiff(el, `${theme}-balance-ledger`);
    });

    it('<invoice-list>', async () => {
      const el = page.querySelector('invoice-list')!;
      await loaded(el);
      await visualDiff(el, `${theme}-invoice-list`);
    });
  });
}
