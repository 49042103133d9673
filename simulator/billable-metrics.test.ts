import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID, METRIC_IDS } from './catalog.ts';
import { SIMULATOR_CUSTOMERS } from './index.ts';
import { call, simulator, usage } from './test-helpers.ts';

const app = simulator();
const list = (customerId: string, query = '') => call(app, 'GET', `/v1/customers/${customerId}/billable-metrics${query}`);

test('the simulator exposes its customers with fixed ids and names', () => {
  assert.deepEqual(SIMULATOR_CUSTOMERS, [
    { id: HOOLI_ID, name: 'Hooli AI' },
    { id: ACME_ID, name: 'Acme Robotics' },
    { id: GLOBEX_ID, name: 'Globex Analytics' },
    { id: INITECH_ID, name: 'Initech Cloud' },
  ]);
});

test("Acme's active billable metrics are listed with their group keys and aggregation", async () => {
  const reply = await list(ACME_ID);
  assert.equal(reply.status, 200);
  assert.equal(reply.body.next_page, null);
  assert.deepEqual(
    reply.body.data.map((m: any) => [m.id, m.name, m.group_keys, m.aggregation_type]),
    [
      [METRIC_IDS.cpuHours, 'CPU hours', [['region']], 'SUM'],
      [METRIC_IDS.apiRequests, 'API requests', [['endpoint']], 'COUNT'],
      [METRIC_IDS.storageGbHours, 'Storage GB-hours', [['tier']], 'SUM'],
    ],
  );
  const cpu = reply.body.data[0];
  assert.deepEqual(cpu.group_by, ['region']);
  assert.equal(cpu.aggregation_key, 'cpu_hours');
  assert.deepEqual(cpu.event_type_filter, { in_values: ['cpu_usage'] });
  assert.deepEqual(cpu.property_filters, [{ name: 'cpu_hours', exists: true }]);
  assert.equal('archived_at' in cpu, false);
});

test('archived metrics appear only with include_archived=true, carrying archived_at', async () => {
  const reply = await list(ACME_ID, '?include_archived=true');
  assert.equal(reply.body.data.length, 4);
  const legacy = reply.body.data.find((m: any) => m.id === METRIC_IDS.legacyBandwidth);
  assert.equal(legacy.archived_at, '2026-03-02T17:45:00Z');
  assert.equal((await list(ACME_ID, '?include_archived=false')).body.data.length, 3);
});

test('a compound group key is listed as is, and the deprecated group_by flattens all keys', async () => {
  const reply = await list(GLOBEX_ID);
  const [tokens, seats] = reply.body.data;
  assert.deepEqual(tokens.group_keys, [['model', 'region'], ['model']]);
  assert.deepEqual(tokens.group_by, ['model', 'region']);
  assert.deepEqual([seats.name, seats.group_keys, seats.group_by], ['Seats', [], []]);
});

test('on_current_plan is accepted and, without simulated plans, lists every active metric', async () => {
  assert.deepEqual((await list(ACME_ID, '?on_current_plan=true')).body, (await list(ACME_ID)).body);
});

test('listing pages with limit and next_page, and the pages join to the full list', async () => {
  const full = (await list(ACME_ID, '?include_archived=true')).body.data;
  const seen: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const reply = await list(ACME_ID, `?include_archived=true&limit=1${cursor ? `&next_page=${cursor}` : ''}`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.data.length, 1);
    seen.push(...reply.body.data);
    cursor = reply.body.next_page;
    pages++;
  } while (cursor !== null && pages < 10);
  assert.equal(pages, 4);
  assert.deepEqual(seen, full);
});

test('every listed metric can be queried for usage with each of its group keys', async () => {
  for (const customer of [ACME_ID, GLOBEX_ID]) {
    for (const metric of (await list(customer, '?include_archived=true')).body.data) {
      for (const group_key of [undefined, ...metric.group_keys]) {
        const reply = await usage(app, {
          customer_id: customer, billable_metric_id: metric.id, window_size: 'none',
          starting_on: '2026-06-01T00:00:00Z', ending_before: '2026-06-02T00:00:00Z', ...(group_key ? { group_key } : {}),
        });
        assert.equal(reply.status, 200, `${metric.name} ${JSON.stringify(group_key)}: ${reply.body.message}`);
        assert.ok(reply.body.data.length > 0);
      }
    }
  }
});
