import { expect } from '@open-wc/testing';
import type { UsageResponse } from '../../contract/index.ts';
import { installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { chart, drawn, part, rangeQuery, usagePath } from '../test/usage-chart-fixture.ts';
import type { UsageChart } from './usage-chart.ts';

// Reading a window must not touch the series: at 2,160 hourly windows their paths are hundreds of
// kilobytes, and a change anywhere in their SVG has the browser re-rasterise all of it.

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

const seriesLayer = (el: UsageChart) => el.shadowRoot!.querySelector('svg[role="img"]')!;
const title = (el: UsageChart) => part(el, 'tooltip')?.querySelector('.tooltip-title')!.textContent;
const dayName = (iso: string) => new Date(iso).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

async function point(el: UsageChart, clientX: number) {
  const plot = part(el, 'plot')!;
  plot.dispatchEvent(new PointerEvent('pointermove', { clientX, clientY: plot.getBoundingClientRect().top + 50, bubbles: true }));
  await el.updateComplete;
}

async function press(el: UsageChart, key: string) {
  part(el, 'plot')!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await el.updateComplete;
}

describe('<usage-chart> reading a window', () => {
  it('moves the highlight and tooltip to the window under the pointer or the keys, and leaves the series untouched', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows } = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    const series = seriesLayer(el);
    const label = series.getAttribute('aria-label');
    const changes = new MutationObserver(() => {});
    changes.observe(series, { subtree: true, childList: true, attributes: true, characterData: true });

    // Its own compositing layer once a window is read (not before: an unread chart is painted as it always was).
    const layer = () => getComputedStyle(el.shadowRoot!.querySelector('.underlay')!).willChange;
    expect(layer()).to.equal('auto');
    await press(el, 'Home');
    expect(layer()).to.equal('transform');
    const first = part(el, 'highlight')!.getBoundingClientRect();
    expect(series.contains(part(el, 'highlight')), 'the highlight is drawn outside the series').to.equal(false);
    expect(title(el)).to.equal(dayName(windows[0]!.starting_on));
    for (const index of [3, 1, windows.length - 1, 0, 5]) {
      const x = first.left + (index + 0.5) * first.width;
      await point(el, x);
      const band = part(el, 'highlight')!.getBoundingClientRect();
      expect(band.left <= x && x <= band.right, `the highlight spans the pointer at window ${index}`).to.equal(true);
      expect(title(el)).to.equal(dayName(windows[index]!.starting_on));
    }
    await press(el, 'ArrowRight');
    expect(title(el)).to.equal(dayName(windows[6]!.starting_on));
    await press(el, 'End');
    expect(title(el)).to.equal(dayName(windows.at(-1)!.starting_on));
    expect(part(el, 'highlight')!.getBoundingClientRect().left).to.be.closeTo(first.left + (windows.length - 1) * first.width, 1);
    await press(el, 'ArrowLeft');
    expect(title(el)).to.equal(dayName(windows.at(-2)!.starting_on));
    part(el, 'plot')!.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(part(el, 'highlight')).to.equal(null);

    expect(changes.takeRecords(), 'the series SVG changed while windows were read').to.deep.equal([]);
    changes.disconnect();
    expect(series.isConnected, 'the same SVG is still drawn').to.equal(true);
    expect(series.getAttribute('aria-label')).to.equal(label);
    await expect(el).to.be.accessible();
  });

  it('makes no number or date formatter while windows are read', async () => {
    const el = await chart(proxy, { extra: { windowSize: 'hour', timeZone: 'Europe/Berlin' } });
    await drawn(el);
    const plot = part(el, 'plot')!.getBoundingClientRect();
    // The first tooltip makes the formatters it needs, once for this locale and these options.
    await point(el, plot.left + plot.width / 2);
    let made = 0;
    const undo: Array<() => void> = [];
    // Swaps `target[key]` for a stand-in that counts its uses, until `undo` puts the original back.
    const count = <T extends object, K extends keyof T>(target: T, key: K, standIn: (original: T[K]) => T[K]) => {
      const original = target[key];
      target[key] = standIn(original);
      undo.push(() => (target[key] = original));
    };
    for (const kind of ['NumberFormat', 'DateTimeFormat'] as const)
      count(Intl, kind, (original) => new Proxy(original, { construct: (f, args) => (made++, Reflect.construct(f, args)) }));
    // Each of these builds a formatter of its own on every call.
    const counted = <F>(original: F) =>
      function (this: unknown, ...args: unknown[]) {
        made++;
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as F;
    count(Number.prototype, 'toLocaleString', counted);
    for (const key of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const) count(Date.prototype, key, counted);
    const titles = new Set<string>();
    try {
      for (let i = 0; i < 20; i++) {
        await point(el, plot.left + 60 + ((i * 97) % (plot.width - 80)));
        titles.add(title(el)!);
      }
      for (const key of ['Home', 'ArrowRight', 'ArrowRight', 'End', 'ArrowLeft', 'PageUp']) {
        await press(el, key);
        titles.add(title(el)!);
      }
    } finally {
      undo.forEach((put) => put());
    }
    expect(titles.size, 'the tooltip moved between windows').to.be.greaterThan(15);
    expect(made).to.equal(0);
  });
});

describe('<usage-chart> following a mouse', () => {
  it('reads the window under the pointer as soon as it moves (pointerrawupdate), before the next frame', async () => {
    const el = await chart(proxy);
    await drawn(el);
    const { windows } = await proxy.get<UsageResponse>(usagePath(`${rangeQuery}&group_key=region`));
    const plot = part(el, 'plot')!.getBoundingClientRect();
    await press(el, 'Home');
    const band = part(el, 'highlight')!.getBoundingClientRect();
    await press(el, 'Escape');
    const move = (type: string, index: number, pointerType = 'mouse') =>
      part(el, 'plot')!.dispatchEvent(new PointerEvent(type, { pointerType, clientX: band.left + (index + 0.5) * band.width, clientY: plot.top + 50, bubbles: true }));
    move('pointerrawupdate', 2);
    await el.updateComplete;
    expect(title(el)).to.equal(dayName(windows[2]!.starting_on));
    // The frame's pointermove, where the pointer has got to since.
    move('pointermove', 4);
    await el.updateComplete;
    expect(title(el)).to.equal(dayName(windows[4]!.starting_on));
    // A finger has no hover: it reads a window by tapping.
    await press(el, 'Escape');
    move('pointerrawupdate', 2, 'touch');
    await el.updateComplete;
    expect(part(el, 'tooltip')).to.equal(null);
  });
});
