import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';

/**
 * Walks a widget through every state in which it shows figures: each chart window's tooltip, the
 * table view and each credit type; every commit's ledger; every invoice opened with every line's
 * "Why this charge?". The generators yield once per state, so a test can read the screen each time.
 */

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

/** Until the widget is done loading and shows its data, or says there is none; an error fails. */
export async function settled(el: LitElement, drawn: string) {
  await waitUntil(
    () => part(el, 'error') || (el.shadowRoot!.querySelector('[part="base"][aria-busy="false"]') && (el.shadowRoot!.querySelector(drawn) || part(el, 'empty'))),
    `${el.localName} did not settle`,
    { timeout: 10_000 },
  );
  if (part(el, 'error')) throw new Error(`${el.localName} failed: ${part(el, 'error')!.textContent!.trim()}`);
  await el.updateComplete;
}

const key = (el: Element, name: string) => part(el, 'plot')!.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));

/** A chart (`<usage-chart>`, `<spend-breakdown>`): as drawn, then each window's tooltip, then its table. */
async function* chartScreens(el: LitElement & { view: 'chart' | 'table' }): AsyncGenerator<string> {
  await settled(el, '[part~="series"]');
  yield 'chart';
  if (!part(el, 'plot')) return;
  part(el, 'plot')!.focus();
  key(el, 'Home');
  // Window after window until the last, whose tooltip stays when moved past.
  for (let previous = ''; ; ) {
    await el.updateComplete;
    const tooltip = part(el, 'tooltip')?.textContent ?? '';
    if (!tooltip || tooltip === previous) break;
    yield 'tooltip';
    previous = tooltip;
    key(el, 'ArrowRight');
  }
  el.view = 'table';
  await el.updateComplete;
  yield 'table';
  el.view = 'chart';
  await el.updateComplete;
}

export async function* usageScreens(el: LitElement & { view: 'chart' | 'table' }) {
  yield* chartScreens(el);
}

/** Each credit type the customer is billed in, chosen in the picker when there are several. */
export async function* spendScreens(el: LitElement & { view: 'chart' | 'table'; creditTypeId: string }) {
  await settled(el, '[part~="series"]');
  const picker = [...el.shadowRoot!.querySelectorAll('label')].find((l) => l.querySelector('select option[value]') && l.textContent!.includes('Credit type'))?.querySelector('select');
  const types = picker ? [...picker.options].map((o) => o.value) : [''];
  for (const type of types) {
    if (type) el.creditTypeId = type;
    await el.updateComplete;
    for await (const screen of chartScreens(el)) yield `${type || 'only credit type'}: ${screen}`;
  }
}

/** Every commit and credit, its ledger open. */
export async function* ledgerScreens(el: LitElement) {
  await settled(el, '[part~="row"]');
  yield 'totals';
  for (const row of parts(el, 'row')) row.querySelector<HTMLButtonElement>('th button')!.click();
  await el.updateComplete;
  yield 'every ledger open';
}

/** Every billable metric with its spend, in the current billing period. */
export async function* summaryScreens(el: LitElement) {
  await settled(el, '[part~="metric"]');
  yield 'every metric';
}

/**
 * Every invoice opened in turn, zero-usage lines shown, with every usage line's explanation loaded;
 * yields the invoice's row index.
 */
export async function* invoiceScreens(el: LitElement & { showZeroUsageLineItems: boolean }): AsyncGenerator<number> {
  el.showZeroUsageLineItems = true;
  await settled(el, '[part~="row"]');
  const rows = parts(el, 'row');
  for (let i = 0; i < rows.length; i++) {
    rows[i]!.querySelector<HTMLButtonElement>('th button')!.click();
    await waitUntil(() => rows[i]!.getAttribute('aria-current') === 'true' && part(el, 'detail')?.querySelector('tfoot'), `invoice ${i + 1} did not open`, { timeout: 10_000 });
    const whys = parts(el, 'why');
    for (const why of whys) why.click();
    await waitUntil(
      () => part(el, 'detail')!.querySelectorAll('tr.why').length === whys.length && !part(el, 'detail')!.querySelector('tr.why [role="status"]'),
      `the explanations of invoice ${i + 1} did not load`,
      { timeout: 10_000 },
    );
    await el.updateComplete;
    yield i;
  }
}

/** Every notification, with its threshold, figure and gauge. */
export async function* alertScreens(el: LitElement) {
  await settled(el, '[part~="alert"]');
  yield 'every notification';
}
