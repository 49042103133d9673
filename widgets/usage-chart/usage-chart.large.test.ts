import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { UsageResponse } from '../../contract/index.ts';
import { installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { chart, drawn, part, parts, seriesPaths } from '../test/usage-chart-fixture.ts';
import type { UsageChart } from './usage-chart.ts';

/** The large case: 90 days of hourly windows by 10 groups, 2,160 rows in the table and the CSV. */

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
const COUNT = 2160;
const groups = Array.from({ length: 10 }, (_, k) => `group-${k + 1}`);
// Quarters add up exactly, so the expected totals need no rounding rule of their own.
const figure = (i: number, k: number) => ((i * 7 + k * 13) % 97) + k / 4;
const windows = Array.from({ length: COUNT }, (_, i) => {
  const values = Object.fromEntries(groups.map((g, k) => [g, figure(i, k)]));
  return {
    starting_on: new Date(START + i * HOUR).toISOString(),
    ending_before: new Date(START + (i + 1) * HOUR).toISOString(),
    values,
    total: groups.reduce((sum, _, k) => sum + figure(i, k), 0),
  };
});
const large: UsageResponse = {
  billable_metric: { id: 'm', name: 'Requests' },
  window_size: 'hour',
  starting_on: windows[0]!.starting_on,
  ending_before: windows.at(-1)!.ending_before,
  group_key: ['group'],
  groups,
  windows,
  total: windows.reduce((sum, w) => sum + w.total, 0),
};

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
  const json = JSON.stringify(large);
  // Every usage request gets the large answer; the rest (the customer's metrics) the proxy's own.
  proxy.override = async (request) =>
    new URL(request.url).pathname === '/api/usage' ? new Response(json, { headers: { 'content-type': 'application/json' } }) : proxy.answer(request);
});
afterEach(() => proxy.restore());

async function largeChart(controls = false) {
  const el = await chart(proxy, { startingOn: large.starting_on, endingBefore: large.ending_before, controls, extra: { windowSize: 'hour', maxGroups: 10 } });
  await drawn(el);
  return el;
}

const box = (el: UsageChart) => part(el, 'table-container')!;
const bodyRows = (el: UsageChart) => [...part(el, 'table')!.querySelectorAll('tbody tr')];
const rowAt = (el: UsageChart, index: number) => part(el, 'table')?.querySelector<HTMLTableRowElement>(`tbody tr[aria-rowindex="${index}"]`);
const count = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
const inView = (el: UsageChart, row: Element) => {
  const r = row.getBoundingClientRect();
  const b = box(el).getBoundingClientRect();
  return r.top >= b.top && r.bottom <= b.bottom + 1;
};

/** Resolves once the box's scroll position has stayed put for a few frames. */
async function settled(scroller: HTMLElement) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let still = 0, at = -1; still < 5; ) {
    await frame();
    still = scroller.scrollTop === at ? still + 1 : 0;
    at = scroller.scrollTop;
  }
}

describe('<usage-chart> with 90 days of hourly windows', () => {
  it('draws each series in chunks side by side across the plot, and hides all of them from the legend', async () => {
    const el = await largeChart();
    const chunks = (key: string) => seriesPaths(el).filter((p) => p.dataset.series === key).map((p) => p.getBoundingClientRect());
    const plot = el.shadowRoot!.querySelector('[part~="y-axis"] line')!.getBoundingClientRect();
    for (const key of groups) {
      const boxes = chunks(key);
      // Chrome rasterises in tiles of 256 px: a tile should draw its own bars, not the whole series.
      expect(boxes.length).to.be.greaterThan(2);
      boxes.forEach((box, i) => i > 0 && expect(box.left).to.be.at.least(boxes[i - 1]!.right - 0.5));
      expect(boxes[0]!.left).to.be.closeTo(plot.left, 2);
      expect(boxes.at(-1)!.right).to.be.closeTo(plot.right, 2);
    }
    parts(el, 'legend-item')[0]!.click();
    await el.updateComplete;
    expect(chunks(groups[0]!)).to.have.length(0);
    expect(chunks(groups[1]!).length).to.be.greaterThan(2);
  });

  it('opens its table with the rows in view only, while saying how many rows there are', async () => {
    const el = await largeChart();
    el.view = 'table';
    await waitUntil(() => rowAt(el, 2));
    await el.updateComplete;
    const table = part(el, 'table')!;
    expect(table.getAttribute('aria-rowcount')).to.equal(String(COUNT + 1));
    expect(bodyRows(el).length).to.be.within(5, 60);
    const first = rowAt(el, 2)!;
    expect([...first.querySelectorAll('td')].map((td) => td.textContent)).to.deep.equal([...groups.map((_, k) => count(figure(0, k))), count(windows[0]!.total)]);
    expect(box(el).scrollHeight, 'the box scrolls as far as the whole table would').to.be.at.least(COUNT * first.getBoundingClientRect().height);
    expect(box(el).tabIndex).to.equal(0);
    expect(box(el).getAttribute('aria-label')).to.match(/Requests/);
    await expect(el).to.be.accessible();
  });

  it('shows the last window with its figures when scrolled to the end, on a phone too', async () => {
    const el = await largeChart();
    el.style.width = '320px';
    el.view = 'table';
    await waitUntil(() => rowAt(el, 2));
    // Halfway down, the view is filled with the rows that belong there, from under the header to the bottom.
    box(el).scrollTop = box(el).scrollHeight / 2;
    await waitUntil(() => rowAt(el, COUNT / 2), 'the middle rows never appeared');
    await el.updateComplete;
    box(el).scrollIntoView();
    const b = box(el).getBoundingClientRect();
    // The header's cells stay at the top of the box (its row scrolls away with the table).
    const header = part(el, 'table')!.querySelector('thead th')!.getBoundingClientRect();
    for (const y of [header.bottom + 5, b.bottom - 5]) {
      const seen = el.shadowRoot!.elementFromPoint(b.left + 40, y)!.closest('tr')!;
      const index = Number(seen.getAttribute('aria-rowindex'));
      expect(index).to.be.within(COUNT / 2 - 30, COUNT / 2 + 30);
      expect(seen.querySelector('td')!.textContent).to.equal(count(figure(index - 2, 0)));
    }

    box(el).scrollTop = box(el).scrollHeight;
    await waitUntil(() => rowAt(el, COUNT + 1), 'the last row never appeared');
    await el.updateComplete;
    const last = rowAt(el, COUNT + 1)!;
    const end = windows.at(-1)!;
    const time = (iso: string, options: Intl.DateTimeFormatOptions) => new Date(iso).toLocaleString('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit', ...options });
    expect(last.querySelector('th')!.textContent).to.equal(`${time(end.starting_on, { month: 'short', day: 'numeric' })} – ${time(end.ending_before, {})}`);
    expect([...last.querySelectorAll('td')].map((td) => td.textContent)).to.deep.equal([...groups.map((_, k) => count(figure(COUNT - 1, k))), count(end.total)]);
    expect(inView(el, last), 'the last row is in the scrolling box’s view').to.equal(true);
    expect(bodyRows(el).length).to.be.at.most(60);
    const indexes = bodyRows(el).flatMap((row) => (row.hasAttribute('aria-rowindex') ? [Number(row.getAttribute('aria-rowindex'))] : []));
    expect(indexes.every((index, i) => i === 0 || index === indexes[i - 1]! + 1), 'the rows drawn are consecutive').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('scrolls the table with the keyboard, drawing rows as they come into view', async function () {
    // Three keyboard scrolls across 2,160 rows, each waited for: longer than mocha's 5 s on a busy machine.
    this.timeout(20_000);
    const el = await largeChart();
    el.view = 'table';
    await waitUntil(() => rowAt(el, 2));
    box(el).focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => rowAt(el, COUNT + 1) && inView(el, rowAt(el, COUNT + 1)!), 'End did not bring the last row into view', { timeout: 5000 });
    // Headless Chrome can drop a key pressed while its smooth scroll still runs: each key waits until the box is at rest.
    await settled(box(el));
    await sendKeys({ press: 'Home' });
    await waitUntil(() => rowAt(el, 2) && inView(el, rowAt(el, 2)!), 'Home did not bring the first row back', { timeout: 5000 });
    await settled(box(el));
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => box(el).scrollTop > 0, 'PageDown did not scroll', { timeout: 5000 });
  });

  it('exports all 2,160 windows as CSV, exactly as the data has them', async () => {
    const el = await largeChart(true);
    const original = URL.createObjectURL;
    let blob: Blob | undefined;
    URL.createObjectURL = (b: Blob) => ((blob = b), 'blob:test');
    try {
      part(el, 'export')!.click();
    } finally {
      URL.createObjectURL = original;
    }
    const text = await blob!.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines).to.have.length(COUNT + 1);
    const expected = [['starting_on', 'ending_before', ...groups, 'total'], ...windows.map((w) => [w.starting_on, w.ending_before, ...groups.map((g) => w.values[g]), w.total])];
    expect(text).to.equal(expected.map((row) => row.join(',')).join('\r\n') + '\r\n');
  });
});
