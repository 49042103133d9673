import { html, render } from 'lit';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, METRIC_IDS } from '../../simulator/index.ts';
import '../index.ts';
import { ENDPOINT, installProxy } from './proxy-in-page.ts';

/**
 * Every element over the proxy and simulator running in the page, on the screenshot tests' pinned clock,
 * for test/layout.test.ts, which loads it at phone, tablet and desktop widths. `?customer=` picks a
 * simulator customer (hooli, acme, globex, initech), `?theme=` the palette, `?locale=` the locale. The
 * charts read 90 days (the densest axis labels) of a groupable metric of the customer's, grouped; each
 * chart also appears as its table.
 */

const PINNED = Date.parse('2026-06-17T12:00:00Z');
Date.now = () => PINNED;

const params = new URLSearchParams(location.search);
const customers: Record<string, { id: string; metric: string; groupKey: string }> = {
  hooli: { id: HOOLI_ID, metric: METRIC_IDS.gpuHours, groupKey: 'gpu,region' },
  acme: { id: ACME_ID, metric: METRIC_IDS.cpuHours, groupKey: 'region' },
  globex: { id: GLOBEX_ID, metric: METRIC_IDS.modelTokens, groupKey: 'model' },
  initech: { id: INITECH_ID, metric: METRIC_IDS.gpuSeconds, groupKey: 'cluster' },
};
const customer = customers[params.get('customer') ?? 'acme'] ?? customers.acme!;
const proxy = installProxy(customer.id, new Date(PINNED));
const common = { endpoint: ENDPOINT, tokenProvider: proxy.tokenProvider, locale: params.get('locale') ?? 'en-US' };

// A host page shaped like the demo's: each widget in a bordered section, the sections in a column beside
// a 21rem side panel on wide screens (at 1280 px the widgets are 830 px wide), in one column under 56rem
// (at 320 px they are 230 px wide); grid columns that would grow to their content if a widget let them.
const page = new CSSStyleSheet();
page.replaceSync(`
  body { margin: 0; padding: 1.5rem; font: 14px 'Liberation Sans', sans-serif; }
  main { display: grid; grid-template-columns: 1fr; gap: 1.5rem; }
  main.dark { background: #000; color: #f3f4f6; }
  main > section { grid-column: 1; padding: 1rem 1.25rem; border: 1px solid #d1d5db; border-radius: 10px; }
  aside { height: 40rem; border: 1px dashed #9ca3af; }
  @media (min-width: 56rem) {
    main { grid-template-columns: minmax(0, 1fr) 21rem; }
    aside { grid-column: 2; grid-row: 1 / span 7; }
  }
`);
document.adoptedStyleSheets = [page];

render(
  html`<main class=${params.get('theme') ?? 'light'}>
    <aside aria-label="Side panel"></aside>
    <section><usage-chart id="usage" .billableMetricId=${customer.metric} group-key=${customer.groupKey} range="90d" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></usage-chart></section>
    <section><spend-breakdown id="spend" range="90d" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></spend-breakdown></section>
    <section><usage-chart id="usage-table" view="table" no-controls .billableMetricId=${customer.metric} group-key=${customer.groupKey} range="90d" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></usage-chart></section>
    <section><spend-breakdown id="spend-table" view="table" no-controls no-headline range="90d" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></spend-breakdown></section>
    <section><balance-ledger id="balances" purchase .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></balance-ledger></section>
    <section><usage-summary id="summary" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></usage-summary></section>
    <section><invoice-list id="invoices" refresh-interval="0" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></invoice-list></section>
    <section><usage-alerts id="alerts" .endpoint=${common.endpoint} .locale=${common.locale} .tokenProvider=${common.tokenProvider}></usage-alerts></section>
  </main>`,
  document.body,
);
