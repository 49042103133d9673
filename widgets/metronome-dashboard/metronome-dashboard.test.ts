import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MwErrorEvent } from '../shared/events.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import './metronome-dashboard.ts';
import type { MetronomeDashboard } from './metronome-dashboard.ts';
import { colorOverrides, hexColour } from './metronome-dashboard.palette.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

const posts = () => proxy.requests.filter((r) => new URL(r.url).pathname === '/api/dashboards/embeddable-url');
const frame = (el: MetronomeDashboard) => el.shadowRoot!.querySelector('iframe');

async function dashboard(kind = 'invoices') {
  return fixture<MetronomeDashboard>(
    html`<metronome-dashboard style="--metronome-gray-dark: #112233; --metronome-usage-line-0: #abc; --metronome-white: white" endpoint=${ENDPOINT} dashboard=${kind} show-zero-usage-line-items .tokenProvider=${proxy.tokenProvider}></metronome-dashboard>`,
  );
}

describe('<metronome-dashboard>', () => {
  it('embeds the hosted dashboard for the session customer, themed with the page\'s colour tokens', async () => {
    const el = await dashboard();
    await waitUntil(() => frame(el), 'no iframe', { timeout: 4000 });
    const body = await posts()[0]!.clone().json();
    expect(body).to.deep.equal({
      dashboard: 'invoices',
      dashboard_options: [{ key: 'show_zero_usage_line_items', value: 'true' }],
      color_overrides: [
        { name: 'Gray_dark', value: '#112233' },
        { name: 'UsageLine_0', value: '#aabbcc' },
      ],
    });
    const iframe = frame(el)!;
    expect(iframe.title).to.equal('Invoices dashboard');
    expect(iframe.getAttribute('sandbox')).to.contain('allow-scripts');
    expect(iframe.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(iframe.src).to.match(/^https?:\/\//);
    await expect(el).to.be.accessible();
  });

  it('asks for a fresh URL every time it is mounted', async () => {
    const el = await dashboard('usage');
    await waitUntil(() => frame(el));
    expect(await posts()[0]!.clone().json()).not.to.have.property('dashboard_options', 'the zero-usage option is for the invoices dashboard only');
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await waitUntil(() => posts().length === 2, 'no new URL on remount', { timeout: 3000 });
  });

  it('shows the proxy\'s message with a Retry button when there is no URL', async () => {
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const el = await dashboard();
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
    await expect(el).to.be.accessible();
    proxy.override = null;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => frame(el));
  });
});

describe('dashboard palette', () => {
  it('forwards #rrggbb and #rgb tokens by Metronome slot name and drops anything else', () => {
    expect(hexColour(' #A1B2C3 ')).to.equal('#a1b2c3');
    expect(hexColour('#fff')).to.equal('#ffffff');
    expect(hexColour('rgb(0 0 0)')).to.equal(null);
    const style = { getPropertyValue: (p: string) => ({ '--metronome-primary-red': '#ff0000', '--metronome-progress-bar': 'red' })[p] ?? '' };
    expect(colorOverrides(style)).to.deep.equal([{ name: 'Primary_red', value: '#ff0000' }]);
  });
});
