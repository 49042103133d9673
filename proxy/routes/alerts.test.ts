import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from '../../simulator/index.ts';
import type { AlertsResponse, AlertSummary, BalancesResponse, ErrorBody, SpendSummaryResponse } from '../../contract/index.ts';
import { toMicros } from '../money.ts';
import { authGet, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

/** GET /api/alerts over the simulator, whose statuses come from the same books as its balances and invoices. */

async function get<T>(path: string, customerId: string, app = testApp()) {
  const response = await authGet(app, path, customerId);
  return { status: response.status, body: (await response.json()) as T & ErrorBody };
}

const alertsOf = async (customerId: string, app = testApp()) => (await get<AlertsResponse>('/api/alerts', customerId, app)).body.alerts;

/** Whether the figure has reached the threshold the way its kind means: down to it for a balance, up to it for spend. */
function reached(alert: AlertSummary): boolean {
  const [current, threshold] = [toMicros(alert.current), toMicros(alert.threshold)];
  return alert.kind.startsWith('low_') ? current <= threshold : current >= threshold;
}

describe('GET /api/alerts over the simulator', () => {
  it('answers 401 without a session', async () => {
    assert.equal((await testApp().request('/api/alerts')).status, 401);
  });

  it('lists Hooli AI\'s enabled notifications from every page, in alarm first, an unknown type under its own name', async () => {
    const calls: UpstreamCall[] = [];
    const alerts = await alertsOf(HOOLI_ID, testApp({ fetch: simulatorFetch(calls) }));
    const lists = calls.filter((c) => c.url.pathname === '/v1/customer-alerts/list');
    assert.equal(lists.length, 2, 'four enabled notifications come in two pages');
    assert.deepEqual(lists.map((c) => c.body), [0, 1].map(() => ({ customer_id: HOOLI_ID, alert_statuses: ['enabled'] })));
    assert.ok(lists[1]!.url.searchParams.get('next_page'), 'the second page is asked with the cursor');
    assert.deepEqual(alerts.map((a) => a.kind).sort(), ['commit_days_left', 'invoice_total', 'low_commit_balance', 'spend']);
    assert.ok(!alerts.some((a) => /replaced|Monthly invoice above/.test(a.name)), 'the archived and the disabled one are left out');
    const order = alerts.map((a) => ({ in_alarm: 0, evaluating: 1, ok: 2 })[a.status]);
    assert.deepEqual(order, [...order].sort(), 'in alarm first');
    const days = alerts.find((a) => a.kind === 'commit_days_left')!;
    assert.deepEqual([days.credit_type, days.threshold, days.current], [null, 14, null]);
  });

  it('shows as current the balances /api/balances gives and the spend /api/spend/summary gives', async () => {
    const app = testApp();
    const alerts = await alertsOf(HOOLI_ID, app);
    const balances = (await get<BalancesResponse>('/api/balances', HOOLI_ID, app)).body;
    const summary = (await get<SpendSummaryResponse>('/api/spend/summary', HOOLI_ID, app)).body;
    const usd = summary.credit_types.find((t) => t.credit_type.name === 'USD (cents)')!;
    const prepaid = balances.items.filter((i) => i.type === 'PREPAID' && i.segments.some((s) => s.status === 'active'));
    const byKind = (kind: string) => alerts.find((a) => a.kind === kind)!;
    assert.equal(toMicros(byKind('low_commit_balance').current), prepaid.reduce((sum, i) => sum + toMicros(i.remaining), 0));
    assert.equal(byKind('spend').current, usd.spend_to_date);
    assert.equal(byKind('invoice_total').current, usd.net);
    assert.deepEqual(byKind('spend').credit_type, { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' });
  });

  it('says in alarm exactly when the figure shown has reached the threshold, for every demo customer and credit type', async () => {
    let checked = 0;
    for (const customerId of [HOOLI_ID, ACME_ID, GLOBEX_ID, INITECH_ID]) {
      for (const alert of await alertsOf(customerId)) {
        if (alert.current === null || alert.status === 'evaluating') continue;
        checked++;
        assert.equal(alert.status, reached(alert) ? 'in_alarm' : 'ok', `${alert.name}: ${alert.current} against ${alert.threshold}`);
      }
    }
    assert.ok(checked >= 8, `${checked} checked`);
    const initech = await alertsOf(INITECH_ID);
    assert.ok(initech.some((a) => a.credit_type?.name === 'GPU credits' && a.current !== null), 'GPU credits stay in their own unit');
  });

  it('reads no balances for a customer whose notifications watch only spend (Globex)', async () => {
    const calls: UpstreamCall[] = [];
    const alerts = await alertsOf(GLOBEX_ID, testApp({ fetch: simulatorFetch(calls) }));
    assert.deepEqual(alerts.map((a) => a.kind).sort(), ['invoice_total', 'spend']);
    assert.ok(!calls.some((c) => c.url.pathname.startsWith('/v1/contracts/customerBalances')));
  });

  it('keeps a notification Metronome is still evaluating, with its figure', async () => {
    const acme = await alertsOf(ACME_ID);
    const evaluating = acme.find((a) => a.status === 'evaluating')!;
    assert.equal(evaluating.kind, 'spend');
    assert.equal(typeof evaluating.current, 'number');
  });

  it('answers 502 when Metronome fails on the notifications, passing nothing of its answer on', async () => {
    const upstream = simulatorFetch();
    const failing: typeof fetch = async (input, init) =>
      new URL(new Request(input, init).url).pathname === '/v1/customer-alerts/list' ? Response.json({ message: 'internal trace' }, { status: 500 }) : upstream(input, init);
    const { status, body } = await get<AlertsResponse>('/api/alerts', HOOLI_ID, testApp({ fetch: failing }));
    assert.equal(status, 502);
    assert.equal(body.error.code, 'upstream_error');
    assert.ok(!JSON.stringify(body).includes('internal trace'));
  });
});
