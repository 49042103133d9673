import { expect, waitUntil } from '@open-wc/testing';
import type { CustomerResponse, UsageResponse } from '../../contract/index.ts';
import '../locales/de.ts';
import { installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { chart, drawn, label, legendLabels, part, parts, rangeQuery, usagePath } from '../test/usage-chart-fixture.ts';
import type { UsageChart } from './usage-chart.ts';

/** The range's total, a range still under way, the comparison it is read against, taps and the filter's popover. */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
/** Three finished days, today, and three days still to come. */
const UNDER_WAY = { startingOn: new Date(today - 3 * DAY).toISOString(), endingBefore: new Date(today + 4 * DAY).toISOString() };
const underWayQuery = `starting_on=${UNDER_WAY.startingOn}&ending_before=${UNDER_WAY.endingBefore}&group_key=region`;

const usageRequests = () => proxy.requests.filter((r) => r.url.includes('/api/usage')).map((r) => new URL(r.url));
const key = (el: UsageChart, name: string) => part(el, 'plot')!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
const tooltipTitle = (el: UsageChart) => part(el, 'tooltip')?.querySelector('.tooltip-title')!.textContent;
const dayName = (iso: string, locale = 'en-US') => new Date(iso).toLocaleDateString(locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
const date = (iso: string, locale = 'en-US') => new Date(iso).toLocaleDateString(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const sum = (windows: UsageResponse['windows']) => windows.reduce((total, w) => total + w.total, 0);
const compareBox = (el: UsageChart) => [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.includes('Compare'))!.querySelector('input')!;

async function tap(el: UsageChart, x: number) {
  const svg = el.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
  part(el, 'plot')!.dispatchEvent(new PointerEvent('pointerup', { pointerType: 'touch', clientX: svg.left + x, clientY: svg.top + 50, bubbles: true }));
  await el.updateComplete;
}

describe('<usage-chart> total, partial window and comparison', () => {
  it('shows the range total with its unit above the chart: the sum of the windows drawn', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows, groups } = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    expect(part(el, 'total')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Total ${sum(windows).toLocaleString('en-US')} CPU hours`);
    parts(el, 'legend-item')[0]!.click();
    await el.updateComplete;
    const shown = sum(windows) - windows.reduce((total, w) => total + w.values![groups[0]!]!, 0);
    expect(part(el, 'total')!.querySelector('strong')!.textContent).to.equal(shown.toLocaleString('en-US'));
    expect(label(el)).to.match(new RegExp(`^${shown.toLocaleString('en-US')} CPU hours`));
  });

  it('marks today as counted so far and draws, lists and reaches no day after it, on an axis that spans the range', async () => {
    const el = await chart(proxy, UNDER_WAY);
    await drawn(el);
    const data = await proxy.get<UsageResponse>(usagePath(underWayQuery));
    expect(data.through, 'the proxy says the range is under way').to.be.a('string');
    const counted = data.windows.slice(0, 4);
    expect(part(el, 'total')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Total so far ${sum(counted).toLocaleString('en-US')} CPU hours`);
    expect(label(el)).to.match(/ \(so far\)[,;.]/);

    // Today's window is hatched, nothing is drawn to its right, and the axis still runs to the range's last day.
    const hatch = part(el, 'partial')!.getBoundingClientRect();
    const svg = el.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
    expect(hatch.width).to.be.greaterThan(0);
    for (const path of parts(el, 'series')) expect(path.getBoundingClientRect().right).to.be.at.most(hatch.right + 0.5);
    expect(svg.right - hatch.right, 'three days to come stay as room on the axis').to.be.greaterThan(2.5 * hatch.width);
    const xLabels = [...part(el, 'x-axis')!.querySelectorAll('text')].map((t) => t.textContent);
    expect(xLabels).to.include(new Date(today + 3 * DAY).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }));

    // The keyboard's first step from the end lands on today, and no key goes past it.
    key(el, 'ArrowRight');
    await el.updateComplete;
    expect(tooltipTitle(el)).to.equal(`${dayName(counted[3]!.starting_on)} (so far)`);
    expect(part(el, 'tooltip')!.querySelector('.total')!.textContent).to.contain(counted[3]!.total.toLocaleString('en-US'));
    for (const name of ['ArrowRight', 'End', 'PageDown']) {
      key(el, name);
      await el.updateComplete;
      expect(tooltipTitle(el), name).to.equal(`${dayName(counted[3]!.starting_on)} (so far)`);
    }
    key(el, 'Home');
    await el.updateComplete;
    expect(tooltipTitle(el)).to.equal(dayName(counted[0]!.starting_on));

    // A pointer over a day to come reads nothing.
    part(el, 'plot')!.dispatchEvent(new PointerEvent('pointermove', { clientX: svg.right - 20, clientY: svg.top + 50, bubbles: true }));
    await el.updateComplete;
    expect(part(el, 'tooltip')).to.equal(null);

    el.view = 'table';
    await waitUntil(() => part(el, 'table'));
    const rows = [...part(el, 'table')!.querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(rows).to.deep.equal([...counted.slice(0, 3).map((w) => dayName(w.starting_on)), `${dayName(counted[3]!.starting_on)} (so far)`]);
    await expect(el).to.be.accessible();
  });

  it('exports only the days counted so far as CSV', async () => {
    const el = await chart(proxy, { ...UNDER_WAY, controls: true });
    await drawn(el);
    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:test');
    try {
      part(el, 'export')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    const lines = (await blob!.text()).trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).to.deep.equal([0, 1, 2, 3].map((d) => new Date(today + (d - 3) * DAY).toISOString()));
  });

  it('compares the current billing period with the billing period before it, named in the legend and in each tooltip', async () => {
    const el = await chart(proxy, { controls: true, startingOn: '', endingBefore: '' });
    await drawn(el);
    compareBox(el).checked = true;
    compareBox(el).dispatchEvent(new Event('change'));
    await waitUntil(() => part(el, 'previous-line'));
    const asked = usageRequests().at(-1)!.searchParams;
    expect(asked.get('current_period')).to.equal('true');
    expect(asked.get('compare')).to.equal('previous');
    expect(asked.has('starting_on') || asked.has('ending_before')).to.equal(false);

    const data = await proxy.get<UsageResponse>(usagePath('current_period=true&compare=previous&group_key=region'));
    const { current_billing_period: period } = await proxy.get<CustomerResponse>('/api/customer');
    expect(data.starting_on).to.equal(period!.starting_on);
    const previous = data.previous!;
    const lastDay = new Date(Date.parse(previous.ending_before) - DAY).toISOString();
    expect(el.shadowRoot!.querySelector('.legend-previous')!.textContent!.trim()).to.equal(`Previous period: ${date(previous.starting_on)} – ${date(lastDay)}`);
    expect(legendLabels(el)).to.deep.equal(data.groups, 'the groups still toggle');

    key(el, 'Home');
    await el.updateComplete;
    const rows = [...part(el, 'tooltip')!.querySelectorAll('.tooltip-row')].map((r) => [...r.children].map((c) => c.textContent!.trim()).filter(Boolean).join(' '));
    expect(rows).to.include(`Total ${data.windows[0]!.total.toLocaleString('en-US')}`);
    expect(rows).to.include(`Previous period ${previous.windows[0]!.total.toLocaleString('en-US')}`);
    // The period is under way: it is read against as many days of the one before, not all of it.
    expect(label(el)).to.match(/(up|down) \d+% on the same point of the previous period|about the same as at this point of the previous period/);
    await expect(el).to.be.accessible();
  });

  it('compares any other range with the same length just before it, and names that in the legend', async () => {
    const el = await chart(proxy, { controls: true, groupKey: '' });
    await drawn(el);
    compareBox(el).checked = true;
    compareBox(el).dispatchEvent(new Event('change'));
    await waitUntil(() => part(el, 'previous-line'));
    const asked = usageRequests().at(-1)!.searchParams;
    expect(asked.get('current_period')).to.equal(null);
    const start = Date.parse(asked.get('starting_on')!);
    expect(el.shadowRoot!.querySelector('.legend-previous')!.textContent!.trim()).to.equal(
      `Previous period: ${date(new Date(start - 7 * DAY).toISOString())} – ${date(new Date(start - DAY).toISOString())}`,
    );
    expect(parts(el, 'legend-item'), 'ungrouped totals have no series to toggle').to.have.length(0);
  });

  it('shows a tapped window in a tooltip, moves it with another tap and hides it with a tap on the same window', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows } = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    const plotWidth = el.shadowRoot!.querySelector('svg')!.getBoundingClientRect().width;
    await tap(el, plotWidth - 30);
    expect(tooltipTitle(el)).to.equal(dayName(windows.at(-1)!.starting_on));
    part(el, 'plot')!.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'touch' }));
    await el.updateComplete;
    expect(part(el, 'tooltip'), 'lifting the finger keeps it').to.exist;
    await tap(el, plotWidth / 2);
    expect(tooltipTitle(el)).to.equal(dayName(windows[3]!.starting_on));
    await tap(el, plotWidth / 2);
    expect(part(el, 'tooltip')).to.equal(null);
  });

  it('opens a filter as wide as its longest value, inside a 320 px widget', async () => {
    const { groups } = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    const long = 'Europe (Frankfurt) eu-central-1';
    const el = await chart(proxy, { controls: true, extra: { groupKeyOverrides: { region: { display_name: 'Region', value_display_names: { [groups[0]!]: long } } } } });
    el.style.width = '320px';
    await drawn(el);
    const filter = part(el, 'filter') as HTMLDetailsElement;
    filter.open = true;
    await el.updateComplete;
    const box = el.getBoundingClientRect();
    const popover = filter.querySelector('fieldset')!.getBoundingClientRect();
    expect(popover.left).to.be.at.least(box.left);
    expect(popover.right).to.be.at.most(box.right);
    const values = [...filter.querySelectorAll('fieldset label')] as HTMLElement[];
    const longest = values.find((l) => l.textContent!.includes(long))!;
    const lineHeight = parseFloat(getComputedStyle(longest).lineHeight) || 20;
    expect(longest.getBoundingClientRect().height, 'the longest value is on one line').to.be.below(lineHeight * 1.5);
    expect(popover.width).to.be.at.least(longest.scrollWidth);
    await expect(el).to.be.accessible();
  });

  it('speaks German: the total, today so far and the period compared with', async () => {
    const el = await chart(proxy, { ...UNDER_WAY, extra: { locale: 'de-DE', compare: true } });
    await waitUntil(() => part(el, 'previous-line'), 'the comparison was never drawn', { timeout: 4000 });
    const data = await proxy.get<UsageResponse>(usagePath(`${underWayQuery}&compare=previous`));
    expect(part(el, 'total')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Summe bisher ${sum(data.windows.slice(0, 4)).toLocaleString('de-DE')} CPU hours`);
    key(el, 'End');
    await el.updateComplete;
    expect(tooltipTitle(el)).to.match(/ \(bisher\)$/);
    const lastDay = new Date(Date.parse(data.previous!.ending_before) - DAY).toISOString();
    expect(el.shadowRoot!.querySelector('.legend-previous')!.textContent!.trim()).to.equal(`Vorheriger Zeitraum: ${date(data.previous!.starting_on, 'de-DE')} – ${date(lastDay, 'de-DE')}`);
    expect(label(el)).to.match(/ \(bisher\)[,;.]/);
    await expect(el).to.be.accessible();
  });
});
