import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { INITECH_ID } from '../../simulator/index.ts';
import type { SpendResponse, SpendSummaryResponse } from '../../contract/index.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS, GPU_CREDITS } from '../test/hand-made.ts';
import { DAYS_AGO_0915, DAYS_AGO_TEXT, expectStale, stale, TODAY_1042, ZONE } from '../test/stale.ts';
import './spend-breakdown.ts';
import type { SpendBreakdown } from './spend-breakdown.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

async function spend(extra: Partial<SpendBreakdown> = {}) {
  const el = await fixture<SpendBreakdown>(html`<spend-breakdown style="width: 720px" endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>`);
  Object.assign(el, extra);
  return el;
}

const part = (el: SpendBreakdown, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: SpendBreakdown, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const drawn = (el: SpendBreakdown) => waitUntil(() => parts(el, 'series').some((p) => p.getAttribute('d')), 'the chart was never drawn', { timeout: 4000 });
const money = (v: number) => formatMoney(v, { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' }, 'en-US');

/** The lines of the CSV the Export button hands to the browser. */
/** The last CSV's file name. */
let exportedName = '';

async function exported(el: SpendBreakdown) {
  const original = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  let blob: Blob | undefined;
  URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:test');
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    exportedName = this.download;
  };
  try {
    part(el, 'export')!.click();
  } finally {
    URL.createObjectURL = original;
    HTMLAnchorElement.prototype.click = click;
  }
  return (await blob!.text()).trimEnd().split('\r\n');
}

/** The proxy's own answer for the range the widget asked for. */
async function shown(): Promise<SpendResponse> {
  const request = proxy.requests.filter((r) => r.url.includes('/api/spend?')).at(-1)!;
  return proxy.get<SpendResponse>(new URL(request.url).pathname + new URL(request.url).search);
}

describe('<spend-breakdown>', () => {
  it('notes stale figures as of the older of the headline\'s and the chart\'s', async () => {
    proxy.serveFreshness((path) => ({ '/api/spend/summary': stale(DAYS_AGO_0915), '/api/spend': stale(TODAY_1042) })[path]);
    const el = await spend({ timeZone: ZONE });
    await drawn(el);
    expectStale(el, DAYS_AGO_0915, DAYS_AGO_TEXT);
  });

  it('heads the widget with the current period so far: spend, commits and credits, net, days left and a projection', async () => {
    const el = await spend();
    await waitUntil(() => part(el, 'headline'));
    const summary = await proxy.get<SpendSummaryResponse>('/api/spend/summary');
    const usd = summary.credit_types[0]!;
    const figures = Object.fromEntries([...part(el, 'headline')!.querySelectorAll('div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));
    expect(figures['Spent so far']).to.equal(money(usd.spend_to_date));
    expect(figures['Commits and credits']).to.equal(money(usd.credits_applied));
    expect(figures['Net so far']).to.equal(money(usd.net));
    expect(figures['Days left']).to.match(/^(\d+ days?|Period ends today)$/);
    expect(figures['Projected by period end']).to.equal(money(usd.projection!.spend));
    expect(part(el, 'headline')!.textContent).to.contain(usd.projection!.method);
    expect(part(el, 'headline')!.textContent).to.contain('; covered by your commits and credits: $0.00 due', "Acme's commit lasts past the period");
  });

  it('says what the projection leaves due after commits and credits when they do not cover the rest of the period', async () => {
    proxy.restore();
    proxy = installProxy(INITECH_ID);
    const el = await spend();
    await waitUntil(() => part(el, 'headline'));
    const usd = (await proxy.get<SpendSummaryResponse>('/api/spend/summary')).credit_types[0]!;
    expect(usd.projection!.covered).to.equal(false);
    expect(part(el, 'headline')!.textContent).to.contain(`; ${money(usd.projection!.net)} due after commits and credits`);
    expect(part(el, 'headline')!.textContent).not.to.contain('covered');
  });

  it('stacks spend by product over the current period, with commits and credits drawn apart below zero', async () => {
    const el = await spend();
    await drawn(el);
    const data = await shown();
    const usd = data.credit_types[0]!;
    const summary = await proxy.get<SpendSummaryResponse>('/api/spend/summary');
    expect(data.starting_on).to.equal(summary.period!.starting_on);
    expect(parts(el, 'series').map((p) => p.dataset.series)).to.deep.equal([...usd.groups, '\u0000negative']);
    expect(parts(el, 'legend-item').map((b) => b.textContent!.trim())).to.deep.equal([...usd.groups, 'Commits and credits']);
    expect(parts(el, 'legend-item').at(-1)!.querySelector('.swatch')!.classList.contains('negative')).to.equal(true);
    const label = el.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')!;
    expect(label).to.contain(`${money(usd.total)} spent from`);
    if (usd.credits_applied !== 0) expect(label).to.contain(`${money(-usd.credits_applied)} paid by commits and credits, ${money(usd.net)} net`);
  });

  it('tabulates every window with the commits and credits in their own column', async () => {
    const el = await spend({ view: 'table' });
    await waitUntil(() => part(el, 'table'));
    const usd = (await shown()).credit_types[0]!;
    const table = part(el, 'table')!;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Day', ...usd.groups, 'Total', 'Commits and credits']);
    const rows = [...table.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.map((r) => r.at(-2))).to.deep.equal(usd.windows.map((w) => money(w.total)));
    expect(rows.map((r) => r.at(-1))).to.deep.equal(usd.windows.map((w) => money(w.credits_applied)));
    await expect(el).to.be.accessible();
  });

  it('splits spend by a presentation key instead of product', async () => {
    const el = await spend();
    await drawn(el);
    const splitBy = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Split by'))!.querySelector('select')!;
    expect([...splitBy.options].map((o) => o.value)).to.include.members(['product', 'region', 'endpoint', 'tier']);
    splitBy.value = 'region';
    splitBy.dispatchEvent(new Event('change'));
    await waitUntil(() => parts(el, 'legend-item').some((b) => b.textContent!.trim() === 'us-east-1'));
    const usd = (await shown()).credit_types[0]!;
    expect(usd.group_by).to.equal('region');
    expect(parts(el, 'legend-item').map((b) => b.textContent!.trim())).to.include('us-east-1');
  });

  it('offers each credit type a customer is billed in, a currency by its code and custom pricing units by name', async () => {
    proxy.restore();
    proxy = installProxy(INITECH_ID);
    const el = await spend();
    await drawn(el);
    const select = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Credit type'))!.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['USD', 'GPU credits']);
    select.value = select.options[1]!.value;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => el.shadowRoot!.querySelector('svg')?.getAttribute('aria-label')?.includes('GPU credits'));
    expect(part(el, 'headline')!.textContent).to.contain('GPU credits');
  });

  it('hides commits and credits from the legend like any series', async () => {
    const el = await spend();
    await drawn(el);
    parts(el, 'legend-item').at(-1)!.click();
    await el.updateComplete;
    expect(parts(el, 'series').some((p) => p.dataset.series === '\u0000negative')).to.equal(false);
  });

  it('exports the windows with the commits and credits column as CSV', async () => {
    const el = await spend();
    await drawn(el);
    const usd = (await shown()).credit_types[0]!;
    const lines = await exported(el);
    // Named after the currency, not the credit type's "USD (cents)".
    expect(exportedName).to.match(/^spend-in-usd_\d{4}-\d\d-\d\d_\d{4}-\d\d-\d\d\.csv$/);
    // Amounts in dollars, not the credit type's cents, exact (not rounded to the cent), and the header says so.
    expect(lines[0]).to.equal(['starting_on', 'ending_before', ...usd.groups, 'total', 'Commits and credits'].map((c, i) => (i < 2 ? c : `${c} (USD)`)).join(','));
    const w = usd.windows[0]!;
    const dollars = (cents: number) => Math.round(cents * 1e6) / 1e8;
    expect(lines[1]).to.equal([w.starting_on, w.ending_before, ...[...usd.groups.map((g) => w.values[g]!), w.total, w.credits_applied].map(dollars)].join(','));
  });

  it('shows a skeleton first, says when there is no spend, and passes axe checks', async () => {
    const release = proxy.holdNextResponse();
    const loading = await spend({ noHeadline: true, startingOn: '2020-01-01T00:00:00.000Z', endingBefore: '2020-01-08T00:00:00.000Z' });
    expect(part(loading, 'loading')).to.exist;
    await expect(loading).to.be.accessible();
    release();
    await waitUntil(() => part(loading, 'empty'));
    expect(part(loading, 'empty')!.textContent!.trim()).to.equal('No spend in this period');
    await expect(loading).to.be.accessible();
    const full = await spend();
    await drawn(full);
    await expect(full).to.be.accessible();
  });

  it('refuses a range the proxy would refuse with a message, asking nothing', async () => {
    const el = await spend({ noHeadline: true, startingOn: '2021-01-01T00:00:00.000Z', endingBefore: '2025-01-01T00:00:00.000Z' });
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.textContent!.trim()).to.equal('A range covers at most 1096 days (3 years); choose a shorter one.');
    expect(part(el, 'retry')).to.equal(null);
    await expect(el).to.be.accessible();
    Object.assign(el, { startingOn: '2024-01-01T00:00:00.000Z', windowSize: 'hour' });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent!.trim()).to.match(/^Hourly windows cover at most 92 days/);
    expect(proxy.requests.filter((r) => r.url.includes('/api/spend?'))).to.have.length(0);
  });

  it('shows the proxy\'s message with a Retry button and fires mw-error', async () => {
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_timeout', message: 'Metronome did not answer in time. Try again shortly.' } }), { status: 504 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const el = await spend();
    expect((await errorEvent).error.message).to.equal('Metronome did not answer in time. Try again shortly.');
    await waitUntil(() => part(el, 'error'));
    await expect(el).to.be.accessible();
    proxy.override = null;
    part(el, 'retry')!.click();
    await drawn(el);
  });
});

describe('<spend-breakdown> currencies and time zones', () => {
  const period = { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' };
  const entry = (creditType: { id: string; name: string }, values: Array<Record<string, number>>): SpendResponse['credit_types'][number] => {
    const windows = values.map((v, i) => {
      const total = Object.values(v).reduce((a, b) => a + b, 0);
      return { starting_on: new Date(Date.parse(period.starting_on) + i * 86_400_000).toISOString(), ending_before: new Date(Date.parse(period.starting_on) + (i + 1) * 86_400_000).toISOString(), values: v, total, credits_applied: -100, net: total - 100 };
    });
    return { credit_type: creditType, window_size: 'day', group_by: 'product', groups: Object.keys(values[0]!), windows, total: windows.reduce((a, w) => a + w.total, 0), credits_applied: -100 * windows.length, net: windows.reduce((a, w) => a + w.net, 0) };
  };
  const spendAnswer = { starting_on: period.starting_on, ending_before: '2026-11-03T00:00:00.000Z', credit_types: [entry(EUR_CENTS, [{ Compute: 123456.78, Storage: 0.5 }, { Compute: 1000, Storage: 0 }]), entry(GPU_CREDITS, [{ Training: 1234.5 }, { Training: 2 }])] };
  const summaryAnswer = {
    period,
    days_left: 12.5,
    credit_types: [{ credit_type: EUR_CENTS, spend_to_date: 124457.28, credits_applied: -200, net: 124257.28, projection: null, previous: null }],
  };
  const handMade = () => answerWith(proxy, { '/api/spend': spendAnswer, '/api/spend/summary': summaryAnswer });

  it('shows spend in euro cents as euros to the cent (the exact amount in a title), and exports it in euros, exactly, with the unit in the header', async () => {
    handMade();
    const el = await spend({ startingOn: spendAnswer.starting_on, endingBefore: spendAnswer.ending_before });
    await drawn(el);
    const spent = part(el, 'headline')!.querySelector('dd')!;
    expect(spent.textContent).to.equal('€1,244.57');
    expect(spent.querySelector('[title]')!.getAttribute('title')).to.equal('Exactly €1,244.5728');
    expect(part(el, 'plot')!.getAttribute('aria-label')).to.match(/^€1,244\.57 spent from Nov 1, 2026 to Nov 2, 2026, €2\.00 paid by commits and credits, €1,242\.57 net/);
    const csv = await exported(el);
    expect(csv[0]).to.equal('starting_on,ending_before,Compute (EUR),Storage (EUR),total (EUR),Commits and credits (EUR)');
    expect(csv[1]).to.equal('2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,1234.5678,0.005,1234.5728,-1');
    el.view = 'table';
    await el.updateComplete;
    const cell = part(el, 'table')!.querySelector('tbody td')!;
    expect([cell.textContent, cell.getAttribute('title')]).to.deep.equal(['€1,234.57', 'Exactly €1,234.5678']);
    expect(part(el, 'table')!.querySelectorAll('tbody td')[3]!.hasAttribute('title'), 'an amount shown as it is has no title').to.equal(false);
  });

  it('exports a custom pricing unit as it is, named in the header', async () => {
    handMade();
    const el = await spend({ startingOn: spendAnswer.starting_on, endingBefore: spendAnswer.ending_before, creditTypeId: GPU_CREDITS.id });
    await drawn(el);
    const csv = await exported(el);
    expect(csv[0]).to.equal('starting_on,ending_before,Training (GPU credits),total (GPU credits),Commits and credits (GPU credits)');
    expect(csv[1]).to.equal('2026-11-01T00:00:00.000Z,2026-11-02T00:00:00.000Z,1234.5,1234.5,-100');
  });

  it('names the current period by its own first and last day west and east of UTC', async () => {
    handMade();
    for (const timeZone of ['America/Los_Angeles', 'Asia/Tokyo']) {
      const el = await spend({ timeZone, noControls: true });
      await drawn(el);
      expect(part(el, 'plot')!.getAttribute('aria-label'), timeZone).to.contain(' spent from Nov 1, 2026 to Nov 2, 2026');
      const asked = new URL(proxy.requests.filter((r) => r.url.includes('/api/spend?')).at(-1)!.url).searchParams;
      expect([asked.get('starting_on'), asked.get('ending_before')], timeZone).to.deep.equal([period.starting_on, period.ending_before]);
    }
  });
});
