import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import { ACME_ID, INITECH_ID } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import '../usage-summary/usage-summary.ts';
import '../usage-alerts/usage-alerts.ts';
import { configure } from '../shared/page-config.ts';
import type { TokenProvider } from '../shared/session.ts';
import { loaded } from './loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';

/**
 * A page that switches customer (an admin's customer picker, a sign-in as someone else) never shows one
 * customer's figures under the other's: they go at once, the loading state stands in until the new
 * customer's arrive.
 */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => {
  proxy.restore();
  configure({ endpoint: undefined, tokenProvider: undefined });
});

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element | null | undefined) => el?.textContent!.replace(/\s+/g, ' ').trim() ?? '';
/** What the widget shows of the customer's figures: its chart's name, the legend, the rows, a summary's metrics. */
const figures = (el: Element) => [...el.shadowRoot!.querySelectorAll('svg[aria-label], [part~="legend"], [part~="total"], [part~="row"], [part~="metric"], [part~="alert"]')].map((n) => n.getAttribute('aria-label') ?? text(n)).join(' | ');
/** The customer a proxy request was made for: its session token's `sub`. */
const customerOf = (request: Request) => JSON.parse(atob(request.headers.get('authorization')!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub;

async function page() {
  const el = await fixture<HTMLElement>(html`<div style="width: 760px">
    <usage-chart locale="en-US"></usage-chart>
    <spend-breakdown locale="en-US"></spend-breakdown>
    <balance-ledger locale="en-US"></balance-ledger>
    <invoice-list locale="en-US" refresh-interval="0"></invoice-list>
    <usage-summary locale="en-US"></usage-summary>
    <usage-alerts locale="en-US"></usage-alerts>
  </div>`);
  return [...el.children] as LitElement[];
}

/** Holds every proxy answer until the returned function is called. */
function holdAnswers() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  proxy.override = async (request) => {
    await gate;
    return proxy.answer(request);
  };
  return release;
}

/** Before any answer for the new customer: the old figures are gone, the loading state shows. */
async function expectLoadingOnly(widgets: LitElement[]) {
  for (const el of widgets) {
    expect(figures(el), `${el.localName} still shows the previous customer's figures`).to.equal('');
    expect(part(el, 'loading'), `${el.localName} shows no loading state`).to.exist;
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
  }
  await expect(widgets[0]!.parentElement!).to.be.accessible();
}

describe('switching customer', () => {
  it('through configure(): the previous customer\'s figures go at once, the new customer\'s arrive', async function () {
    this.timeout(30_000);
    configure({ endpoint: ENDPOINT, tokenProvider: proxy.tokenProviderFor(ACME_ID) });
    const widgets = await page();
    await Promise.all(widgets.map((el) => loaded(el, 10_000)));
    const before = widgets.map(figures);
    const release = holdAnswers();
    const from = proxy.requests.length;
    configure({ tokenProvider: proxy.tokenProviderFor(INITECH_ID) });
    // At once: in the render that follows configure(), not when the new answers come.
    await Promise.all(widgets.map((el) => el.updateComplete));
    await expectLoadingOnly(widgets);
    release();
    await Promise.all(widgets.map((el) => loaded(el, 10_000)));
    widgets.forEach((el, i) => expect(figures(el), `${el.localName} shows the same figures for another customer`).not.to.equal(before[i]));
    expect(new Set(proxy.requests.slice(from).map(customerOf))).to.deep.equal(new Set([INITECH_ID]));
  });

  it('through one provider whose next token is for another customer (a JWT with another sub): every widget on the page follows', async function () {
    this.timeout(30_000);
    let customer = ACME_ID;
    const mint = proxy.tokenProviderFor;
    const provider: TokenProvider = () => mint(customer)();
    configure({ endpoint: ENDPOINT, tokenProvider: provider });
    const widgets = await page();
    await Promise.all(widgets.map((el) => loaded(el, 10_000)));
    const before = widgets.map(figures);
    // The page's sign-in changes; the widgets learn it when the proxy refuses the old token.
    customer = INITECH_ID;
    const release = holdAnswers();
    const held = proxy.override!;
    let refused = false;
    proxy.override = async (request) => (refused ? held(request) : ((refused = true), new Response('{}', { status: 401 })));
    const from = proxy.requests.length;
    (widgets[3] as LitElement & { days: number }).days = 60;
    await waitUntil(() => widgets.every((el) => part(el, 'loading')), 'the widgets kept the previous customer\'s figures', { timeout: 4000 });
    await expectLoadingOnly(widgets);
    release();
    await Promise.all(widgets.map((el) => loaded(el, 10_000)));
    expect(new Set(proxy.requests.slice(from + 1).map(customerOf))).to.deep.equal(new Set([INITECH_ID]));
    widgets.forEach((el, i) => expect(figures(el), `${el.localName} shows the same figures for another customer`).not.to.equal(before[i]));
  });
});
