import { html, waitUntil } from '@open-wc/testing';
import { render } from 'lit';
import { visualDiff } from '@web/test-runner-visual-regression';
import { METRIC_IDS } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import '../usage-summary/usage-summary.ts';
import '../usage-alerts/usage-alerts.ts';
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

/** Opens a widget's first row (a commit's ledger, an invoice's lines) and waits for `shown` and for its cards. */
async function openFirstRow(el: Element, shown: string) {
  el.shadowRoot!.querySelector<HTMLElement>('[part~="row"] th button')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector(shown), `<${el.localName}> did not open its first row`);
  await loaded(el);
  // Two frames: a table that does not fit is drawn as cards before the next paint.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

// At 760 px as the widgets were designed, and on a 375 px phone (16 px margins), with a commit's ledger
// and an invoice open there, to show the cards.
for (const theme of ['light', 'dark'] as const) {
  for (const narrow of [false, true]) {
    describe(`the ${theme} palette${narrow ? ' on a 375 px phone' : ''}`, () => {
      let page: HTMLElement;
      const name = (widget: string) => `${theme}-${narrow ? 'narrow-' : ''}${widget}`;
      // Rendered by hand: fixture() would clear the page after the first test, and all of them share it.
      before(async () => {
        page = document.body.appendChild(document.createElement('div'));
        render(html`<div class=${theme} style="width: ${narrow ? 343 : 760}px; padding: 16px; font: 14px 'Liberation Sans', sans-serif; background: ${theme === 'dark' ? '#000' : '#f3f4f6'}">
          <usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${lastWeek.from} ending-before=${lastWeek.to} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>
          <spend-breakdown endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
          <balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
          <invoice-list endpoint=${ENDPOINT} locale="en-US" refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>
          <usage-summary endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-summary>
          <usage-alerts endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-alerts>
        </div>`, page);
        await document.fonts.ready;
      });
      after(() => page.remove());

      it('<usage-chart>', async () => {
        const el = page.querySelector('usage-chart')!;
        await loaded(el);
        await waitUntil(() => el.shadowRoot!.querySelector('[part="controls"] select option'), 'no metric choices');
        await visualDiff(el, name('usage-chart'));
      });

      it('<spend-breakdown>', async () => {
        const el = page.querySelector('spend-breakdown')!;
        await loaded(el);
        await visualDiff(el, name('spend-breakdown'));
      });

      it('<balance-ledger>', async () => {
        const el = page.querySelector('balance-ledger')!;
        await loaded(el);
        if (narrow) await openFirstRow(el, '[part="ledger"]');
        await visualDiff(el, name('balance-ledger'));
      });

      it('<invoice-list>', async () => {
        const el = page.querySelector('invoice-list')!;
        await loaded(el);
        if (narrow) await openFirstRow(el, '[part="detail"] tfoot');
        await visualDiff(el, name('invoice-list'));
      });

      it('<usage-summary>, one metric chosen', async () => {
        const el = page.querySelector('usage-summary')!;
        await loaded(el);
        await visualDiff(el, name('usage-summary'));
      });

      it('<usage-alerts>', async () => {
        const el = page.querySelector('usage-alerts')!;
        await loaded(el);
        await visualDiff(el, name('usage-alerts'));
      });
    });
  }
}

// The current billing period on the pinned day: today's bar hatched (counted so far), the days to come
// left as room on the axis, the previous billing period dashed and named in the legend. On a page of its
// own, so that the pictures above do not move with it.
describe('the current billing period under way, compared with the one before', () => {
  for (const width of [760, 343]) {
    it(`<usage-chart> at ${width} px`, async () => {
      const page = document.body.appendChild(document.createElement('div'));
      render(html`<div class="light" style="width: ${width}px; padding: 16px; font: 14px 'Liberation Sans', sans-serif; background: #f3f4f6">
        <usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" compare locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>
      </div>`, page);
      await document.fonts.ready;
      const el = page.querySelector('usage-chart')!;
      await loaded(el);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="previous-line"]'), 'the comparison was never drawn');
      await visualDiff(el, `light-${width === 343 ? 'narrow-' : ''}usage-chart-period-under-way`);
      page.remove();
    });
  }
});
