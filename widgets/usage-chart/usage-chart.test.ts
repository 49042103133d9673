import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GLOBEX_ID, METRIC_IDS } from '../../simulator/index.ts';
import type { UsageResponse } from '../shared/contract.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import './usage-chart.ts';
import type { UsageChart } from './usage-chart.ts';

const RANGE = { startingOn: '2026-11-01', endingBefore: '2026-11-08' };
let proxy: InstalledProxy;

beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

async function chart(attrs: { metric?: string; groupKey?: string; startingOn?: string; endingBefore?: string } = {}) {
  const { metric = METRIC_IDS.cpuHours, groupKey = 'region', startingOn = RANGE.startingOn, endingBefore = RANGE.endingBefore } = attrs;
  const el = await fixture<UsageChart>(html`<usage-chart
    style="width: 640px"
    endpoint=${ENDPOINT}
    billable-metric-id=${metric}
    group-key=${groupKey}
    starting-on=${startingOn}
    ending-before=${endingBefore}
    locale="en-US"
    .tokenProvider=${proxy.tokenProvider}
  ></usage-chart>`);
  return el;
}

const part = (el: UsageChart, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);
const bars = (el: UsageChart) => [...el.shadowRoot!.querySelectorAll<SVGRectElement>('rect[part="bar"]')];
const drawn = (el: UsageChart) => waitUntil(() => bars(el).length > 0, 'bars were never drawn');
const usagePath = (query: string) => `/api/usage?billable_metric_id=${METRIC_IDS.cpuHours}&${query}`;

describe('<usage-chart>', () => {
  it('draws one bar segment per window and group, with the proxy\'s numbers', async () => {
    const el = await chart();
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath('starting_on=2026-11-01&ending_before=2026-11-08&group_key=region'));
    const nonZero = data.windows.flatMap((w) => Object.values(w.values!).filter((v) => v > 0));
    expect(bars(el)).to.have.length(nonZero.length);
    data.windows.forEach((w, i) => {
      const inWindow = bars(el).filter((b) => b.dataset.window === String(i));
      expect(inWindow.reduce((sum, b) => sum + Number(b.dataset.value), 0)).to.equal(w.total);
    });
    // Stacked: the largest group sits at the bottom of each bar.
    const first = bars(el).filter((b) => b.dataset.window === '0');
    expect(first[0]!.dataset.series).to.equal(data.groups[0]);
    expect(Number(first[0]!.getAttribute('y'))).to.be.greaterThan(Number(first[1]!.getAttribute('y')));
  });

  it('names the chart with a one-sentence summary and lists the groups in a legend', async () => {
    const el = await chart();
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath('starting_on=2026-11-01&ending_before=2026-11-08&group_key=region'));
    const svg = el.shadowRoot!.querySelector('svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    const label = svg.getAttribute('aria-label')!;
    expect(label).to.contain(`${data.total.toLocaleString('en-US')} CPU hours from Nov 1, 2026 to Nov 7, 2026`);
    expect(label).to.contain(`most in ${data.groups[0]}`);
    const legend = [...part(el, 'legend')!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(legend).to.deep.equal(data.groups);
  });

  it('labels the axes with formatted dates and compact numbers', async () => {
    const el = await chart({ metric: METRIC_IDS.apiRequests, groupKey: 'endpoint' });
    await drawn(el);
    const xLabels = [...part(el, 'x-axis')!.querySelectorAll('text')].map((t) => t.textContent);
    expect(xLabels).to.include('Nov 2');
    const yLabels = [...part(el, 'y-axis')!.querySelectorAll('text')].map((t) => t.textContent);
    expect(yLabels[0]).to.equal('0');
    expect(yLabels.some((l) => /^\d+(\.\d)?K$/.test(l!))).to.equal(true);
  });

  it('draws a single series of totals when no group key is set', async () => {
    const el = await chart({ groupKey: '' });
    await drawn(el);
    expect(bars(el)).to.have.length(7);
    expect(part(el, 'legend')).to.equal(null);
  });

  it('shows a skeleton while the first data loads', async () => {
    const release = proxy.holdNextResponse();
    const el = await chart();
    expect(part(el, 'loading')).to.exist;
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    release();
    await drawn(el);
    expect(part(el, 'loading')).to.equal(null);
  });

  it('says there is no usage when the range has none', async () => {
    const el = await chart({ startingOn: '2027-01-01', endingBefore: '2027-01-05' });
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No usage in this period');
    expect(bars(el)).to.have.length(0);
  });

  it('says which attribute is missing when unconfigured', async () => {
    const el = await chart({ metric: '' });
    expect(part(el, 'empty')!.textContent).to.contain('billable-metric-id');
    expect(proxy.requests).to.have.length(0);
  });

  it('shows the proxy\'s message with a Retry button, fires mw-error, and recovers on retry', async () => {
    proxy.override = async () =>
      new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const el = await chart();
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error')!.textContent).to.contain('Metronome answered with an error (HTTP 500).');
    proxy.override = null;
    (part(el, 'retry') as HTMLButtonElement).click();
    await drawn(el);
    expect(part(el, 'error')).to.equal(null);
  });

  it('asks the page for a new token when the proxy says the session expired', async () => {
    let first = true;
    proxy.override = async (request) => {
      proxy.override = null;
      first = false;
      expect(request.headers.get('authorization')).to.match(/^Bearer /);
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'The session token has expired.' } }), { status: 401 });
    };
    const el = await chart();
    await drawn(el);
    expect(first).to.equal(false);
    expect(proxy.tokenRequests()).to.equal(2);
  });

  it('aborts a superseded request when its attributes change', async () => {
    const signals: AbortSignal[] = [];
    proxy.override = (request) => {
      signals.push(request.signal);
      proxy.override = null;
      return new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    };
    const el = await chart();
    await waitUntil(() => signals.length === 1);
    el.groupKey = '';
    await drawn(el);
    expect(signals[0]!.aborted).to.equal(true);
    expect(bars(el)).to.have.length(7);
    expect(part(el, 'error')).to.equal(null);
  });

  it('keeps the previous chart, dimmed, while new data loads', async () => {
    const el = await chart();
    await drawn(el);
    const release = proxy.holdNextResponse();
    el.endingBefore = '2026-11-05';
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'true');
    expect(bars(el).length).to.be.greaterThan(0);
    expect(part(el, 'loading')).to.equal(null);
    release();
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'false');
    expect(new Set(bars(el).map((b) => b.dataset.window)).size).to.equal(4);
  });

  it('groups by a compound key', async () => {
    proxy.restore();
    proxy = installProxy(GLOBEX_ID);
    const el = await chart({ metric: METRIC_IDS.modelTokens, groupKey: 'model,region' });
    await drawn(el);
    const legend = [...part(el, 'legend')!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(legend.every((name) => name.includes(' / '))).to.equal(true);
  });

  it('passes axe checks when drawn, empty and failed', async () => {
    const drawnChart = await chart();
    await drawn(drawnChart);
    await expect(drawnChart).to.be.accessible();
    const empty = await chart({ startingOn: '2027-01-01', endingBefore: '2027-01-05' });
    await waitUntil(() => part(empty, 'empty'));
    await expect(empty).to.be.accessible();
    proxy.override = async () => new Response('{}', { status: 502 });
    const failed = await chart();
    await waitUntil(() => part(failed, 'error'));
    await expect(failed).to.be.accessible();
  });
});
