import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { MwErrorEvent } from '../shared/events.ts';
import { COLOR_TOKENS } from '../shared/theme/palette.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import './metronome-dashboard.ts';
import type { MetronomeDashboard } from './metronome-dashboard.ts';
import { hexColour } from './metronome-dashboard.palette.ts';

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
        { name: 'White', value: '#ffffff' },
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

  it('asks the invoices dashboard to hide voided invoices with hide-voided-invoices, and no other dashboard', async () => {
    const el = await fixture<MetronomeDashboard>(html`<metronome-dashboard endpoint=${ENDPOINT} dashboard="invoices" hide-voided-invoices .tokenProvider=${proxy.tokenProvider}></metronome-dashboard>`);
    await waitUntil(() => frame(el), 'no iframe', { timeout: 4000 });
    expect((await posts()[0]!.clone().json()).dashboard_options).to.deep.equal([{ key: 'hide_voided_invoices', value: 'true' }]);
    el.showZeroUsageLineItems = true;
    await waitUntil(() => posts().length === 2, 'no new URL for the new option', { timeout: 3000 });
    expect((await posts()[1]!.clone().json()).dashboard_options).to.deep.equal([
      { key: 'show_zero_usage_line_items', value: 'true' },
      { key: 'hide_voided_invoices', value: 'true' },
    ]);
    el.dashboard = 'usage';
    await waitUntil(() => posts().length === 3, 'no new URL for the usage dashboard', { timeout: 3000 });
    expect(await posts()[2]!.clone().json()).not.to.have.property('dashboard_options');
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
  it('forwards the whole palette in force under the dark theme, page tokens first, and asks again when the theme changes', async () => {
    const el = await fixture<MetronomeDashboard>(
      html`<metronome-dashboard theme="dark" style="--metronome-primary-red: rgb(255 0 0); --metronome-progress-bar: rgb(0 0 0 / 50%)" endpoint=${ENDPOINT} .tokenProvider=${proxy.tokenProvider}></metronome-dashboard>`,
    );
    await waitUntil(() => frame(el), 'no iframe', { timeout: 4000 });
    const dark = new Map((await posts()[0]!.clone().json()).color_overrides.map((o: { name: string; value: string }) => [o.name, o.value]));
    const expected = new Map(COLOR_TOKENS.filter((t) => t.slot).map((t) => [t.slot, t.dark]));
    expected.set('Primary_red', '#ff0000');
    // Half-transparent colours cannot be said in #rrggbb: Metronome keeps its own for that slot.
    expected.delete('Progress_bar');
    expect(dark).to.deep.equal(expected);

    el.theme = 'light';
    await waitUntil(() => posts().length === 2, 'no new URL for the light theme', { timeout: 3000 });
    const light = (await posts()[1]!.clone().json()).color_overrides as Array<{ name: string; value: string }>;
    expect(light.find((o) => o.name === 'White')!.value).to.equal('#ffffff');
    expect(light.find((o) => o.name === 'Gray_dark')!.value).to.equal('#111827');
  });

  it('says any opaque CSS colour as #rrggbb and refuses the rest', () => {
    expect(hexColour(' #A1B2C3 ')).to.equal('#a1b2c3');
    expect(hexColour('#fff')).to.equal('#ffffff');
    expect(hexColour('rgb(161 178 195)')).to.equal('#a1b2c3');
    expect(hexColour('rebeccapurple')).to.equal('#663399');
    expect(hexColour('rgba(1, 2, 3, 1)')).to.equal('#010203');
    expect(hexColour('rgb(0 0 0 / 50%)')).to.equal(null);
    expect(hexColour('transparent')).to.equal(null);
    expect(hexColour('not-a-colour')).to.equal(null);
    expect(hexColour('')).to.equal(null);
  });
});
