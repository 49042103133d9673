import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../balance-ledger/balance-ledger.ts';
import '../../invoice-list/invoice-list.ts';
import '../../spend-breakdown/spend-breakdown.ts';
import type { InvoiceList } from '../../invoice-list/invoice-list.ts';
import { loaded } from '../../test/loaded.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../../test/proxy-in-page.ts';
import { chart, RANGE, seriesPaths } from '../../test/usage-chart-fixture.ts';
import { stale, staleNote, TODAY_1042 } from '../../test/stale.ts';
import { METRIC_IDS } from '../../../simulator/index.ts';
import { COLOR_TOKENS } from './palette.ts';
import { resolveTheme } from './theme-controller.ts';

/** `#rrggbb` as the browser reports computed colours. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
const token = (name: string) => COLOR_TOKENS.find((t) => t.property === `--metronome-${name}`)!;
const TRANSPARENT = 'rgba(0, 0, 0, 0)';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(async () => {
  proxy.restore();
  await emulateMedia({ colorScheme: 'light' });
});

/** A widget with a live session, inside a wrapper that plays the page. */
async function invoiceList(wrapper: string, attributes: { theme?: string } = {}) {
  const page = await fixture<HTMLDivElement>(html`<div class=${wrapper} style="color: rgb(1, 2, 3); font-family: serif">
    <invoice-list theme=${attributes.theme ?? ''} endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></invoice-list>
  </div>`);
  const el = page.querySelector('invoice-list')!;
  if (!attributes.theme) el.removeAttribute('theme');
  await loaded(el);
  return { page, el: el as InvoiceList };
}

describe('theme', () => {
  it('with no theme asked for, takes the page\'s font and text colour and paints no background', async () => {
    const { el } = await invoiceList('');
    const style = getComputedStyle(el);
    expect(style.color).to.equal('rgb(1, 2, 3)');
    expect(style.fontFamily).to.equal('serif');
    expect(style.backgroundColor).to.equal(TRANSPARENT);
    expect(el.matches(':state(dark)') || el.matches(':state(light)')).to.equal(false);
  });

  it('paints the dark palette with theme="dark", page tokens winning, and still passes the contrast audit', async () => {
    const { el } = await invoiceList('', { theme: 'dark' });
    expect(el.matches(':state(dark)')).to.equal(true);
    expect(getComputedStyle(el).backgroundColor).to.equal(rgb(token('white').dark));
    expect(getComputedStyle(el).color).to.equal(rgb(token('gray-dark').dark));
    const badge = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(getComputedStyle(badge).color).to.be.oneOf([rgb(token('primary-green').dark), rgb(token('primary-medium').dark), rgb(token('gray-medium').dark)]);
    await expect(el).to.be.accessible();
    el.style.setProperty('--metronome-white', '#123456');
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(18, 52, 86)');
  });

  it('follows a dark or light class on an ancestor as it changes', async () => {
    const { page, el } = await invoiceList('dark');
    expect(getComputedStyle(el).backgroundColor).to.equal(rgb(token('white').dark));
    page.classList.replace('dark', 'light');
    await waitUntil(() => el.matches(':state(light)'), 'the light class was not seen');
    // A forced light palette paints its own text and background so it reads on a dark page too.
    expect(getComputedStyle(el).backgroundColor).to.equal(rgb(token('white').light));
    expect(getComputedStyle(el).color).to.equal(rgb(token('gray-dark').light));
    page.classList.remove('light');
    await waitUntil(() => !el.matches(':state(light)'), 'removing the class did not restore the page\'s colours');
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
  });

  it('follows the system\'s dark setting unless the widget is told otherwise', async () => {
    const { el } = await invoiceList('');
    await emulateMedia({ colorScheme: 'dark' });
    await waitUntil(() => el.matches(':state(dark)'), 'prefers-color-scheme: dark was not seen');
    expect(getComputedStyle(el).backgroundColor).to.equal(rgb(token('white').dark));
    el.theme = 'light';
    await waitUntil(() => el.matches(':state(light)'));
    expect(getComputedStyle(el).backgroundColor).to.equal(rgb(token('white').light));
  });

  it('draws series in the usage-line tokens: the palette\'s by default, the page\'s when set', async () => {
    const el = await chart(proxy);
    await waitUntil(() => seriesPaths(el).length > 1, 'no series drawn', { timeout: 4000 });
    const fills = () => seriesPaths(el).slice(0, 2).map((p) => getComputedStyle(p).fill);
    expect(fills()).to.deep.equal([rgb(token('usage-line-0').light), rgb(token('usage-line-1').light)]);
    el.theme = 'dark';
    await waitUntil(() => el.matches(':state(dark)'));
    expect(fills()).to.deep.equal([rgb(token('usage-line-0').dark), rgb(token('usage-line-1').dark)]);
    await expect(el).to.be.accessible();
    el.style.setProperty('--metronome-usage-line-1', '#ff0000');
    expect(fills()).to.deep.equal([rgb(token('usage-line-0').dark), 'rgb(255, 0, 0)']);
  });

  for (const theme of ['dark', 'light'] as const) {
    it(`keeps every widget's text readable in the forced ${theme} palette (axe, WCAG AA)`, async () => {
      // On a page of the opposite colour: the palette must carry its own background and text. Every
      // answer is served stale, so the stale note is read too.
      proxy.serveFreshness(() => stale(TODAY_1042));
      const page = await fixture<HTMLDivElement>(html`<div style="background: ${theme === 'dark' ? '#fff' : '#000'}; color: ${theme === 'dark' ? '#000' : '#fff'}">
        <usage-chart theme=${theme} endpoint=${ENDPOINT} billable-metric-id=${METRIC_IDS.cpuHours} group-key="region" starting-on=${RANGE.startingOn} ending-before=${RANGE.endingBefore} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-chart>
        <spend-breakdown theme=${theme} endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></spend-breakdown>
        <balance-ledger theme=${theme} endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></balance-ledger>
        <invoice-list theme=${theme} endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></invoice-list>
      </div>`);
      for (const el of page.children) {
        await loaded(el);
        expect(getComputedStyle(el).backgroundColor, el.localName).to.equal(rgb(token('white')[theme]));
        expect(staleNote(el), el.localName).to.exist;
        await expect(el).to.be.accessible();
      }
    });
  }

  it('resolves the theme from the element, then its nearest classed ancestor across shadow roots, then the system', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div class="dark"><div class="light"><span></span></div></div>`);
    const inner = outer.querySelector('span')!;
    expect(resolveTheme(inner, true)).to.deep.equal({ name: 'light', forced: true });
    inner.setAttribute('theme', 'dark');
    expect(resolveTheme(inner, false)).to.deep.equal({ name: 'dark', forced: true });
    const host = document.createElement('div');
    outer.append(host);
    const shadowed = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('p'));
    expect(resolveTheme(shadowed, false)).to.deep.equal({ name: 'dark', forced: true });
    const loose = await fixture(html`<p theme="sepia"></p>`);
    expect(resolveTheme(loose, true)).to.deep.equal({ name: 'dark', forced: false });
    expect(resolveTheme(loose, false)).to.deep.equal({ name: 'light', forced: false });
  });
});
