import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AlertsResponse, ErrorBody } from '../../contract/index.ts';
import { fakeFetch, GPU, USD, type FakeHandler } from '../test/fake-metronome.ts';
import { authGet, METRONOME_TOKEN, testApp, type UpstreamCall } from '../test/harness.ts';

/** /api/alerts over hand-made Metronome answers: shapes real accounts send that the simulator does not. */

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const LIST = '/v1/customer-alerts/list';

let ids = 0;
function notification(type: string, customer_status: string | null, extra: Record<string, unknown> = {}) {
  return {
    customer_status,
    alert: { id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`, name: `${type} ${customer_status}`, type, status: 'enabled', credit_type: USD, threshold: 1000, updated_at: '2026-10-01T00:00:00Z', ...extra },
  };
}

/** Pages served by the cursor in the query; spend, balances and contracts empty unless given. */
async function alerts(pages: unknown[][], routes: Record<string, FakeHandler> = {}, calls: UpstreamCall[] = []) {
  const list: FakeHandler = (url) => {
    const index = Number(url.searchParams.get('next_page') ?? 0);
    return { data: pages[index] ?? [], next_page: index + 1 < pages.length ? String(index + 1) : null };
  };
  const empty = () => ({ data: [], next_page: null });
  const app = testApp({
    fetch: fakeFetch(
      {
        [LIST]: list,
        '/v2/contracts/list': empty,
        '/v1/contracts/customerBalances/list': empty,
        '/v1/contracts/customerBalances/getNetBalance': () => ({ data: { balance: 0 } }),
        '/v1/customers/{id}/invoices/breakdowns': empty,
        '/v1/customers/{id}/invoices': empty,
        ...routes,
      },
      calls,
    ),
  });
  const response = await authGet(app, '/api/alerts', CUSTOMER);
  return { status: response.status, body: (await response.json()) as AlertsResponse & ErrorBody };
}

describe('GET /api/alerts over hand-made Metronome answers', () => {
  it('follows the cursor through every page, asking for the session\'s own customer only', async () => {
    const calls: UpstreamCall[] = [];
    const pages = [[notification('spend_threshold_reached', 'ok')], [notification('spend_threshold_reached', 'ok')], [notification('invoice_total_reached', 'in_alarm')]];
    const { status, body } = await alerts(pages, {}, calls);
    assert.equal(status, 200);
    assert.equal(body.alerts.length, 3);
    const lists = calls.filter((c) => c.url.pathname === LIST);
    assert.deepEqual(lists.map((c) => c.url.searchParams.get('next_page')), [null, '1', '2']);
    assert.ok(lists.every((c) => (c.body as { customer_id: string }).customer_id === CUSTOMER));
  });

  it('keeps a type it does not know under Metronome\'s own name, with its threshold as a plain number when it has no credit type', async () => {
    const { body } = await alerts([[notification('low_seats_soon_reached', 'in_alarm', { credit_type: undefined, threshold: 3 }), notification('future_thing_reached', 'ok', { credit_type: GPU })]]);
    assert.deepEqual(
      body.alerts.map((a) => [a.kind, a.status, a.threshold, a.credit_type, a.current]),
      [
        ['low_seats_soon_reached', 'in_alarm', 3, null, null],
        ['future_thing_reached', 'ok', 1000, GPU, null],
      ],
    );
  });

  it('names every type Metronome documents by its kind, a percentage, days or seats with no credit type even when one is sent', async () => {
    const types = {
      low_remaining_commit_percentage_reached: 'low_commit_percentage',
      low_remaining_contract_credit_percentage_reached: 'low_credit_percentage',
      low_remaining_days_for_commit_segment_reached: 'commit_days_left',
      low_remaining_days_for_contract_credit_segment_reached: 'credit_days_left',
      low_remaining_seat_balance_reached: 'low_seat_balance',
    };
    const { body } = await alerts([Object.keys(types).map((type) => notification(type, 'ok', { credit_type: GPU, threshold: 20 }))]);
    assert.deepEqual(
      body.alerts.map((a) => [a.kind, a.threshold, a.credit_type, a.current]),
      Object.values(types).map((kind) => [kind, 20, null, null]),
    );
  });

  it('leaves out archived notifications (status archived or no customer status) and disabled ones', async () => {
    const { body } = await alerts([
      [
        notification('spend_threshold_reached', null, { status: 'archived' }),
        notification('spend_threshold_reached', null),
        notification('spend_threshold_reached', 'ok', { status: 'ARCHIVED' }),
        notification('spend_threshold_reached', 'in_alarm', { status: 'disabled' }),
        notification('spend_threshold_reached', 'evaluating', { name: 'kept' }),
      ],
    ]);
    assert.deepEqual(body.alerts.map((a) => a.name), ['kept']);
  });

  it('reads a money threshold without a credit type as USD cents, Metronome\'s default, and counts USD spend against it', async () => {
    const contract = { id: 'c1', starting_at: '2026-01-01T00:00:00Z', usage_statement_schedule: { frequency: 'MONTHLY', billing_anchor_date: '2026-01-01T00:00:00Z' } };
    const draft = {
      id: 'd1', type: 'USAGE', status: 'DRAFT', credit_type: USD, start_timestamp: '2026-11-01T00:00:00Z', end_timestamp: '2026-12-01T00:00:00Z', total: 700,
      line_items: [{ name: 'CPU', type: 'usage', credit_type: USD, total: 1250.5 }, { name: 'Commit', credit_type: USD, total: -550.5, commit_id: 'x' }],
    };
    const { body } = await alerts([[notification('spend_threshold_reached', 'in_alarm', { credit_type: null, threshold: 1000 }), notification('invoice_total_reached', 'ok', { credit_type: undefined })]], {
      '/v2/contracts/list': () => ({ data: [contract] }),
      '/v1/customers/{id}/invoices': () => ({ data: [draft], next_page: null }),
    });
    assert.deepEqual(body.alerts.map((a) => [a.kind, a.credit_type?.name, a.current]), [
      ['spend', 'USD (cents)', 1250.5],
      ['invoice_total', 'USD (cents)', 700],
    ]);
  });

  it('gives a low balance the remaining of commits or credits in force in the alert\'s credit type only', async () => {
    const item = (id: string, type: string, credit_type: typeof USD, balance: number) => ({
      id, type, name: id, priority: 1, product: { id: 'p', name: 'p' },
      access_schedule: { credit_type, schedule_items: [{ id: `${id}-s`, amount: 5000, starting_at: '2026-11-01T00:00:00Z', ending_before: '2027-11-01T00:00:00Z' }] },
      ledger: [], balance,
    });
    const { body } = await alerts(
      [[notification('low_remaining_commit_balance_reached', 'ok', { credit_type: GPU }), notification('low_remaining_contract_credit_and_commit_balance_reached', 'ok')]],
      { '/v1/contracts/customerBalances/list': () => ({ data: [item('a', 'PREPAID', GPU, 40), item('b', 'CREDIT', GPU, 7), item('c', 'PREPAID', USD, 300), item('d', 'CREDIT', USD, 25.5)], next_page: null }) },
    );
    assert.deepEqual(body.alerts.map((a) => [a.kind, a.current]), [['low_commit_balance', 40], ['low_balance', 325.5]]);
  });

  it('answers an empty list when the customer has no notifications, reading nothing else', async () => {
    const calls: UpstreamCall[] = [];
    const { status, body } = await alerts([[]], {}, calls);
    assert.equal(status, 200);
    assert.deepEqual(body.alerts, []);
    assert.deepEqual(calls.map((c) => c.url.pathname), [LIST]);
  });

  for (const [upstream, expected] of [[500, 502], [429, 503], [504, 504]] as const) {
    it(`answers ${expected} when Metronome answers ${upstream}, without its body`, async () => {
      const app = testApp({ fetch: async () => new Response(`boom ${METRONOME_TOKEN}`, { status: upstream }) });
      const response = await authGet(app, '/api/alerts', CUSTOMER);
      const text = await response.text();
      assert.equal(response.status, expected);
      assert.ok(!text.includes(METRONOME_TOKEN), text);
    });
  }
});
