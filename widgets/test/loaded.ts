import { waitUntil } from '@open-wc/testing';

/** What each widget shows once its data is in. */
const DRAWN: Record<string, string> = {
  'usage-chart': '[part~="series"]',
  'spend-breakdown': '[part~="series"]',
  'balance-ledger': '[part~="row"]',
  'invoice-list': '[part~="row"]',
  'usage-summary': '[part~="metric"]',
  'usage-alerts': '[part~="alert"]',
};

/** Waits until a widget has drawn its data, is no longer busy, and has no transition or pulse half-way. */
export async function loaded(el: Element, timeout = 8000) {
  const root = el.shadowRoot!;
  await waitUntil(() => root.querySelector(DRAWN[el.localName]!) && root.querySelector('[part="base"][aria-busy="false"]'), `${el.localName} did not load`, { timeout });
  await Promise.all(root.getAnimations().map((a) => a.finished));
}
