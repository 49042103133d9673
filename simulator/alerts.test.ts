import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from './catalog.ts';
import { call, simulator } from './test-helpers.ts';
import { ALERTS_PAGE_SIZE } from './routes/alerts.ts';

// Later in a month than the shared NOW, so that the current period has spend on both sides of thresholds.
const NOW = new Date('2026-11-29T17:00:00Z');
const app = simulator({ now: NOW });
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const micros = (x: number) => Math.round(x * 1e6);

const list = (json: unknown, query = '') => call(app, 'POST', `/v1/customer-alerts/list${query}`, { json });

/** Every alert of a query, following next_page, and the number of pages it took. */
async function allAlerts(json: Record<string, unknown>): Promise<{ alerts: any[]; pages: number }> {
  const alerts: any[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const reply = await list(json, next === null ? '' : `?next_page=${encodeURIComponent(next)}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.ok(reply.body.data.length <= ALERTS_PAGE_SIZE);
    alerts.push(...reply.body.data);
    next = reply.body.next_page;
    assert.ok(++pages < 50, 'paging does not end');
  } while (next !== null);
  return { alerts, pages };
}

const balancesOf = async (customer_id: string) =>
  (await call(app, 'POST', '/v1/contracts/customerBalances/list', { json: { customer_id, include_contract_balances: true, include_balance: true } })).body.data as any[];

/** The current period's draft invoices (the shared NOW's periods all start on the 1st or the 15th). */
async function draftsOf(customerId: string) {
  const reply = await call(app, 'GET', `/v1/customers/${customerId}/invoices?status=DRAFT&limit=100`);
  return (reply.body.data as any[]).filter((invoice) => invoice.type !== 'SCHEDULED' && Date.parse(invoice.start_timestamp) <= NOW.getTime() && Date.parse(invoice.end_timestamp) > NOW.getTime());
}

test('only enabled alerts are listed by default, in pages of a few', async () => {
  const { alerts, pages } = await allAlerts({ customer_id: HOOLI_ID });
  assert.ok(pages > 1, 'Hooli AI has alerts on several pages');
  assert.ok(alerts.length > ALERTS_PAGE_SIZE);
  assert.deepEqual(new Set(alerts.map((a) => a.alert.status)), new Set(['enabled']));
});

test('alert_statuses brings disabled and archived alerts, an archived one without a status', async () => {
  const { alerts } = await allAlerts({ customer_id: HOOLI_ID, alert_statuses: ['ENABLED', 'Disabled', 'archived'] });
  const archived = alerts.filter((a) => a.alert.status === 'archived');
  assert.equal(archived.length, 1);
  assert.equal(archived[0].customer_status, null);
  assert.equal(alerts.filter((a) => a.alert.status === 'disabled').length, 1);
  const onlyArchived = await allAlerts({ customer_id: HOOLI_ID, alert_statuses: ['archived'] });
  assert.deepEqual(onlyArchived.alerts.map((a) => a.alert.id), archived.map((a) => a.alert.id));
});

test('Hooli AI watches its commit balance, its spend, its invoice total and a commit segment ending', async () => {
  const { alerts } = await allAlerts({ customer_id: HOOLI_ID });
  assert.deepEqual(alerts.map((a) => a.alert.type).sort(), [
    'invoice_total_reached',
    'low_remaining_commit_balance_reached',
    'low_remaining_days_for_commit_segment_reached',
    'spend_threshold_reached',
  ]);
});

test('a low commit balance alert is in alarm exactly when the prepaid commits in force hold no more than its threshold', async () => {
  for (const customerId of [HOOLI_ID, ACME_ID, INITECH_ID]) {
    const { alerts } = await allAlerts({ customer_id: customerId });
    const balances = await balancesOf(customerId);
    for (const { alert, customer_status } of alerts.filter((a) => a.alert.type === 'low_remaining_commit_balance_reached')) {
      const held = balances
        .filter((b) => b.type === 'PREPAID' && b.access_schedule.credit_type.id === alert.credit_type.id)
        .filter((b) => b.access_schedule.schedule_items.some((s: any) => Date.parse(s.starting_at) <= NOW.getTime() && NOW.getTime() < Date.parse(s.ending_before)))
        .reduce((sum, b) => sum + micros(b.balance), 0);
      assert.equal(customer_status, held <= micros(alert.threshold) ? 'in_alarm' : 'ok', `${alert.name}: ${held / 1e6} held`);
    }
  }
});

test('spend and invoice total alerts agree with the current period\'s draft invoices', async () => {
  let seen = 0;
  for (const customerId of [HOOLI_ID, GLOBEX_ID, INITECH_ID]) {
    const { alerts } = await allAlerts({ customer_id: customerId });
    const lines = (await draftsOf(customerId)).flatMap((invoice) => invoice.line_items);
    for (const { alert, customer_status } of alerts) {
      const own = lines.filter((line: any) => line.credit_type.id === alert.credit_type?.id);
      const figure =
        alert.type === 'spend_threshold_reached' ? own.filter((l: any) => l.total > 0).reduce((s: number, l: any) => s + micros(l.total), 0)
        : alert.type === 'invoice_total_reached' ? own.reduce((s: number, l: any) => s + micros(l.total), 0)
        : undefined;
      if (figure === undefined) continue;
      seen++;
      assert.equal(customer_status, figure >= micros(alert.threshold) ? 'in_alarm' : 'ok', `${alert.name}: ${figure / 1e6}`);
    }
  }
  assert.ok(seen >= 5);
});

test('the demo customers have alerts in alarm, ok and still being evaluated', async () => {
  const statuses = new Set<string>();
  for (const customerId of [HOOLI_ID, ACME_ID, GLOBEX_ID, INITECH_ID]) {
    const { alerts } = await allAlerts({ customer_id: customerId });
    assert.ok(alerts.length > 0, customerId);
    for (const a of alerts) statuses.add(a.customer_status);
  }
  assert.deepEqual([...statuses].sort(), ['evaluating', 'in_alarm', 'ok']);
});

test('a missing or malformed customer, an empty or unknown status filter and a foreign cursor are 400s naming the field', async () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{}, '', /customer_id/],
    [{ customer_id: 'hooli' }, '', /customer_id.*uuid/],
    [{ customer_id: HOOLI_ID, alert_statuses: [] }, '', /alert_statuses/],
    [{ customer_id: HOOLI_ID, alert_statuses: ['paused'] }, '', /alert_statuses/],
    [{ customer_id: HOOLI_ID }, '?next_page=bm9wZQ', /next_page/],
  ];
  for (const [json, query, message] of cases) {
    const reply = await list(json, query);
    assert.equal(reply.status, 400, JSON.stringify(json));
    assert.match(reply.body.message, message);
  }
  const first = await list({ customer_id: HOOLI_ID });
  const foreign = await list({ customer_id: HOOLI_ID, alert_statuses: ['archived', 'enabled'] }, `?next_page=${first.body.next_page}`);
  assert.equal(foreign.status, 400, 'a cursor belongs to its status filter');
});

test('an unknown customer is a 404 and a request without the token a 401', async () => {
  assert.equal((await list({ customer_id: UNKNOWN })).status, 404);
  assert.equal((await call(app, 'POST', '/v1/customer-alerts/list', { json: { customer_id: HOOLI_ID }, authorization: null })).status, 401);
});
