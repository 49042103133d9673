import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { GLOBEX_ID, INITECH_ID, METRIC_IDS } from '../../simulator/index.ts';
import type { CustomerResponse, UsageResponse } from '../../contract/index.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { DAYS_AGO_0915, DAYS_AGO_TEXT, expectStale, stale, TODAY_1042, ZONE } from '../test/stale.ts';
import { chart, drawn, label, legendLabels, part, parts, RANGE, rangeQuery, seriesPaths, usagePath } from '../test/usage-chart-fixture.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

const barCount = (path: SVGPathElement) => (path.getAttribute('d')!.match(/M/g) ?? []).length;

describe('<usage-chart> data and states', () => {
  it('notes stale figures as of the older of the customer\'s metrics and period and the usage', async () => {
    proxy.serveFreshness((path) => ({ '/api/customer': stale(DAYS_AGO_0915), '/api/usage': stale(TODAY_1042) })[path]);
    const el = await chart(proxy, { controls: true, extra: { timeZone: ZONE } });
    await drawn(el);
    expectStale(el, DAYS_AGO_0915, DAYS_AGO_TEXT);
  });

  it('refuses a range the proxy would refuse with a message and no Retry, asking nothing', async () => {
    const el = await chart(proxy, { startingOn: '2022-01-01T00:00:00.000Z', endingBefore: '2025-06-01T00:00:00.000Z' });
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.textContent!.trim()).to.equal('A range covers at most 1096 days (3 years); choose a shorter one.');
    expect(part(el, 'retry')).to.equal(null);
    await expect(el).to.be.accessible();
    el.startingOn = '2025-01-01T00:00:00.000Z';
    el.windowSize = 'hour';
    await el.updateComplete;
    expect(part(el, 'error')!.textContent!.trim()).to.equal('Hourly windows cover at most 92 days; choose daily windows or a shorter range.');
    expect(proxy.requests.filter((r) => r.url.includes('/api/usage'))).to.have.length(0);
  });

  it('draws one path per group, with a bar for each window the group has usage in', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    expect(seriesPaths(el).map((p) => p.dataset.series)).to.deep.equal(data.groups);
    seriesPaths(el).forEach((path, i) => {
      expect(barCount(path)).to.equal(data.windows.filter((w) => w.values![data.groups[i]!]! > 0).length);
    });
  });

  it('names the chart with a one-sentence summary of the proxy\'s numbers and lists groups in the legend', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    expect(el.shadowRoot!.querySelector('svg')!.getAttribute('role')).to.equal('img');
    expect(label(el)).to.match(new RegExp(`^${data.total.toLocaleString('en-US')} CPU hours from \\w+ \\d+, \\d{4} to \\w+ \\d+, \\d{4}; most in ${data.groups[0]} \\(\\d+%\\)\\.$`));
    expect(legendLabels(el)).to.deep.equal(data.groups);
  });

  it('labels the axes with formatted dates and compact numbers', async () => {
    const el = await chart(proxy, { metric: METRIC_IDS.apiRequests, groupKey: 'endpoint' });
    await drawn(el);
    const xLabels = parts(el, 'x-axis').flatMap((g) => [...g.querySelectorAll('text')].map((t) => t.textContent!));
    expect(xLabels.length).to.be.greaterThan(2);
    expect(xLabels.every((l) => /^[A-Z][a-z]{2} \d{1,2}$/.test(l))).to.equal(true);
    const yLabels = [...part(el, 'y-axis')!.querySelectorAll('text')].map((t) => t.textContent!);
    expect(yLabels[0]).to.equal('0');
    expect(yLabels.some((l) => /^\d+(\.\d)?K$/.test(l))).to.equal(true);
  });

  it('draws a single series of totals when no group key is set', async () => {
    const el = await chart(proxy, { groupKey: '' });
    await drawn(el);
    expect(seriesPaths(el)).to.have.length(1);
    expect(barCount(seriesPaths(el)[0]!)).to.equal(7);
    expect(part(el, 'legend')).to.equal(null);
  });

  it('folds all but the largest groups into "Other" for a customer with many', async () => {
    proxy.restore();
    proxy = installProxy(INITECH_ID);
    const el = await chart(proxy, { metric: METRIC_IDS.gpuSeconds, groupKey: 'cluster', extra: { maxGroups: 4 } });
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=cluster`, METRIC_IDS.gpuSeconds));
    expect(data.groups.length).to.be.at.least(20);
    expect(legendLabels(el)).to.deep.equal([...data.groups.slice(0, 3), `Other (${data.groups.length - 3})`]);
  });

  it('groups by a compound key and shows renamed keys and values', async () => {
    proxy.restore();
    proxy = installProxy(GLOBEX_ID);
    const el = await chart(proxy, { metric: METRIC_IDS.modelTokens, groupKey: 'model,region', extra: { maxGroups: 20, groupKeyOverrides: { region: { value_display_names: { 'us-east-1': 'Virginia' } } } } });
    await drawn(el);
    const names = legendLabels(el);
    expect(names.every((name) => name.includes(' / '))).to.equal(true);
    expect(names.some((name) => name.endsWith(' / Virginia'))).to.equal(true);
    expect(names.some((name) => name.includes('us-east-1'))).to.equal(false);
  });

  it('shows a skeleton while the first data loads', async () => {
    const release = proxy.holdNextResponse();
    const el = await chart(proxy);
    await waitUntil(() => part(el, 'loading'), 'no skeleton while the data loads');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await drawn(el);
    expect(part(el, 'loading')).to.equal(null);
  });

  it('draws an answer already at hand without a frame of skeleton before the chart', async () => {
    const data = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&window_size=day&group_key=region`));
    // Answered within the same task, as a cache or a warm proxy in the page would.
    proxy.override = async () => Object.assign(new Response(), { json: async () => data });
    const el = document.createElement('usage-chart');
    Object.assign(el, { endpoint: ENDPOINT, billableMetricId: METRIC_IDS.cpuHours, groupKey: 'region', ...RANGE, noControls: true, locale: 'en-US', tokenProvider: () => 'token' });
    let skeleton = false;
    document.body.append(el);
    new MutationObserver(() => (skeleton ||= Boolean(part(el, 'loading')))).observe(el.shadowRoot!, { subtree: true, childList: true });
    try {
      await drawn(el);
      expect(skeleton, 'a skeleton was drawn before the chart').to.equal(false);
      await expect(el).to.be.accessible();
    } finally {
      el.remove();
    }
  });

  it('says there is no usage when the range has none', async () => {
    const el = await chart(proxy, { startingOn: '2020-01-01', endingBefore: '2020-01-05' });
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No usage in this period');
    expect(seriesPaths(el)).to.have.length(0);
  });

  it('says what is missing when unconfigured', async () => {
    const el = await chart(proxy, { metric: '' });
    await waitUntil(() => part(el, 'empty'));
    expect(part(el, 'empty')!.textContent).to.contain('billable-metric-id');
    const noSession = await chart(proxy, { extra: { tokenProvider: undefined } });
    expect(part(noSession, 'empty')!.textContent).to.contain('tokenProvider');
  });

  it('says the figures are unavailable with a Retry button, fires mw-error with the proxy\'s message, and recovers on retry', async () => {
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const el = await chart(proxy);
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'error')!.textContent).to.contain('Billing data is temporarily unavailable. Try again in a moment.');
    expect(part(el, 'error')!.textContent).not.to.match(/Metronome|HTTP/);
    proxy.override = null;
    part(el, 'retry')!.click();
    await drawn(el);
    expect(part(el, 'error')).to.equal(null);
  });

  it('asks the page for a new token when the proxy says the session expired', async () => {
    proxy.override = async () => {
      proxy.override = null;
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'The session token has expired.' } }), { status: 401 });
    };
    const el = await chart(proxy);
    await drawn(el);
    expect(proxy.tokenRequests()).to.equal(2);
  });

  it('aborts a superseded request when its attributes change', async () => {
    const signals: AbortSignal[] = [];
    proxy.override = (request) => {
      signals.push(request.signal);
      proxy.override = null;
      return new Promise((_resolve, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    };
    const el = await chart(proxy);
    await waitUntil(() => signals.length === 1);
    el.groupKey = '';
    await drawn(el);
    expect(signals[0]!.aborted).to.equal(true);
    expect(seriesPaths(el)).to.have.length(1);
    expect(part(el, 'error')).to.equal(null);
  });

  it('keeps the previous chart, dimmed, while new data loads', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const release = proxy.holdNextResponse();
    el.startingOn = new Date(Date.parse(el.endingBefore) - 3 * 86_400_000).toISOString();
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'true');
    expect(seriesPaths(el).length).to.be.greaterThan(0);
    expect(part(el, 'loading')).to.equal(null);
    release();
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'false');
    expect(Math.max(...seriesPaths(el).map(barCount))).to.equal(3);
  });

  it('reloads on its own in live mode without blanking the chart', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const before = proxy.requests.length;
    el.refreshInterval = 0.05;
    await waitUntil(() => proxy.requests.length >= before + 2, 'no live refresh', { timeout: 2000 });
    expect(seriesPaths(el).length).to.be.greaterThan(0);
    el.remove();
    const after = proxy.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(proxy.requests.length).to.equal(after, 'a detached chart stops refreshing');
  });

  it('passes axe checks when drawn, empty and failed', async () => {
    const drawnChart = await chart(proxy, { controls: true });
    await drawn(drawnChart);
    await expect(drawnChart).to.be.accessible();
    const empty = await chart(proxy, { startingOn: '2020-01-01', endingBefore: '2020-01-05' });
    await waitUntil(() => part(empty, 'empty'));
    await expect(empty).to.be.accessible();
    proxy.override = async () => new Response('{}', { status: 502 });
    const failed = await chart(proxy);
    await waitUntil(() => part(failed, 'error'));
    await expect(failed).to.be.accessible();
  });
});

describe('<usage-chart> in a time zone', () => {
  const utcDay = (iso: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', year: 'numeric' }) => new Date(iso).toLocaleDateString('en-US', { timeZone: 'UTC', ...options });

  it('keeps the current period\'s first and last day west and east of UTC: summary, axis and custom dates', async () => {
    const { current_billing_period: period } = await proxy.get<CustomerResponse>('/api/customer');
    const last = new Date(Date.parse(period!.ending_before) - 86_400_000).toISOString();
    for (const timeZone of ['America/Los_Angeles', 'Asia/Tokyo']) {
      const el = await chart(proxy, { controls: true, startingOn: '', endingBefore: '', extra: { timeZone } });
      await drawn(el);
      expect(label(el), timeZone).to.contain(` from ${utcDay(period!.starting_on)} to ${utcDay(last)}`);
      expect(part(el, 'x-axis')!.querySelector('text')!.textContent, timeZone).to.equal(utcDay(period!.starting_on, { month: 'short', day: 'numeric' }));
      const range = [...el.shadowRoot!.querySelectorAll('select')].find((s) => s.querySelector('option[value="custom"]'))!;
      range.value = 'custom';
      range.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const [from, to] = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="date"]')].map((i) => i.value);
      expect([from, to], timeZone).to.deep.equal([period!.starting_on.slice(0, 10), last.slice(0, 10)]);
    }
  });
});
