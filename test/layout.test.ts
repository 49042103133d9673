import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium, servePage } from './chromium.ts';

/**
 * Every element at phone, tablet and desktop widths (issue 15): a page like the demo's
 * (widgets/test/layout-page.ts: the proxy and simulator in the page, on a pinned clock, every element
 * with its data, 90-day charts, each chart also as its table, a commit's ledger and an invoice open),
 * in headless Chromium with a touch screen. No widget may make the page scroll sideways; every amount
 * is on screen or inside a labelled box that scrolls; axis labels neither collide nor spill out of their
 * chart; a tap reads a window; the controls stay inside their widget.
 */

const WIDGETS = ['usage', 'spend', 'usage-table', 'spend-table', 'balances', 'summary', 'invoices', 'alerts'];
const RUNS: Array<{ customer: string; width: number; locale?: string }> = [
  ...['hooli', 'acme', 'globex', 'initech'].map((customer) => ({ customer, width: 320 })),
  ...[375, 768, 1280].flatMap((width) => ['hooli', 'acme', 'initech'].map((customer) => ({ customer, width }))),
  // German dates ("22. Nov.") and numbers ("1.234,56 $") are wider than English ones.
  { customer: 'initech', width: 375, locale: 'de-DE' },
];

let browser: Browser;
let server: Server;
let origin: string;

before(async () => {
  const html = '<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width, initial-scale=1"><script type="module" src="/page.js"></script></head><body></body></html>';
  ({ server, origin } = await servePage('widgets/test/layout-page.ts', html));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens the page at `width` and waits until every widget has drawn, a ledger and an invoice are open, and nothing moves. */
async function open(customer: string, width: number, locale = 'en-US'): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  // tsx names the functions it compiles with a helper the page lacks (see csp.test.ts).
  await page.evaluateOnNewDocument('window.__name = (f) => f');
  await page.setViewport({ width, height: 900, hasTouch: true });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`exception: ${String(error)}`));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(`console: ${message.text()}`)));
  await page.goto(`${origin}/?customer=${customer}&locale=${locale}`);
  await page.waitForFunction(
    (ids: string[]) =>
      ids.every((id) => document.getElementById(id)?.shadowRoot?.querySelector('[part="base"][aria-busy="false"] :is([part~="series"], [part~="row"], [part~="metric"], [part~="alert"], [part~="empty"])')),
    { timeout: 30_000 },
    WIDGETS,
  );
  // Open the first commit's ledger and the first invoice, where there are any (Globex has no commits).
  await page.evaluate(() => {
    for (const id of ['balances', 'invoices']) document.getElementById(id)!.shadowRoot!.querySelector<HTMLElement>('[part~="row"] th button')?.click();
  });
  await page.waitForFunction(
    () =>
      [['balances', '[part="ledger"]'], ['invoices', '[part="detail"] tfoot']].every(([id, opened]) => {
        const root = document.getElementById(id!)!.shadowRoot!;
        return !root.querySelector('[part~="row"]') || root.querySelector(opened!);
      }),
    { timeout: 10_000 },
  );
  // Two frames: a table that did not fit is drawn as cards before the next paint.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return { page, problems };
}

/** Each check, as [what failed] lists, from the page. */
const inspect = (page: Page, ids: string[]) =>
  page.evaluate((ids: string[]) => {
    const failures: string[] = [];
    const rect = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    // The element's ancestors through shadow roots (the flat tree, for boxes).
    const ancestors = (node: Node) => {
      const out: Element[] = [];
      for (let at: Node | null = node.parentNode; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) if (at instanceof Element) out.push(at);
      return out;
    };
    const hidden = (node: Node) => ancestors(node).some((a) => getComputedStyle(a).clipPath !== 'none' || getComputedStyle(a).clip.startsWith('rect') || a.localName === 'option');
    if (innerWidth !== document.documentElement.clientWidth || document.documentElement.scrollWidth > innerWidth) {
      failures.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${innerWidth} px window`);
    }
    for (const id of ids) {
      const host = document.getElementById(id)!;
      const root = host.shadowRoot!;
      const box = host.getBoundingClientRect();
      // Every amount: on screen, or inside a box that scrolls and says what it holds.
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let text = walker.nextNode(); text; text = walker.nextNode()) {
        if (!/[$€£¥]\s?-?\d|\d\s?[$€£¥]|\d credits\b/.test(text.textContent!) || hidden(text)) continue;
        const r = rect(text);
        if (r.width === 0) continue;
        if (r.left >= -0.5 && r.right <= innerWidth + 0.5) continue;
        const scroller = ancestors(text).find((a) => /auto|scroll/.test(getComputedStyle(a).overflowX) && a.scrollWidth > a.clientWidth);
        if (!scroller) failures.push(`#${id}: "${text.textContent}" is off screen (${Math.round(r.left)}–${Math.round(r.right)} px) outside any scrolling box`);
        else if (!scroller.getAttribute('aria-label') && !scroller.getAttribute('aria-labelledby')) failures.push(`#${id}: "${text.textContent}" scrolls in a box without a label`);
      }
      // The tables of records never scroll sideways (they become cards), nor squeeze a row's name or
      // period into a column of single words.
      for (const fit of root.querySelectorAll<HTMLElement>('.table-scroll:not([part])')) {
        if (fit.scrollWidth > fit.clientWidth + 1) failures.push(`#${id}: a table overflows its box (${fit.scrollWidth} > ${fit.clientWidth})`);
        const table = fit.querySelector('table')!;
        if (getComputedStyle(table).display !== 'table') continue;
        for (const th of table.querySelectorAll(':scope > tbody > tr > th[scope="row"]')) {
          const width = th.getBoundingClientRect().width;
          if (width < 144) failures.push(`#${id}: "${th.textContent!.trim().slice(0, 30)}" is squeezed into ${Math.round(width)} px`);
        }
      }
      // Axes: x labels apart and inside their chart, y labels inside the chart's left edge.
      const svg = root.querySelector('svg[role="img"]:not([part~="sparkline"])');
      if (svg) {
        const chart = svg.getBoundingClientRect();
        const xs = [...root.querySelectorAll('[part~="x-axis"] text')].map((t) => ({ label: t.textContent!, ...t.getBoundingClientRect().toJSON() })).sort((a, b) => a.left - b.left);
        if (xs.length < 2) failures.push(`#${id}: ${xs.length} x-axis label(s)`);
        xs.forEach((t, i) => {
          if (i > 0 && t.left < xs[i - 1]!.right) failures.push(`#${id}: x labels "${xs[i - 1]!.label}" and "${t.label}" overlap`);
          if (t.left < chart.left - 0.5 || t.right > chart.right + 0.5) failures.push(`#${id}: x label "${t.label}" spills out of the chart`);
        });
        for (const t of root.querySelectorAll('[part~="y-axis"] text')) {
          if (t.getBoundingClientRect().left < chart.left - 0.5) failures.push(`#${id}: y label "${t.textContent}" is cut at the chart's left edge`);
        }
      }
      // A usage summary's metrics: name, figures and sparkline inside their button, the button inside the widget.
      for (const metric of root.querySelectorAll('[part~="metric"]')) {
        const r = metric.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) failures.push(`#${id}: the metric "${metric.firstElementChild!.textContent}" reaches outside the widget`);
        for (const piece of metric.children) {
          const p = piece.getBoundingClientRect();
          if (p.left < r.left - 0.5 || p.right > r.right + 0.5) failures.push(`#${id}: "${piece.textContent || piece.localName}" spills out of its metric`);
        }
      }
      // Controls: every picker and button inside the widget, the ledger's "Buy more" (set as on the demo) too.
      for (const control of root.querySelectorAll('[part="controls"] :is(select, button, input, summary), [part="purchase"]')) {
        const r = control.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) failures.push(`#${id}: a control (${control.textContent!.trim() || control.localName}) reaches outside the widget`);
      }
    }
    return failures;
  }, ids);

/** The usage chart's tooltip title and box, and the widget's box, after a tap at `x` (a fraction of the plot's width). */
async function tap(page: Page, x: number | 'outside') {
  const plot = (await page.evaluateHandle(() => document.getElementById('usage')!.shadowRoot!.querySelector('[part="plot"]')!)) as ElementHandle<Element>;
  await plot.scrollIntoView();
  const box = (await plot.boundingBox())!;
  // Outside: the page's margin beside the chart.
  await page.touchscreen.tap(x === 'outside' ? 4 : box.x + box.width * x, box.y + box.height / 2);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const host = document.getElementById('usage')!;
    const tooltip = host.shadowRoot!.querySelector('[part="tooltip"]');
    return { title: tooltip?.querySelector('.tooltip-title')?.textContent ?? null, tooltip: tooltip?.getBoundingClientRect().toJSON(), widget: host.getBoundingClientRect().toJSON() };
  });
}

describe('the widgets at every width from 320 px', { timeout: 300_000 }, () => {
  for (const { customer, width, locale } of RUNS) {
    it(`fit ${width} px with ${customer}'s data${locale ? ` in ${locale}` : ''}: no page scroll, every amount readable, axes apart, controls inside`, async () => {
      const { page, problems } = await open(customer, width, locale);
      try {
        assert.deepEqual(await inspect(page, WIDGETS), []);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }

  it('show the tapped window in a tooltip inside the widget, move it with another tap, and hide it with a tap outside', async () => {
    const { page } = await open('initech', 320);
    try {
      const first = await tap(page, 0.25);
      assert.ok(first.title, 'a tap showed no tooltip');
      const inside = (r: { left: number; right: number }, w: { left: number; right: number }) => r.left >= w.left - 0.5 && r.right <= w.right + 0.5;
      assert.ok(inside(first.tooltip!, first.widget), `the tooltip (${first.tooltip!.left}–${first.tooltip!.right}) leaves the widget (${first.widget.left}–${first.widget.right})`);
      const second = await tap(page, 0.85);
      assert.ok(second.title && second.title !== first.title, `a second tap did not move the tooltip (${first.title} → ${second.title})`);
      assert.ok(inside(second.tooltip!, second.widget), 'the moved tooltip leaves the widget');
      assert.equal((await tap(page, 'outside')).title, null, 'a tap outside the chart left the tooltip open');
    } finally {
      await page.close();
    }
  });

  it("open a filter's values across the widget at 320 px, each on one line", async () => {
    const { page } = await open('initech', 320);
    try {
      const popover = await page.evaluate(async () => {
        const host = document.getElementById('usage')!;
        host.shadowRoot!.querySelector<HTMLElement>('[part="filter"] summary')!.click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const fieldset = host.shadowRoot!.querySelector('[part="filter"] fieldset')!;
        const labels = [...fieldset.querySelectorAll('label')].map((l) => l.getBoundingClientRect().height);
        return { box: fieldset.getBoundingClientRect().toJSON(), widget: host.getBoundingClientRect().toJSON(), tallest: Math.max(...labels), shortest: Math.min(...labels), scroll: document.documentElement.scrollWidth };
      });
      assert.ok(popover.box.left >= popover.widget.left - 0.5 && popover.box.right <= popover.widget.right + 0.5, 'the filter popover leaves the widget');
      assert.ok(popover.box.width > popover.widget.width * 0.9, `the filter popover is ${popover.box.width} px wide in a ${popover.widget.width} px widget`);
      assert.ok(popover.tallest < popover.shortest * 1.5, 'a value wraps onto a second line');
      assert.ok(popover.scroll <= 320);
    } finally {
      await page.close();
    }
  });
});
