import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { METRIC_IDS } from '../../simulator/index.ts';
import type { CustomerResponse, UsageResponse } from '../../contract/index.ts';
import type { MwChangeEvent } from '../shared/events.ts';
import { installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { chart, drawn, label, legendLabels, part, parts, rangeQuery, seriesPaths, usagePath } from '../test/usage-chart-fixture.ts';
import type { UsageChart } from './usage-chart.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

const lastUsageRequest = () => new URL(proxy.requests.filter((r) => r.url.includes('/api/usage')).at(-1)!.url);
const select = (el: UsageChart, labelText: string) =>
  [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(labelText))!.querySelector('select')!;
const choose = (control: HTMLSelectElement | HTMLInputElement, value: string) => {
  control.value = value;
  control.dispatchEvent(new Event('change'));
};
const key = (el: UsageChart, name: string) => part(el, 'plot')!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
const liveText = (el: UsageChart) => el.shadowRoot!.querySelector('[aria-live]')!.textContent!;
const data = () => proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));

describe('<usage-chart> interactions', () => {
  it('hides and shows a series from the legend, and the summary follows', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { groups, windows, total } = await data();
    const first = parts(el, 'legend-item')[0]!;
    expect(first.getAttribute('aria-pressed')).to.equal('true');
    first.click();
    await el.updateComplete;
    expect(first.getAttribute('aria-pressed')).to.equal('false');
    expect(seriesPaths(el).map((p) => p.dataset.series)).to.deep.equal(groups.slice(1));
    const hiddenTotal = windows.reduce((sum, w) => sum + w.values![groups[0]!]!, 0);
    expect(label(el)).to.match(new RegExp(`^${(total - hiddenTotal).toLocaleString('en-US')} CPU hours`));
    first.click();
    await el.updateComplete;
    expect(seriesPaths(el)).to.have.length(groups.length);
  });

  it('shows the window under the pointer in a tooltip, and hides it when the pointer leaves', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows, groups } = await data();
    const svg = el.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
    const plot = part(el, 'plot')!;
    plot.dispatchEvent(new PointerEvent('pointermove', { clientX: svg.left + 48 + 3, clientY: svg.top + 50, bubbles: true }));
    await el.updateComplete;
    const tooltip = part(el, 'tooltip')!;
    const day = new Date(windows[0]!.starting_on).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
    expect(tooltip.querySelector('.tooltip-title')!.textContent).to.equal(day);
    expect(tooltip.textContent).to.contain(groups[0]);
    expect(tooltip.querySelector('.total')!.textContent).to.contain(windows[0]!.total.toLocaleString('en-US'));
    expect(part(el, 'highlight')).to.exist;
    plot.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(part(el, 'tooltip')).to.equal(null);
  });

  it('reads windows aloud as arrow keys move between them', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows } = await data();
    const plot = part(el, 'plot')!;
    expect(plot.tabIndex).to.equal(0);
    expect(plot.getAttribute('aria-label')).to.contain('arrow keys');
    plot.focus();
    key(el, 'ArrowRight');
    await el.updateComplete;
    expect(liveText(el)).to.contain(`Total: ${windows.at(-1)!.total.toLocaleString('en-US')} CPU hours`);
    key(el, 'Home');
    key(el, 'ArrowRight');
    await el.updateComplete;
    expect(liveText(el)).to.contain(`Total: ${windows[1]!.total.toLocaleString('en-US')} CPU hours`);
    expect(part(el, 'tooltip')).to.exist;
    await expect(el).to.be.accessible();
    key(el, 'Escape');
    await el.updateComplete;
    expect(liveText(el)).to.equal('');
  });

  it('switches to a table of exactly what the chart shows', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    const { windows, groups } = await data();
    part(el, 'table-toggle')!.click();
    await waitUntil(() => part(el, 'table'));
    const table = part(el, 'table')!;
    expect(table.querySelector('caption')!.textContent).to.match(/CPU hours from/);
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal(['Day', ...groups, 'Total']);
    const totals = [...table.querySelectorAll('tbody tr')].map((row) => row.lastElementChild!.textContent);
    expect(totals).to.deep.equal(windows.map((w) => w.total.toLocaleString('en-US')));
    await expect(el).to.be.accessible();
  });

  it('exports every window of what is shown as CSV', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    const { windows, groups } = await data();
    parts(el, 'legend-item')[1]!.click();
    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:test');
    try {
      await el.updateComplete;
      part(el, 'export')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    const lines = (await blob!.text()).trimEnd().split('\r\n');
    const shown = groups.filter((_, i) => i !== 1);
    expect(lines[0]).to.equal(['starting_on', 'ending_before', ...shown, 'total'].join(','));
    expect(lines).to.have.length(windows.length + 1);
    const w = windows[2]!;
    expect(lines[3]).to.equal([w.starting_on, w.ending_before, ...shown.map((g) => w.values![g]), w.total - w.values![groups[1]!]!].join(','));
  });

  it('lets the viewer pick a metric and grouping from their own, and says so with mw-change', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    const customer = await proxy.get<CustomerResponse>('/api/customer');
    const metric = select(el, 'Metric');
    expect([...metric.options].map((o) => o.textContent)).to.deep.equal(customer.billable_metrics.map((m) => m.name));
    const change = oneEvent(el, 'mw-change') as Promise<MwChangeEvent>;
    choose(metric, METRIC_IDS.apiRequests);
    expect((await change).settings).to.include({ billableMetricId: METRIC_IDS.apiRequests, groupKey: 'endpoint' });
    await waitUntil(() => legendLabels(el).includes('/v1/orders'));
    choose(select(el, 'Group by'), '');
    await waitUntil(() => seriesPaths(el).length === 1 && !part(el, 'legend'));
    expect(lastUsageRequest().searchParams.get('group_key')).to.equal(null);
  });

  it('starts on the current billing period and offers presets', async () => {
    const el = await chart(proxy, { controls: true, startingOn: '', endingBefore: '' });
    await drawn(el);
    const { current_billing_period: period } = await proxy.get<CustomerResponse>('/api/customer');
    expect(lastUsageRequest().searchParams.get('starting_on')).to.equal(period!.starting_on);
    expect(select(el, 'Range').value).to.equal('current-period');
    choose(select(el, 'Range'), '7d');
    await waitUntil(() => part(el, 'base')!.getAttribute('aria-busy') === 'false' && lastUsageRequest().searchParams.get('starting_on') !== period!.starting_on);
    const url = lastUsageRequest();
    expect(Date.parse(url.searchParams.get('ending_before')!) - Date.parse(url.searchParams.get('starting_on')!)).to.equal(7 * 86_400_000);
  });

  it('offers hourly windows only where the range allows them', async () => {
    const el = await chart(proxy, { controls: true, startingOn: '2026-01-01T00:00:00.000Z', endingBefore: '2026-06-01T00:00:00.000Z' });
    await el.updateComplete;
    expect(select(el, 'Windows').querySelector<HTMLOptionElement>('option[value="hour"]')!.disabled).to.equal(true);
    const short = await chart(proxy, { controls: true });
    expect(select(short, 'Windows').querySelector<HTMLOptionElement>('option[value="hour"]')!.disabled).to.equal(false);
    choose(select(short, 'Windows'), 'hour');
    await waitUntil(() => lastUsageRequest().searchParams.get('window_size') === 'hour');
    await drawn(short);
  });

  it('says so when the viewer picks custom dates over three years apart, without asking the proxy', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    choose(select(el, 'Range'), 'custom');
    await el.updateComplete;
    const asked = proxy.requests.filter((r) => r.url.includes('/api/usage')).length;
    const from = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith('From'))!.querySelector('input')!;
    choose(from, '2020-01-01');
    await waitUntil(() => part(el, 'error'), 'no message for the long range');
    expect(part(el, 'error')!.textContent).to.contain('A range covers at most 1096 days');
    expect(proxy.requests.filter((r) => r.url.includes('/api/usage')).length).to.equal(asked);
    expect(part(el, 'controls'), 'the dates stay there to be mended').to.exist;
  });

  it('compares with the previous period', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    const checkbox = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Compare'))!.querySelector('input')!;
    checkbox.checked = true;
    checkbox.dispatchEvent(new Event('change'));
    await waitUntil(() => part(el, 'previous-line'));
    expect(lastUsageRequest().searchParams.get('compare')).to.equal('previous');
    expect(label(el)).to.match(/(up|down) \d+% on the previous period|about the same as the previous period/);
  });

  it('draws lines instead of bars', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    [...part(el, 'controls')!.querySelectorAll('button')].find((b) => b.textContent === 'Lines')!.click();
    await el.updateComplete;
    expect(seriesPaths(el).every((p) => p.classList.contains('lines') && /^M[\d.]+,[\d.]+L/.test(p.getAttribute('d')!))).to.equal(true);
  });

  it('filters to the values the viewer keeps', async () => {
    const el = await chart(proxy, { controls: true });
    await drawn(el);
    const filter = part(el, 'filter') as HTMLDetailsElement;
    filter.open = true;
    const box = [...filter.querySelectorAll('label')].find((l) => l.textContent!.trim() === 'us-east-1')!.querySelector('input')!;
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await waitUntil(() => !legendLabels(el).includes('us-east-1'));
    const kept = lastUsageRequest().searchParams.getAll('group_filter');
    expect(kept).to.have.length(1);
    expect(kept[0]).to.match(/^region:/);
    expect(kept[0]).not.to.contain('us-east-1');
    expect(part(el, 'filter')!.querySelector('summary')!.textContent).to.match(/region: \d+ of \d+/);
    await expect(el).to.be.accessible();
  });

  it('shows hours in the chosen time zone, and days by their own dates there', async () => {
    const el = await chart(proxy, { extra: { timeZone: 'America/New_York', windowSize: 'hour' } });
    await drawn(el);
    key(el, 'Home');
    await el.updateComplete;
    const title = () => part(el, 'tooltip')!.querySelector('.tooltip-title')!.textContent;
    // The first hour starts at UTC midnight: 7 or 8 in the evening of the day before, in New York.
    expect(title()).to.match(/^\w{3} \d{1,2}, [78]:00 PM – [89]:00 PM$/);
    el.windowSize = 'day';
    await waitUntil(() => /^\w{3}, /.test(title() ?? ''), 'the daily tooltip was not shown', { timeout: 4000 });
    const { windows } = await data();
    expect(title()).to.equal(new Date(windows[0]!.starting_on).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }));
  });
});
