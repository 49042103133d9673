import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { METRIC_IDS } from '../../simulator/index.ts';
import type { BalancesResponse, InvoicesResponse, SpendSummaryResponse } from '../../contract/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import { formatMoney } from '../shared/format.ts';
import { configure } from '../shared/page-config.ts';
import { loaded } from './loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';
import { RANGE } from './usage-chart-fixture.ts';

/**
 * Locale across the widgets: the German catalogue, German numbers, dates and money in every data
 * element, and where a widget's locale comes from (its own attribute, the page's configuration, the
 * page's lang). German is registered half-way through, as a page importing `locales/de` would.
 */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => {
  proxy.restore();
  configure({ locale: undefined, timeZone: undefined });
  document.documentElement.removeAttribute('lang');
});

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const text = (el: Element | null | undefined) => el?.textContent!.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
const headers = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part="table"] thead th')].map(text);
const germanDay = (iso: string) => new Intl.DateTimeFormat('de', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(iso));

/** The four data elements, with `locale` set on each when given. */
async function widgets(locale?: string) {
  const page = await fixture<HTMLElement>(html`<div style="width: 760px">
    <usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${RANGE.startingOn} ending-before=${RANGE.endingBefore} locale=${locale ?? ''} .tokenProvider=${proxy.tokenProvider}></usage-chart>
    <spend-breakdown endpoint=${ENDPOINT} locale=${locale ?? ''} .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
    <balance-ledger endpoint=${ENDPOINT} locale=${locale ?? ''} .tokenProvider=${proxy.tokenProvider}></balance-ledger>
    <invoice-list endpoint=${ENDPOINT} locale=${locale ?? ''} refresh-interval="0" .tokenProvider=${proxy.tokenProvider}></invoice-list>
  </div>`);
  const [usage, spend, ledger, invoices] = ['usage-chart', 'spend-breakdown', 'balance-ledger', 'invoice-list'].map((tag) => page.querySelector(tag)!);
  await Promise.all([usage, spend, ledger, invoices].map((el) => loaded(el!)));
  return { usage: usage!, spend: spend!, ledger: ledger!, invoices: invoices! };
}

describe('locales', () => {
  it('before German is loaded: German numbers and dates, English words', async () => {
    const { usage, ledger } = await widgets('de-DE');
    expect(part(usage, 'export')!.textContent).to.equal('Export CSV');
    expect(part(usage, 'plot')!.getAttribute('aria-label')).to.match(/^[\d.]+(,\d+)? CPU hours from \d{1,2}\. \S+ \d{4} to /);
    expect(headers(ledger)[1]).to.equal('Granted');
  });

  it('speaks German in every data element once German is loaded, re-rendering those on the page', async () => {
    const { usage, spend, ledger, invoices } = await widgets('de-DE');
    await import('../locales/de.ts');
    await waitUntil(() => part(usage, 'export')!.textContent === 'CSV exportieren', 'the chart did not switch to German');

    // <usage-chart>: controls, summary (German number and dates), legend, export
    const labels = [...usage.shadowRoot!.querySelectorAll('[part="controls"] > label')].map(text);
    for (const label of ['Metrik', 'Gruppieren nach', 'Zeitraum Aktueller Abrechnungszeitraum Letzte 7 Tage', 'Zeitfenster Täglich Stündlich']) {
      expect(labels.some((l) => l.startsWith(label)), `no control labelled ${label} in ${labels.join(' | ')}`).to.equal(true);
    }
    const last = new Date(Date.parse(RANGE.endingBefore) - 86_400_000).toISOString();
    expect(part(usage, 'plot')!.getAttribute('aria-label')).to.match(new RegExp(`^[\\d.]+(,\\d+)? CPU hours vom ${germanDay(RANGE.startingOn)} bis zum ${germanDay(last)}; am meisten in .+ \\(\\d+\\s%\\)\\. Mit den Pfeiltasten`));
    expect(part(usage, 'legend')!.getAttribute('aria-label')).to.equal('Reihen');

    // <spend-breakdown>: the headline's words and money in German
    const summary = await proxy.get<SpendSummaryResponse>('/api/spend/summary');
    const usd = summary.credit_types[0]!;
    const figures = Object.fromEntries([...part(spend, 'headline')!.querySelectorAll('div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]));
    expect(figures['Bisher ausgegeben']).to.equal(formatMoney(usd.spend_to_date, usd.credit_type, 'de-DE'));
    expect(figures['Bisher ausgegeben']).to.match(/^[\d.]+,\d{2,3}\s\$$/);
    expect(figures['Verbleibende Tage']).to.match(/^\d+ Tage?$|^Zeitraum endet heute$/);
    expect(part(spend, 'table-toggle')!.textContent).to.equal('Tabelle');

    // <balance-ledger>: headers, totals, dates
    expect(headers(ledger)).to.deep.equal(['Name', 'Gewährt', 'Verbraucht', 'Verbleibend', 'Verfallen', 'Anstehend', 'Verbrauchter Anteil']);
    const balances = await proxy.get<BalancesResponse>('/api/balances');
    const total = balances.totals[0]!;
    expect(text(part(ledger, 'headline')!.querySelector('dd'))).to.equal(formatMoney(total.available_now, total.credit_type, 'de-DE'));
    expect(text(ledger.shadowRoot!.querySelector('caption'))).to.equal('Zusagen und Guthaben, in der Reihenfolge ihrer Verwendung');

    // <invoice-list>: headers, statuses, periods and amounts
    expect(headers(invoices).slice(0, 7)).to.deep.equal(['Zeitraum', 'Status', 'Art', 'Ausgestellt', 'Kosten', 'Zusagen und Guthaben', 'Fälliger Betrag']);
    const url = new URL(proxy.requests.filter((r) => new URL(r.url).pathname === '/api/invoices').at(-1)!.url);
    const list = await proxy.get<InvoicesResponse>(url.pathname + url.search);
    const first = list.invoices[0]!;
    const row = parts(invoices, 'row')[0]!;
    expect(text(row.querySelector('[part="status"]'))).to.equal({ draft: 'Entwurf', finalized: 'Abgeschlossen', void: 'Storniert' }[first.status]);
    expect(text(row.querySelector('th button'))).to.contain(germanDay(first.period.starting_on));
    expect(text(row.querySelector('td.due'))).to.equal(formatMoney(first.total, first.credit_type, 'de-DE'));

    for (const el of [usage, spend, ledger, invoices]) await expect(el).to.be.accessible();
  });

  it('words failures in German, the widget\'s own and the proxy\'s alike', async () => {
    proxy.override = async () => {
      throw new TypeError('Failed to fetch');
    };
    const [german, english] = [await fixture(html`<balance-ledger endpoint=${ENDPOINT} locale="de" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`), await fixture(html`<balance-ledger endpoint=${ENDPOINT} locale="en" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`)];
    await waitUntil(() => part(german, 'error') && part(english, 'error'), 'no error shown');
    expect(text(part(german, 'error')!.querySelector('span'))).to.equal('Der Abrechnungsdienst ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.');
    expect(text(part(german, 'retry'))).to.equal('Erneut versuchen');
    expect(text(part(english, 'error')!.querySelector('span'))).to.equal('Could not reach the billing service. Check your connection and try again.');
    proxy.override = async () => Response.json({ error: { code: 'upstream_timeout', message: 'Metronome did not answer in time. Try again shortly.' } }, { status: 504 });
    part(german, 'retry')!.click();
    await waitUntil(() => text(part(german, 'error')?.querySelector('span')).startsWith('Abrechnungsdaten sind vorübergehend nicht verfügbar.'), 'the proxy\'s failure was not worded in German');
    await expect(german).to.be.accessible();
  });

  it('takes the page\'s lang, and follows it when it changes', async () => {
    document.documentElement.lang = 'de';
    const { ledger, usage } = await widgets();
    expect(headers(ledger)[1]).to.equal('Gewährt');
    expect(part(usage, 'export')!.textContent).to.equal('CSV exportieren');
    document.documentElement.lang = 'en-GB';
    await waitUntil(() => headers(ledger)[1] === 'Granted', 'the ledger did not follow the page\'s lang');
    // en-GB dates: day before month.
    await waitUntil(() => / from \d{1,2} \w{3} \d{4} to /.test(part(usage, 'plot')!.getAttribute('aria-label')!), 'the chart did not follow the page\'s lang');
  });

  it('takes the page\'s configuration over its lang, and an element\'s own locale over both', async () => {
    document.documentElement.lang = 'en-US';
    configure({ locale: 'de-AT' });
    const configured = await fixture(html`<balance-ledger endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    const own = await fixture(html`<balance-ledger endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    await Promise.all([loaded(configured), loaded(own)]);
    expect(headers(configured)[1]).to.equal('Gewährt');
    expect(headers(own)[1]).to.equal('Granted');
    configure({ locale: 'en-GB' });
    await waitUntil(() => headers(configured)[1] === 'Granted', 'the ledger did not follow configure()');
  });

  it('takes the page\'s time zone for moments, and an element\'s own over it', async () => {
    configure({ timeZone: 'Asia/Tokyo' });
    const el = await fixture(html`<usage-chart endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} window-size="hour" range="7d" locale="en-US" no-controls .tokenProvider=${proxy.tokenProvider}></usage-chart>`);
    await loaded(el);
    const plot = part(el, 'plot')!;
    plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    const title = () => text(part(el, 'tooltip')?.querySelector('.tooltip-title'));
    // The first hour of a UTC day is 9 in the morning in Tokyo, 12 at night in UTC.
    await waitUntil(() => title().includes('9:00 AM – 10:00 AM'), `not in Tokyo time: ${title()}`);
    el.setAttribute('time-zone', 'UTC');
    await waitUntil(() => title().includes('12:00 AM – 1:00 AM'), `not in UTC: ${title()}`);
  });
});
