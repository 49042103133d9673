import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ACME_ID, METRIC_IDS } from '../../simulator/index.ts';
import '../balance-ledger/balance-ledger.ts';
import type { BalanceLedger } from '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../metronome-dashboard/metronome-dashboard.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import type { UsageChart } from '../usage-chart/usage-chart.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { configure } from '../shared/page-config.ts';
import { ENDPOINT, installProxy, TOKEN_PATH, type InstalledProxy } from './proxy-in-page.ts';
import { RANGE } from './usage-chart-fixture.ts';

/**
 * How a page configures the widgets without writing a token provider: `token-url` and `endpoint`
 * attributes, or one `configure()` for the whole page; how tokens are refreshed; and the events a page
 * listens to (`mw-error` with the proxy's status and code, `mw-load` once the data is on screen).
 */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => {
  proxy.restore();
  configure({ endpoint: undefined, tokenProvider: undefined, tokenUrl: undefined, tokenCredentials: undefined });
});

/** A token URL no earlier test used: tokens are cached per URL for the life of the page. */
let urls = 0;
const freshTokenUrl = (origin = '') => `${origin}${TOKEN_PATH}?test=${++urls}`;

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const shown = (el: Element, name: string) => waitUntil(() => part(el, name), `<${el.localName}> never showed its ${name} part`, { timeout: 5000 });
const bearer = (request: Request) => request.headers.get('authorization');
const apiRequests = () => proxy.requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
/** What each element shows once its data is in. */
const DRAWN: Record<string, string> = {
  'usage-chart': 'svg [part~="series"]',
  'spend-breakdown': 'svg [part~="series"]',
  'balance-ledger': '[part~="row"], [part~="empty"]',
  'invoice-list': '[part~="row"], [part~="empty"]',
  'metronome-dashboard': 'iframe',
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('token-url', () => {
  it('reads a text/plain token from a GET of the token URL, with same-origin credentials and no cache', async () => {
    const el = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl()}></balance-ledger>`);
    await shown(el, 'table');
    const [request] = proxy.tokenUrlRequests;
    expect(proxy.tokenUrlRequests).to.have.length(1);
    expect(request!.method).to.equal('GET');
    expect(request!.credentials).to.equal('same-origin');
    expect(request!.cache).to.equal('no-store');
    expect(new URL(request!.url).origin).to.equal(location.origin);
    expect(bearer(apiRequests()[0]!)).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    await expect(el).to.be.accessible();
  });

  it('reads the token from a JSON {"token": …} body', async () => {
    const plain = proxy.tokenUrlAnswer;
    proxy.tokenUrlAnswer = async (request) => Response.json({ token: await (await plain(request)).text(), expires_in: 600 });
    const el = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl()}></balance-ledger>`);
    await shown(el, 'table');
  });

  it('sends cookies to a token URL on another origin only with token-credentials="include"', async () => {
    const el = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl('https://app.test')} token-credentials="include"></balance-ledger>`);
    await shown(el, 'table');
    expect(proxy.tokenUrlRequests[0]!.credentials).to.equal('include');
    configure({ tokenUrl: freshTokenUrl('https://app.test'), tokenCredentials: 'include' });
    await shown(await fixture(html`<balance-ledger endpoint=${ENDPOINT}></balance-ledger>`), 'table');
    expect(proxy.tokenUrlRequests[1]!.credentials).to.equal('include');
  });

  const failures: Array<[string, () => Promise<Response>, number, RegExp]> = [
    ['a 404 page', async () => new Response('<!doctype html><h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }), 404, /answered HTTP 404/],
    ['a sign-in page (HTML with 200)', async () => new Response('<!doctype html><form>Sign in</form>', { headers: { 'content-type': 'text/html' } }), 200, /answered no token/],
    ['JSON without a token', async () => Response.json({ access_token: 'x' }), 200, /answered no token/],
    ['an empty text body', async () => new Response('  ', { headers: { 'content-type': 'text/plain' } }), 200, /answered no token/],
    ['no answer at all', async () => Promise.reject(new TypeError('Failed to fetch')), 0, /could not be reached/],
  ];
  for (const [what, answer, status, message] of failures) {
    it(`shows an error with Retry when the token URL answers ${what}, and recovers`, async () => {
      const plain = proxy.tokenUrlAnswer;
      proxy.tokenUrlAnswer = answer;
      const failed = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
      const el = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl()}></balance-ledger>`);
      const event = await failed;
      expect(event.code).to.equal('no_session');
      expect(event.status).to.equal(status);
      expect(event.message).to.match(message);
      expect(event.message).to.match(/^Could not start a billing session/);
      await shown(el, 'error');
      expect(part(el, 'error')!.textContent, 'the detail is for the page, not the screen').not.to.contain(event.message);
      expect(part(el, 'error')!.textContent).to.contain('You are not signed in, or your session has ended. Sign in again to see your billing data.');
      expect(apiRequests(), 'nothing reaches the proxy without a token').to.have.length(0);
      await expect(el).to.be.accessible();
      proxy.tokenUrlAnswer = plain;
      part(el, 'retry')!.click();
      await shown(el, 'table');
    });
  }

  it('shares one token fetch between the widgets that name the same token URL', async () => {
    const url = freshTokenUrl();
    const release = holdTokenUrl();
    const box = await fixture(html`<div>
      <balance-ledger endpoint=${ENDPOINT} token-url=${url}></balance-ledger>
      <invoice-list endpoint=${ENDPOINT} token-url=${url}></invoice-list>
    </div>`);
    await waitUntil(() => proxy.tokenUrlRequests.length > 0);
    release();
    for (const el of box.children) await shown(el, 'table');
    expect(proxy.tokenUrlRequests).to.have.length(1);
    expect(new Set(apiRequests().map(bearer)).size).to.equal(1);
  });
});

describe('configure()', () => {
  it('drives every element without a single attribute, with one token fetch for the page', async () => {
    configure({ endpoint: ENDPOINT, tokenUrl: freshTokenUrl() });
    const loads = new Map<string, number>();
    const unseen: string[] = [];
    const count = ({ target }: Event) => {
      const el = target as Element;
      loads.set(el.localName, (loads.get(el.localName) ?? 0) + 1);
      if (!el.shadowRoot!.querySelector(DRAWN[el.localName]!)) unseen.push(el.localName);
    };
    document.addEventListener('mw-load', count);
    try {
      const box = await fixture(html`<div style="width: 720px">
        <usage-chart></usage-chart><spend-breakdown></spend-breakdown><balance-ledger></balance-ledger><invoice-list></invoice-list><metronome-dashboard></metronome-dashboard>
      </div>`);
      await waitUntil(() => loads.size === 5, `only ${[...loads.keys()]} fired mw-load`, { timeout: 8000 });
      await settle();
      expect(Object.fromEntries(loads)).to.deep.equal({ 'usage-chart': 1, 'spend-breakdown': 1, 'balance-ledger': 1, 'invoice-list': 1, 'metronome-dashboard': 1 });
      expect(unseen, 'fired mw-load before its data was drawn').to.deep.equal([]);
      await expect(box).to.be.accessible();
      expect(proxy.tokenUrlRequests).to.have.length(1);
    } finally {
      document.removeEventListener('mw-load', count);
    }
  });

  it("lets an element's own attributes and properties win over the page's", async () => {
    let pageCalls = 0;
    configure({ endpoint: 'https://elsewhere.test', tokenProvider: () => (pageCalls++, 'page-token') });
    const own = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl()}></balance-ledger>`);
    await shown(own, 'table');
    const provided = await fixture<BalanceLedger>(html`<balance-ledger endpoint=${ENDPOINT} token-url=${freshTokenUrl()} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    await shown(provided, 'table');
    expect(pageCalls).to.equal(0);
    expect(proxy.tokenUrlRequests, 'tokenProvider wins over token-url').to.have.length(1);
  });

  it('updates the elements already on the page when it is called, and only when what they use changes', async () => {
    const el = await fixture<BalanceLedger>(html`<balance-ledger></balance-ledger>`);
    expect(part(el, 'empty')).to.exist;
    configure({ endpoint: ENDPOINT, tokenProvider: proxy.tokenProvider });
    await shown(el, 'table');
    expect(apiRequests()).to.have.length(1);
    configure({ endpoint: ENDPOINT, timeZone: 'UTC' });
    await settle();
    expect(apiRequests(), 'nothing it uses changed').to.have.length(1);
    configure({ tokenProvider: undefined, tokenUrl: freshTokenUrl() });
    await waitUntil(() => apiRequests().length === 2, 'no reload with the new token URL');
    expect(proxy.tokenUrlRequests).to.have.length(1);
  });
});

describe('session tokens', () => {
  it('are refreshed shortly before a JWT expires, so no request goes out with an expired token', async () => {
    const realNow = Date.now;
    let skew = 0;
    Date.now = () => realNow() + skew;
    proxy.restore();
    proxy = installProxy(ACME_ID, () => new Date(Date.now())); // the proxy's clock moves with the page's
    const proxyFetch = window.fetch;
    const sent: Array<{ exp: number; at: number; status?: number }> = [];
    window.fetch = async (input, init) => {
      const token = new Request(input, init).headers.get('authorization')?.split('.')[1];
      const request = token ? sent[sent.push({ exp: JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))).exp, at: Date.now() }) - 1]! : undefined;
      const response = await proxyFetch(input, init);
      if (request) request.status = response.status;
      return response;
    };
    try {
      const ledger = () => html`<balance-ledger endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`;
      await shown(await fixture(ledger()), 'table');
      expect(proxy.tokenRequests()).to.equal(1);

      skew = 570_000; // 30 s left on the 10-minute token: inside the last minute
      const two = await fixture(html`<div>${ledger()}${ledger()}</div>`);
      for (const el of two.children) await shown(el, 'table');
      expect(proxy.tokenRequests(), 'one refresh for both').to.equal(2);

      skew += 605_000; // the second token expired 5 s ago
      await shown(await fixture(ledger()), 'table');
      expect(proxy.tokenRequests()).to.equal(3);

      expect(sent.length).to.be.greaterThan(3);
      expect(sent.filter((s) => s.exp * 1000 <= s.at), 'requests sent with an expired token').to.deep.equal([]);
      expect(sent.filter((s) => s.status === 401), 'requests refused and sent again').to.deep.equal([]);
    } finally {
      Date.now = realNow;
      window.fetch = proxyFetch;
    }
  });
});

describe('events', () => {
  it('mw-error carries the status and code of a 400 from the proxy', async () => {
    const failed = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const el = await fixture<UsageChart>(html`<usage-chart endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider} billable-metric-id="00000000-0000-4000-8000-000000000000" starting-on=${RANGE.startingOn} ending-before=${RANGE.endingBefore} no-controls></usage-chart>`);
    const event = await failed;
    expect([event.status, event.code]).to.deep.equal([400, 'invalid_parameter']);
    expect(event.message).to.contain('billable_metric_id');
    expect(event.error.message, 'error stays for pages written against it').to.equal(event.message);
    await shown(el, 'error');
  });

  it('mw-error carries the status and code of a 502, and the same for a network failure', async () => {
    proxy.override = async () => Response.json({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }, { status: 502 });
    let failed = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    await fixture(html`<balance-ledger endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    let event = await failed;
    expect([event.status, event.code, event.message]).to.deep.equal([502, 'upstream_error', 'Metronome answered with an error (HTTP 500).']);
    proxy.override = () => Promise.reject(new TypeError('Failed to fetch'));
    failed = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    await fixture(html`<balance-ledger endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`);
    event = await failed;
    expect([event.status, event.code]).to.deep.equal([0, 'network']);
  });

  it('mw-load fires once the first data is drawn (after the metrics, then the usage) and again after each reload', async () => {
    const seen: boolean[] = [];
    const el = document.createElement('usage-chart');
    Object.assign(el, { endpoint: ENDPOINT, tokenProvider: proxy.tokenProvider, billableMetricId: METRIC_IDS.cpuHours, groupKey: 'region' });
    el.style.width = '720px';
    el.addEventListener('mw-load', () => seen.push(Boolean(part(el, 'series')?.getAttribute('d'))));
    await fixture(html`<div>${el}</div>`);
    await waitUntil(() => seen.length === 1, 'no mw-load', { timeout: 5000 });
    await settle();
    expect(seen, 'once, with the chart drawn').to.deep.equal([true]);
    el.compare = true;
    await waitUntil(() => seen.length === 2, 'no mw-load after the reload', { timeout: 5000 });
    await settle();
    expect(seen).to.deep.equal([true, true]);
    proxy.override = async () => Response.json({ error: { code: 'upstream_error', message: 'down' } }, { status: 502 });
    el.groupKey = '';
    await shown(el, 'error');
    await settle();
    expect(seen, 'a failed reload fires none').to.have.length(2);
  });
});

/** Holds the token URL's next answer until the returned function is called. */
function holdTokenUrl(): () => void {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const answer = proxy.tokenUrlAnswer;
  proxy.tokenUrlAnswer = async (request) => {
    await gate;
    return answer(request);
  };
  return release;
}
