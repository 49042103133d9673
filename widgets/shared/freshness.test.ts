import { expect, fixture } from '@open-wc/testing';
import { render } from 'lit';
import { METRIC_IDS } from '../../simulator/index.ts';
import type { Freshness } from '../../contract/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import { loaded } from '../test/loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { DAYS_AGO_0915, DAYS_AGO_TEXT, expectStale, fresh, stale, staleNote, TODAY_1042, ZONE } from '../test/stale.ts';
import { RANGE } from '../test/usage-chart-fixture.ts';
import { staleTemplate } from './freshness.ts';

/** The note as a page would see it, rendered on its own. */
function note(answers: Array<Partial<Freshness> | null | undefined>, locale = 'en-US') {
  const host = document.createElement('div');
  host.attachShadow({ mode: 'open' });
  render(staleTemplate(answers, { locale, timeZone: ZONE }), host.shadowRoot!);
  return host;
}

describe('the stale note', () => {
  it('says nothing for fresh answers, answers without freshness, or none at all', () => {
    expect(staleNote(note([fresh(), { as_of: TODAY_1042 }, {}, null, undefined]))).to.equal(null);
    expect(staleNote(note([]))).to.equal(null);
  });

  it('gives the time alone when the figures are from today in the zone, in the locale\'s own clock', () => {
    expectStale(note([stale(TODAY_1042)]), TODAY_1042, '10:42 AM');
    expectStale(note([stale(TODAY_1042)], 'en-GB'), TODAY_1042, '10:42');
  });

  it('adds the date when the figures are from another day in the zone', () => {
    expectStale(note([stale(DAYS_AGO_0915)]), DAYS_AGO_0915, DAYS_AGO_TEXT);
  });

  it('gives the oldest of the stale answers on screen, whatever the fresh ones say', () => {
    const older = { as_of: new Date(Date.parse(DAYS_AGO_0915) - 86_400_000).toISOString(), stale: false };
    expectStale(note([stale(TODAY_1042), older, null, stale(DAYS_AGO_0915)]), DAYS_AGO_0915, DAYS_AGO_TEXT);
  });

  it('ignores a stale answer without a readable time', () => {
    expect(staleNote(note([{ stale: true }, { as_of: 'yesterday', stale: true }]))).to.equal(null);
  });
});

/** Each data widget, the route its figures come from, and what it needs to draw them. */
const WIDGETS: Array<{ tag: string; path: string; props?: Record<string, unknown> }> = [
  { tag: 'usage-chart', path: '/api/usage', props: { billableMetricId: METRIC_IDS.cpuHours, groupKey: 'region', startingOn: RANGE.startingOn, endingBefore: RANGE.endingBefore, noControls: true } },
  { tag: 'spend-breakdown', path: '/api/spend' },
  { tag: 'balance-ledger', path: '/api/balances' },
  { tag: 'invoice-list', path: '/api/invoices', props: { refreshInterval: 0 } },
];

describe('every data widget', () => {
  let proxy: InstalledProxy;
  beforeEach(() => {
    proxy = installProxy();
  });
  afterEach(() => proxy.restore());

  async function widget(tag: string, props: Record<string, unknown> = {}) {
    const el = await fixture<HTMLElement>(`<${tag} style="width: 720px"></${tag}>`);
    Object.assign(el, { endpoint: ENDPOINT, locale: 'en-GB', timeZone: ZONE, tokenProvider: proxy.tokenProvider, ...props });
    await loaded(el);
    return el;
  }

  for (const { tag, path, props } of WIDGETS) {
    it(`<${tag}> notes figures the proxy served stale, as of their time in the widget's zone`, async () => {
      proxy.serveFreshness((pathname) => (pathname === path ? stale(TODAY_1042) : undefined));
      const el = await widget(tag, props);
      expectStale(el, TODAY_1042, '10:42');
      await expect(el).to.be.accessible();
    });

    it(`<${tag}> shows no note for fresh figures, nor for a proxy that sends no freshness`, async () => {
      proxy.serveFreshness(() => fresh());
      expect(staleNote(await widget(tag, props))).to.equal(null);
      proxy.override = null;
      expect(staleNote(await widget(tag, props))).to.equal(null);
    });
  }
});
