import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { UsageSummaryMetric, UsageSummaryResponse } from '../../contract/index.ts';
import type { MwErrorEvent, MwMetricSelectEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, GPU_CREDITS } from '../test/hand-made.ts';
import './usage-summary.ts';
import type { UsageSummary } from './usage-summary.ts';
import '../locales/de.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy(HOOLI_ID);
});
afterEach(() => proxy.restore());

const summary = (locale = 'en-US') =>
  fixture<UsageSummary>(html`<usage-summary endpoint=${ENDPOINT} locale=${locale} .tokenProvider=${proxy.tokenProvider}></usage-summary>`);
const part = (el: UsageSummary, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: UsageSummary, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const shown = (el: UsageSummary) => waitUntil(() => part(el, 'metric') || part(el, 'empty') || part(el, 'error'), 'nothing was shown', { timeout: 4000 });
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

const USD = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };
const metric = (name: string, extra: Partial<UsageSummaryMetric>): UsageSummaryMetric => ({
  billable_metric: { id: `00000000-0000-4000-8000-${name.length.toString().padStart(12, '0')}`, name },
  unit: null,
  total: 0,
  daily: [0, 0, 0],
  previous_total: null,
  spend: [],
  ...extra,
});
const HAND_MADE: UsageSummaryResponse = {
  starting_on: '2026-11-01T00:00:00.000Z',
  ending_before: '2026-11-11T00:00:00.000Z',
  through: '2026-11-03T12:00:00.000Z',
  compared_with: { starting_on: '2026-10-22T00:00:00.000Z', ending_before: '2026-10-24T12:00:00.000Z' },
  metrics: [
    metric('Tokens', { unit: 'tokens', total: 1500, daily: [500, 1000, 0], previous_total: 1000, spend: [{ credit_type: USD, amount: 12345.678 }] }),
    metric('GPU time', { total: 90, daily: [30, 30, 30], previous_total: 100, spend: [{ credit_type: GPU_CREDITS, amount: 30.5 }] }),
    metric('Seats', { total: 7, daily: [7, 0, 0], previous_total: 0 }),
    metric('Idle', { previous_total: 0 }),
  ],
};

describe('<usage-summary>', () => {
  it('lists every billable metric in the proxy\'s order, biggest spend first, with its quantity, spend and change', async () => {
    const el = await summary();
    await shown(el);
    const data = await proxy.get<UsageSummaryResponse>('/api/usage/summary');
    const rows = parts(el, 'metric');
    expect(rows.map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(data.metrics.map((m) => m.billable_metric.name));
    const first = data.metrics[0]!;
    expect(text(rows[0]!)).to.contain(formatMoney(first.spend[0]!.amount, first.spend[0]!.credit_type, 'en-US'));
    expect(text(rows[0]!)).to.match(/(Up \+|Down -|No change)/);
    expect(text(part(el, 'headline')!)).to.contain(' (so far)');
    expect(text(part(el, 'headline')!)).to.contain('the same point of the previous period');
    await expect(el).to.be.accessible();
  });

  it('shows units, "No spend", and the change in words with its sign, never by colour alone, saying against what', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary();
    await shown(el);
    const rows = parts(el, 'metric').map(text);
    expect(rows[0]).to.equal('Tokens $123.46 1,500 tokens Up +50%');
    expect(rows[1]).to.equal('GPU time 30.5 GPU credits 90 Down -10%');
    expect(rows[2]).to.equal('Seats No spend 7 New this period');
    expect(rows[3]).to.equal('Idle No spend 0 No change');
    expect(text(part(el, 'headline')!)).to.equal('Nov 1, 2026 – Nov 10, 2026 (so far) Change against Oct 22, 2026 – Oct 24, 2026, the same point of the previous period');
    await expect(el).to.be.accessible();
  });

  it('draws each metric\'s days as a sparkline placed in the whole period, its figures its accessible name', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary();
    await shown(el);
    const line = parts(el, 'sparkline')[0]!;
    expect(line.getAttribute('role')).to.equal('img');
    expect(line.getAttribute('aria-label')).to.equal('Daily usage Nov 1, 2026 – Nov 10, 2026 (so far): highest 1,000, last day 0');
    const points = line.querySelector('polyline')!.getAttribute('points')!.split(' ').map((p) => p.split(',').map(Number));
    expect(points.map(([x]) => x)).to.deep.equal([5, 15, 25], 'three of the period\'s ten days, the rest still to come');
    expect(points.map(([, y]) => y)).to.deep.equal([12, 2, 22], 'the highest day at the top, zero at the bottom');
  });

  it('fires mw-metric-select with the metric\'s id on a click, and marks it chosen', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary();
    await shown(el);
    const second = parts(el, 'metric')[1]!;
    setTimeout(() => second.click());
    const event = (await oneEvent(el, 'mw-metric-select')) as MwMetricSelectEvent;
    expect(event.billableMetricId).to.equal(HAND_MADE.metrics[1]!.billable_metric.id);
    expect(event.composed && event.bubbles).to.equal(true);
    await el.updateComplete;
    expect(parts(el, 'metric').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false', 'false']);
    expect(el.billableMetricId).to.equal(HAND_MADE.metrics[1]!.billable_metric.id);
  });

  it('chooses a metric with Enter and with Space from the keyboard', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary();
    await shown(el);
    const chosen: string[] = [];
    el.addEventListener('mw-metric-select', (e) => chosen.push(e.billableMetricId));
    parts(el, 'metric')[2]!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    expect(chosen).to.deep.equal([HAND_MADE.metrics[2]!.billable_metric.id, HAND_MADE.metrics[3]!.billable_metric.id]);
    await el.updateComplete;
    expect(parts(el, 'metric')[3]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('shows the page\'s chosen metric pressed, as set by billable-metric-id', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary();
    el.billableMetricId = HAND_MADE.metrics[0]!.billable_metric.id;
    await shown(el);
    expect(parts(el, 'metric')[0]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('asks for the period the page sets, and otherwise the current billing period', async () => {
    const el = await summary();
    await shown(el);
    expect(new URL(proxy.requests.at(-1)!.url).search).to.equal('');
    el.startingOn = '2026-10-01';
    el.endingBefore = '2026-10-08';
    await waitUntil(() => new URL(proxy.requests.at(-1)!.url).searchParams.get('starting_on') === '2026-10-01', 'the range was not asked for');
    expect(new URL(proxy.requests.at(-1)!.url).searchParams.get('ending_before')).to.equal('2026-10-08');
  });

  it('shows a skeleton while loading, announced once, inside a busy base', async () => {
    const release = proxy.holdNextResponse();
    const el = await summary();
    await waitUntil(() => part(el, 'loading'), 'no skeleton');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(part(el, 'loading')!.textContent).to.contain('Loading usage…');
    await expect(el).to.be.accessible();
    release();
    await shown(el);
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('says so when the customer has no billable metrics, in the host\'s words when it slots them', async () => {
    answerWith(proxy, { '/api/usage/summary': { ...HAND_MADE, metrics: [] } });
    const el = await summary();
    await shown(el);
    expect(part(el, 'empty')!.textContent).to.contain('No billable metrics in this period');
    await expect(el).to.be.accessible();
  });

  it('says what is missing without a session', async () => {
    const el = await fixture<UsageSummary>(html`<usage-summary endpoint=${ENDPOINT}></usage-summary>`);
    await shown(el);
    expect(part(el, 'empty')!.textContent).to.contain('tokenProvider');
  });

  it('shows plain words and Retry when loading fails, fires mw-error, and shows the metrics once Retry works', async () => {
    proxy.override = async () => Response.json({ error: { code: 'upstream_error', message: 'Metronome answered 500.' } }, { status: 502 });
    const el = await summary();
    const failed = (await oneEvent(el, 'mw-error')) as MwErrorEvent;
    expect(failed.status).to.equal(502);
    await shown(el);
    expect(part(el, 'error')!.textContent).to.contain('Billing data is temporarily unavailable');
    expect(part(el, 'error')!.textContent).not.to.contain('Metronome answered 500');
    await expect(el).to.be.accessible();
    proxy.override = null;
    part(el, 'retry')!.click();
    await waitUntil(() => part(el, 'metric'), 'Retry did not load the metrics', { timeout: 4000 });
  });

  it('speaks German', async () => {
    answerWith(proxy, { '/api/usage/summary': HAND_MADE });
    const el = await summary('de-DE');
    await shown(el);
    expect(text(parts(el, 'metric')[0]!)).to.equal('Tokens 123,46 $ 1.500 tokens Gestiegen +50 %');
    expect(text(part(el, 'headline')!)).to.contain('Veränderung gegenüber');
  });
});
