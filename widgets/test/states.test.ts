import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { METRIC_IDS } from '../../simulator/index.ts';
import type { SpendResponse, UsageResponse } from '../../contract/index.ts';
import '../balance-ledger/balance-ledger.ts';
import '../invoice-list/invoice-list.ts';
import '../metronome-dashboard/metronome-dashboard.ts';
import '../spend-breakdown/spend-breakdown.ts';
import '../usage-chart/usage-chart.ts';
import '../usage-summary/usage-summary.ts';
import '../usage-alerts/usage-alerts.ts';
import '../locales/de.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from './proxy-in-page.ts';
import { RANGE } from './usage-chart-fixture.ts';

/**
 * The loading, empty and error states every widget shares: the words a customer reads on failure (the
 * detail goes to the page in `mw-error`), skeletons shaped like what is coming, empty charts without
 * legend or axes.
 */

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(async () => {
  proxy.restore();
  await emulateMedia({ reducedMotion: 'no-preference' });
});

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: Element | null | undefined) => el?.textContent!.replace(/\s+/g, ' ').trim() ?? '';

/** Each widget, as a page would place it; `view` for the charts' table view. */
const WIDGETS = {
  'usage-chart': (locale: string, view = 'chart') =>
    html`<usage-chart endpoint=${ENDPOINT} locale=${locale} view=${view} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${RANGE.startingOn} ending-before=${RANGE.endingBefore} no-controls .tokenProvider=${proxy.tokenProvider}></usage-chart>`,
  'spend-breakdown': (locale: string, view = 'chart') => html`<spend-breakdown endpoint=${ENDPOINT} locale=${locale} view=${view} .tokenProvider=${proxy.tokenProvider}></spend-breakdown>`,
  'balance-ledger': (locale: string) => html`<balance-ledger endpoint=${ENDPOINT} locale=${locale} .tokenProvider=${proxy.tokenProvider}></balance-ledger>`,
  'invoice-list': (locale: string) => html`<invoice-list endpoint=${ENDPOINT} locale=${locale} .tokenProvider=${proxy.tokenProvider}></invoice-list>`,
  'metronome-dashboard': (locale: string) => html`<metronome-dashboard endpoint=${ENDPOINT} locale=${locale} dashboard="invoices" .tokenProvider=${proxy.tokenProvider}></metronome-dashboard>`,
  'usage-summary': (locale: string) => html`<usage-summary endpoint=${ENDPOINT} locale=${locale} .tokenProvider=${proxy.tokenProvider}></usage-summary>`,
  'usage-alerts': (locale: string) => html`<usage-alerts endpoint=${ENDPOINT} locale=${locale} .tokenProvider=${proxy.tokenProvider}></usage-alerts>`,
};
type Tag = keyof typeof WIDGETS;
const widget = (tag: Tag, locale = 'en-US', view?: string) => fixture<LitElement>(html`<div style="width: 720px">${WIDGETS[tag](locale, view)}</div>`).then((page) => page.firstElementChild as LitElement);

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

/** The proxy's own answers, with `path`'s JSON rewritten by `rewrite`: a customer who used nothing. */
function rewriting<T>(path: string, rewrite: (body: T) => unknown) {
  proxy.override = async (request) => {
    const answer = await proxy.answer(request);
    return new URL(request.url).pathname === path ? Response.json(rewrite((await answer.json()) as T)) : answer;
  };
}

describe('error states', () => {
  const UNAVAILABLE = {
    'en-US': ['Billing data is temporarily unavailable. Try again in a moment.', 'Retry'],
    de: ['Abrechnungsdaten sind vorübergehend nicht verfügbar. Bitte gleich noch einmal versuchen.', 'Erneut versuchen'],
  };
  for (const tag of Object.keys(WIDGETS) as Tag[]) {
    it(`<${tag}> tells the customer plainly, in English and German, and gives the page the detail in mw-error`, async () => {
      proxy.override = async () => Response.json({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }, { status: 502 });
      for (const [locale, [words, retry]] of Object.entries(UNAVAILABLE)) {
        const failure = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
        const el = await widget(tag, locale);
        const event = await failure;
        expect([event.message, event.status, event.code]).to.deep.equal(['Metronome answered with an error (HTTP 500).', 502, 'upstream_error']);
        await waitUntil(() => part(el, 'error'), `${tag} showed no error`);
        expect(text(part(el, 'error')!.querySelector('span'))).to.equal(words);
        expect(text(part(el, 'retry'))).to.equal(retry);
        expect(text(el.shadowRoot as unknown as Element), 'no technical detail on screen').not.to.match(/Metronome answered|HTTP|upstream/);
        await expect(el).to.be.accessible();
      }
    });
  }

  it('words each kind of failure for what the customer can do about it', async () => {
    const kinds: Array<[() => Promise<Response>, string]> = [
      [async () => new Response('{}', { status: 401 }), 'You are not signed in, or your session has ended. Sign in again to see your billing data.'],
      [async () => Response.json({ error: { code: 'not_found', message: 'No such invoice.' } }, { status: 404 }), 'This billing information could not be found.'],
      [async () => Response.json({ error: { code: 'rate_limited', message: 'Over 120 requests a minute.' } }, { status: 429 }), 'Too many requests at once. Wait a moment, then try again.'],
      [async () => Promise.reject(new TypeError('Failed to fetch')), 'Could not reach the billing service. Check your connection and try again.'],
    ];
    for (const [answer, words] of kinds) {
      proxy.override = answer;
      const el = await widget('balance-ledger');
      await waitUntil(() => part(el, 'error'), 'no error shown');
      expect(text(part(el, 'error')!.querySelector('span'))).to.equal(words);
      expect(part(el, 'retry')).to.exist;
    }
  });
});

describe('loading states', () => {
  /** Which skeletons each widget shows while its first data loads, top to bottom. */
  const SHAPES: Array<[Tag, string | undefined, string[]]> = [
    ['usage-chart', 'chart', ['chart']],
    ['usage-chart', 'table', ['table']],
    ['spend-breakdown', 'chart', ['headline', 'chart']],
    ['spend-breakdown', 'table', ['headline', 'table']],
    ['balance-ledger', undefined, ['headline', 'table']],
    ['invoice-list', undefined, ['table']],
    ['metronome-dashboard', undefined, ['frame']],
    ['usage-summary', undefined, ['headline', 'table']],
    ['usage-alerts', undefined, ['table']],
  ];
  for (const [tag, view, shapes] of SHAPES) {
    it(`<${tag}>${view ? ` as a ${view}` : ''} loads under a ${shapes.join(' and ')} skeleton, busy, saying "Loading" once`, async () => {
      const release = holdAnswers();
      const el = await widget(tag, 'en-US', view);
      await waitUntil(() => part(el, 'loading'), 'no loading state');
      const skeletons = [...el.shadowRoot!.querySelectorAll('.skeleton')];
      expect(skeletons.map((s) => s.className.replace('skeleton skeleton-', ''))).to.deep.equal(shapes);
      expect(skeletons.every((s) => s.closest('[aria-hidden="true"]')), 'the skeletons are not read out').to.equal(true);
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      const spoken = [...el.shadowRoot!.querySelectorAll('[role="status"], [aria-live]')].filter((r) => /Loading/.test(text(r)));
      expect(spoken, 'one polite Loading… for screen readers').to.have.length(1);
      expect(spoken[0]!.getAttribute('aria-live') ?? 'polite').to.equal('polite');
      const table = el.shadowRoot!.querySelector('.skeleton-table');
      if (table) {
        // A header and rows of cells side by side, as the table will be.
        const tops = [...table.children].map((cell) => cell.getBoundingClientRect().top);
        const rows = [...new Set(tops)];
        expect(rows.length, 'a header and rows').to.be.at.least(4);
        expect(tops.filter((top) => top === rows[0]).length, 'cells side by side').to.be.at.least(3);
      }
      const chart = el.shadowRoot!.querySelector('.skeleton-chart');
      if (chart) expect(chart.children.length, 'bars').to.be.at.least(6);
      await expect(el).to.be.accessible();
      release();
    });
  }

  it('pulses the skeleton, and holds it still for a viewer who asks for less motion', async () => {
    const release = holdAnswers();
    const el = await widget('invoice-list');
    await waitUntil(() => part(el, 'loading'));
    expect(part(el, 'loading')!.getAnimations({ subtree: true }).length).to.be.above(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    await waitUntil(() => part(el, 'loading')!.getAnimations({ subtree: true }).length === 0, 'the skeleton kept moving');
    release();
  });
});

describe('empty states', () => {
  const zero = (values: Record<string, number>) => Object.fromEntries(Object.keys(values).map((group) => [group, 0]));

  it('<usage-chart> with no usage in any group says so, without legend or axes', async () => {
    rewriting<UsageResponse>('/api/usage', (data) => ({ ...data, total: 0, windows: data.windows.map((w) => ({ ...w, total: 0, values: zero(w.values ?? {}) })) }));
    const el = await widget('usage-chart');
    await waitUntil(() => part(el, 'empty'), 'no empty state');
    expect(text(part(el, 'empty'))).to.equal('No usage in this period');
    expect(part(el, 'empty')!.querySelector('slot[name="empty"]')).to.exist;
    expect(part(el, 'legend'), 'no legend of series that have nothing').to.equal(null);
    expect(part(el, 'axis')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('<spend-breakdown> with no spend says so, without legend or axes', async () => {
    rewriting<SpendResponse>('/api/spend', (data) => ({
      ...data,
      credit_types: data.credit_types.map((c) => ({ ...c, total: 0, credits_applied: 0, net: 0, windows: c.windows.map((w) => ({ ...w, values: zero(w.values), total: 0, credits_applied: 0, net: 0 })) })),
    }));
    const el = await widget('spend-breakdown');
    await waitUntil(() => part(el, 'empty'), 'no empty state');
    expect(text(part(el, 'empty'))).to.match(/^No spend/);
    expect(part(el, 'empty')!.querySelector('slot[name="empty"]')).to.exist;
    expect(part(el, 'legend')).to.equal(null);
    expect(part(el, 'axis')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
