import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { HOOLI_ID } from '../../simulator/index.ts';
import type { AlertsResponse, AlertSummary } from '../../contract/index.ts';
import type { MwErrorEvent } from '../shared/events.ts';
import { formatMoney } from '../shared/format.ts';
import { ENDPOINT, installProxy, type InstalledProxy } from '../test/proxy-in-page.ts';
import { answerWith, EUR_CENTS, GPU_CREDITS } from '../test/hand-made.ts';
import './usage-alerts.ts';
import type { UsageAlerts } from './usage-alerts.ts';
import '../locales/de.ts';

let proxy: InstalledProxy;
beforeEach(() => {
  proxy = installProxy();
});
afterEach(() => proxy.restore());

async function alertsWidget(customer?: string) {
  if (customer) {
    proxy.restore();
    proxy = installProxy(customer);
  }
  return fixture<UsageAlerts>(html`<usage-alerts endpoint=${ENDPOINT} locale="en-US" .tokenProvider=${proxy.tokenProvider}></usage-alerts>`);
}

const part = (el: UsageAlerts, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: UsageAlerts, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const loaded = (el: UsageAlerts) => waitUntil(() => part(el, 'list') || part(el, 'empty') || part(el, 'error'), 'nothing was shown', { timeout: 4000 });
const text = (node: Element) => node.textContent!.replace(/[ \n]+/g, ' ').trim();

const USD = { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' };
const alert = (name: string, overrides: Partial<AlertSummary> = {}): AlertSummary => ({
  id: name, name, kind: 'spend', status: 'ok', threshold: 2_500_000, credit_type: USD, current: 1_000_000, ...overrides,
});
const handMade = (alerts: AlertSummary[]) => answerWith(proxy, { '/api/alerts': { alerts } satisfies AlertsResponse });

describe('<usage-alerts>', () => {
  it('shows Hooli AI\'s notifications triggered first, each with what it watches, its threshold and its status in words', async () => {
    const el = await alertsWidget(HOOLI_ID);
    await loaded(el);
    const data = await proxy.get<AlertsResponse>('/api/alerts');
    const items = parts(el, 'alert');
    expect(items.map((i) => i.querySelector('.name')!.textContent)).to.deep.equal(data.alerts.map((a) => a.name));
    const words = { in_alarm: 'Triggered', ok: 'OK', evaluating: 'Being checked' };
    expect(items.map((i) => i.querySelector('[part="status"]')!.textContent)).to.deep.equal(data.alerts.map((a) => words[a.status]));
    const commit = items.find((i) => i.textContent!.includes('GPU commit below $40,000'))!;
    expect(text(commit)).to.contain('Remaining commit balance · Alerts at or below $40,000.00');
    const spend = items.find((i) => i.textContent!.includes('Monthly spend above'))!;
    expect(text(spend)).to.contain('Spend this billing period · Alerts at or above $25,000.00');
    const current = data.alerts.find((a) => a.kind === 'spend')!.current!;
    expect(text(spend)).to.contain(`Now ${formatMoney(current, USD, 'en-US')}`);
    const days = items.find((i) => i.textContent!.includes('GPU commit quarter ending'))!;
    expect(text(days)).to.contain("Days before a commit's balance expires · Alerts at or below 14 days left");
    expect(days.querySelector('[part="gauge"]'), 'no figure, no gauge').to.equal(null);
    await expect(el).to.be.accessible();
  });

  // The proxy puts triggered notifications first (contract: AlertsResponse; proxy/routes/alerts.test.ts).
  it('keeps the proxy\'s order, and marks a status by words and a sign, not colour alone', async () => {
    handMade([alert('Fired', { status: 'in_alarm', current: 3_000_000 }), alert('Checking', { status: 'evaluating' }), alert('Calm')]);
    const el = await alertsWidget();
    await loaded(el);
    expect(parts(el, 'alert').map((i) => i.querySelector('.name')!.textContent)).to.deep.equal(['Fired', 'Checking', 'Calm']);
    const statuses = parts(el, 'status');
    expect(statuses.map((s) => s.textContent)).to.deep.equal(['Triggered', 'Being checked', 'OK']);
    expect(statuses.map((s) => getComputedStyle(s, '::before').content)).to.deep.equal(['"! " / ""', '"… " / ""', '"✓ " / ""']);
    await expect(el).to.be.accessible();
  });

  it('draws the figure against a mark at the threshold, its figures the gauge\'s accessible value', async () => {
    handMade([alert('Over', { status: 'in_alarm', current: 5_000_000 }), alert('Under', { current: 1_000_000 })]);
    const el = await alertsWidget();
    await loaded(el);
    const [over, under] = parts(el, 'gauge');
    const width = under!.getBoundingClientRect().width;
    const fill = (g: HTMLElement) => g.querySelector('b')!.getBoundingClientRect().width;
    const mark = (g: HTMLElement) => g.querySelector('i')!.getBoundingClientRect().left - g.getBoundingClientRect().left;
    expect(fill(under!)).to.be.closeTo(width * 0.4, 1);
    expect(mark(under!)).to.be.closeTo(width, 1);
    expect(fill(over!)).to.be.closeTo(width, 1);
    expect(mark(over!)).to.be.closeTo(width / 2, 1);
    const [overStatus, underStatus] = parts(el, 'status').map((s) => getComputedStyle(s).color);
    const barColour = (g: HTMLElement) => getComputedStyle(g.querySelector('b')!).backgroundColor;
    expect(barColour(over!), 'a triggered figure in its status\'s red').to.equal(overStatus);
    expect(barColour(under!)).to.not.be.oneOf([underStatus, overStatus]);
    expect(under!.getAttribute('role')).to.equal('meter');
    expect(under!.getAttribute('aria-valuetext')).to.equal('$10,000.00 of the $25,000.00 threshold');
    expect([under!.getAttribute('aria-valuenow'), under!.getAttribute('aria-valuemax')]).to.deep.equal(['1000000', '2500000']);
  });

  it('keeps a kind it does not know, in Metronome\'s words, its threshold in its own unit or as a plain number', async () => {
    handMade([
      alert('Seats', { kind: 'low_seats_soon_reached', credit_type: null, threshold: 3, current: null }),
      alert('Custom', { kind: 'future_thing_reached', credit_type: GPU_CREDITS, threshold: 1234.5, current: null }),
      alert('Euro', { kind: 'low_balance', credit_type: EUR_CENTS, threshold: 123_456, current: 100_000 }),
    ]);
    const el = await alertsWidget();
    await loaded(el);
    expect(parts(el, 'alert').map((i) => text(i.querySelector('.small')!))).to.deep.equal([
      'low_seats_soon_reached · Threshold: 3',
      'future_thing_reached · Threshold: 1,234.5 GPU credits',
      'Remaining commit and credit balance · Alerts at or below €1,234.56',
    ]);
    await expect(el).to.be.accessible();
  });

  it('states a share remaining as a percentage, days left as days and seats as a count, each falling to its threshold', async () => {
    handMade([
      alert('Share', { kind: 'low_credit_percentage', credit_type: null, threshold: 12.5, current: null }),
      alert('Days', { kind: 'credit_days_left', credit_type: null, threshold: 1, current: null }),
      alert('Seats', { kind: 'low_seat_balance', credit_type: null, threshold: 3, current: null }),
    ]);
    const el = await alertsWidget();
    await loaded(el);
    expect(parts(el, 'alert').map((i) => text(i.querySelector('.small')!))).to.deep.equal([
      'Share of credit balance remaining · Alerts at or below 12.5%',
      "Days before a credit's balance expires · Alerts at or below 1 day left",
      'Remaining seats · Alerts at or below 3',
    ]);
    el.locale = 'de-DE';
    await el.updateComplete;
    expect(text(parts(el, 'alert')[0]!.querySelector('.small')!)).to.equal('Verbleibender Anteil des Guthabens · Benachrichtigt bei 12,5\u00a0% oder weniger');
    await expect(el).to.be.accessible();
  });

  it('speaks German', async () => {
    handMade([alert('Ausgaben', { status: 'in_alarm', current: 3_000_000 })]);
    const el = await alertsWidget();
    el.locale = 'de-DE';
    await loaded(el);
    await el.updateComplete;
    const item = parts(el, 'alert')[0]!;
    expect(text(item)).to.contain('Ausgelöst');
    expect(text(item)).to.contain('Ausgaben in diesem Abrechnungszeitraum · Benachrichtigt ab 25.000,00\u00a0$');
    expect(text(item)).to.contain('Aktuell 30.000,00\u00a0$');
    await expect(el).to.be.accessible();
  });

  it('says so when no notifications are set up', async () => {
    handMade([]);
    const el = await alertsWidget();
    await loaded(el);
    expect(part(el, 'empty')!.textContent!.trim()).to.equal('No threshold notifications are set up');
    await expect(el).to.be.accessible();
  });

  it('fits 320 px without scrolling sideways', async () => {
    handMade([alert('A notification with a rather long name that has to wrap', { status: 'in_alarm', current: 3_000_000 }), alert('Seats', { kind: 'low_seats_soon_reached', credit_type: null, current: null })]);
    const el = await alertsWidget();
    el.style.width = '320px';
    await loaded(el);
    expect(part(el, 'base')!.scrollWidth).to.be.at.most(320);
    for (const item of parts(el, 'alert')) expect(item.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    for (const line of el.shadowRoot!.querySelectorAll('.small')) expect(line.scrollWidth, line.textContent!).to.be.at.most(line.clientWidth);
  });

  it('shows a skeleton, then plain words with a Retry button on failure, and recovers', async () => {
    const release = proxy.holdNextResponse();
    const waiting = await alertsWidget();
    expect(part(waiting, 'loading')).to.exist;
    expect(part(waiting, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(waiting).to.be.accessible();
    release();
    proxy.override = async () => new Response(JSON.stringify({ error: { code: 'upstream_error', message: 'Metronome answered with an error (HTTP 500).' } }), { status: 502 });
    const errorEvent = oneEvent(document, 'mw-error') as Promise<MwErrorEvent>;
    const failed = await alertsWidget();
    expect((await errorEvent).error.message).to.equal('Metronome answered with an error (HTTP 500).');
    await waitUntil(() => part(failed, 'error'));
    expect(part(failed, 'error')!.textContent).to.contain('Billing data is temporarily unavailable');
    await expect(failed).to.be.accessible();
    proxy.override = null;
    part(failed, 'retry')!.click();
    await waitUntil(() => part(failed, 'list'));
  });
});
