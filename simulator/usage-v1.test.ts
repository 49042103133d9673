import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, CUSTOMERS, GLOBEX_ID, METRIC_IDS } from './catalog.ts';
import type { Reply } from './test-helpers.ts';
import { TOKEN, allUsage, simulator, sum } from './test-helpers.ts';
import { validateResponse } from '../spec/validate.ts';

const app = simulator();
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** Includes NOW (2026-06-15T10:30Z), so windows past the data horizon are compared too. */
const days = { window_size: 'day', starting_on: '2026-06-12T00:00:00Z', ending_before: '2026-06-17T00:00:00Z' };

interface Aggregate {
  customer_id: string;
  billable_metric_id: string;
  billable_metric_name: string;
  start_timestamp: string;
  end_timestamp: string;
  value: number | null;
  groups?: Record<string, number | null>;
}

/** POST /v1/usage; every answer is checked against the spec's getUsageBatch-v1. */
async function batch(payload: unknown, query = ''): Promise<Reply<{ data: Aggregate[]; next_page: string | null; message?: string }>> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const res = await app.request(`/v1/usage${query}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body });
  const json: any = await res.json();
  assert.deepEqual(validateResponse('POST', '/v1/usage', res.status, json), [], `POST /v1/usage → ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { status: res.status, body: json };
}

async function batchAll(payload: Record<string, unknown>): Promise<{ rows: Aggregate[]; pages: number }> {
  const rows: Aggregate[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const reply = await batch(payload, cursor === null ? '' : `?next_page=${cursor}`);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    rows.push(...reply.body.data);
    cursor = reply.body.next_page;
    pages++;
  } while (cursor !== null && pages < 100);
  return { rows, pages };
}

test('every value equals /v1/usage/groups for the same customer, metric and window, grouped or not', async () => {
  for (const customer of CUSTOMERS) {
    for (const metric of customer.metrics) {
      const key = metric.group_keys.find((k) => k.length === 1)?.[0];
      const request = { id: metric.id, ...(key ? { group_by: { key } } : {}) };
      const { rows } = await batchAll({ ...days, customer_ids: [customer.id], billable_metrics: [request] });
      const query = { ...days, customer_id: customer.id, billable_metric_id: metric.id };
      const totals = (await allUsage(app, query)).rows;
      assert.deepEqual(rows.map((r) => [r.start_timestamp, r.end_timestamp, r.value]), totals.map((r) => [r.starting_on, r.ending_before, r.value]), metric.name);
      // A metric whose every series never has events (Hooli's fine-tuning) is on the contract unused.
      const used = metric.series.some((series) => series.zeroChance < 1);
      assert.equal(sum(rows.map((r) => r.value ?? 0)) > 0, used, metric.name);
      if (!key) continue;
      const grouped = (await allUsage(app, { ...query, group_key: [key] })).rows.filter((r) => r.group_value !== null);
      const fromBatch = rows.flatMap((r) => Object.entries(r.groups ?? {}).map(([value, n]) => [r.start_timestamp, value, n]));
      assert.deepEqual(fromBatch, grouped.map((r) => [r.starting_on, r.group_value, r.value]), `${metric.name} by ${key}`);
    }
  }
});

test('with no filters, rows cover every active metric of every customer, customer by customer, windows ascending', async () => {
  const { rows, pages } = await batchAll({ ...days });
  const active = CUSTOMERS.flatMap((c) => c.metrics.filter((m) => m.archived_at === undefined).map((m) => [c.id, m.id, m.name]));
  assert.equal(rows.length, active.length * 5);
  assert.equal(pages, 1);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    assert.deepEqual([row.customer_id, row.billable_metric_id, row.billable_metric_name], active[Math.floor(i / 5)]);
    assert.equal(row.start_timestamp, `2026-06-${12 + (i % 5)}T00:00:00Z`);
    assert.equal('groups' in row, false);
  }
  assert.ok(!rows.some((r) => r.billable_metric_id === METRIC_IDS.legacyBandwidth), 'archived metrics only when asked for');
});

test('an archived metric is returned when billable_metrics names it', async () => {
  const { rows } = await batchAll({ ...days, billable_metrics: [{ id: METRIC_IDS.legacyBandwidth }] });
  assert.deepEqual([...new Set(rows.map((r) => `${r.customer_id} ${r.billable_metric_name}`))], [`${ACME_ID} Legacy bandwidth GB`]);
});

test('long results page by 100 rows, and the pages join to the per-customer results', async () => {
  const month = { window_size: 'day', starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-05-21T00:00:00Z' };
  const first = await batch(month);
  assert.equal(first.body.data.length, 100);
  assert.equal(typeof first.body.next_page, 'string');
  const { rows, pages } = await batchAll(month);
  const active = CUSTOMERS.flatMap((c) => c.metrics.filter((m) => m.archived_at === undefined));
  assert.equal(rows.length, active.length * 20);
  assert.equal(pages, Math.ceil(rows.length / 100));
  const perCustomer = [];
  for (const { id } of CUSTOMERS) perCustomer.push(...(await batchAll({ ...month, customer_ids: [id] })).rows);
  assert.deepEqual(rows, perCustomer);
});

test('group_by values pick the groups, a value no event carries is null, and value stays the whole metric', async () => {
  const cpu = { id: METRIC_IDS.cpuHours, group_by: { key: 'region', values: ['eu-west-1', 'us-east-1', 'mars-north-1'] } };
  const { rows } = await batchAll({ ...days, customer_ids: [ACME_ID], billable_metrics: [cpu] });
  const whole = (await batchAll({ ...days, customer_ids: [ACME_ID], billable_metrics: [{ id: METRIC_IDS.cpuHours }] })).rows;
  assert.equal(rows.length, 5);
  for (const [i, row] of rows.entries()) {
    assert.deepEqual(Object.keys(row.groups ?? {}), ['eu-west-1', 'us-east-1', 'mars-north-1']);
    assert.equal(row.groups?.['mars-north-1'], null);
    assert.equal(row.value, whole[i]!.value);
  }
  assert.ok(rows[0]!.groups!['us-east-1']! > rows[0]!.groups!['eu-west-1']!);
});

test('group_by without values lists every value seen in events, in catalog order; events without one count in value only', async () => {
  const may = { window_size: 'none', starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-06-01T00:00:00Z' };
  const { rows } = await batchAll({ ...may, customer_ids: [ACME_ID], billable_metrics: [{ id: METRIC_IDS.apiRequests, group_by: { key: 'endpoint' } }] });
  assert.equal(rows.length, 1);
  const { value, groups } = rows[0]!;
  assert.deepEqual(Object.keys(groups!), ['/v1/orders', '/v1/inventory', '/v1/auth/token', '/v1/reports', '/v1/webhooks/replay']);
  const missing = (await allUsage(app, { ...may, customer_id: ACME_ID, billable_metric_id: METRIC_IDS.apiRequests, group_key: ['endpoint'] })).rows.find((r) => r.group_value === null);
  assert.ok(missing && missing.value > 0);
  assert.equal(value, sum(Object.values(groups!).map((v) => v ?? 0)) + missing.value);
});

test('window_size none gives one aggregate per customer and metric over the whole range', async () => {
  const { rows } = await batchAll({ ...days, window_size: 'NONE', customer_ids: [GLOBEX_ID] });
  assert.deepEqual(rows.map((r) => [r.billable_metric_name, r.start_timestamp, r.end_timestamp]), [
    ['Model tokens', days.starting_on, days.ending_before],
    ['Seats', days.starting_on, days.ending_before],
  ]);
});

test('an empty customer_ids selects no one', async () => {
  const reply = await batch({ ...days, customer_ids: [] });
  assert.deepEqual([reply.status, reply.body.data, reply.body.next_page], [200, [], null]);
});

test('unknown customers and metrics are a 404 naming them', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...days, customer_ids: [ACME_ID, UNKNOWN_ID] }, `Customer not found: ${UNKNOWN_ID}`],
    [{ ...days, billable_metrics: [{ id: UNKNOWN_ID }] }, `Billable metric not found: ${UNKNOWN_ID}`],
    [{ ...days, customer_ids: [ACME_ID], billable_metrics: [{ id: METRIC_IDS.seats }] }, `Billable metric not found: ${METRIC_IDS.seats}`],
  ];
  for (const [payload, message] of cases) {
    const reply = await batch(payload);
    assert.equal(reply.status, 404);
    assert.equal(reply.body.message, message);
  }
});

const bad: Array<[string, unknown, RegExp, string?]> = [
  ['a body that is not JSON', '{"window_size":', /^Request body must be valid JSON$/],
  ['no window_size', { ...days, window_size: undefined }, /body: missing required property "window_size"/],
  ['no ending_before', { ...days, ending_before: undefined }, /body: missing required property "ending_before"/],
  ['a customer id that is not a uuid', { ...days, customer_ids: ['acme'] }, /body\.customer_ids\[0\]: must be a uuid/],
  ['an empty group_by values list', { ...days, billable_metrics: [{ id: METRIC_IDS.cpuHours, group_by: { key: 'region', values: [] } }] }, /must have at least 1 item/],
  ['a day window not starting at midnight UTC', { ...days, starting_on: '2026-06-12T05:00:00Z' }, /^starting_on must be at midnight UTC when window_size is day$/],
  ['an unaligned range that selects no one', { ...days, customer_ids: [], ending_before: '2026-06-12T00:30:00Z' }, /^ending_before must be at midnight UTC when window_size is day$/],
  ['a group_by key the metric does not define', { ...days, billable_metrics: [{ id: METRIC_IDS.cpuHours, group_by: { key: 'zone' } }] }, /^group_by key "zone" is not a single-key group key of billable metric "CPU hours"$/],
  ['a group_by key that is only part of a compound key', { ...days, billable_metrics: [{ id: METRIC_IDS.modelTokens, group_by: { key: 'region' } }] }, /^group_by key "region" is not a single-key group key of billable metric "Model tokens"$/],
  ['the same metric twice', { ...days, billable_metrics: [{ id: METRIC_IDS.seats }, { id: METRIC_IDS.seats }] }, /^billable_metrics must not list a metric twice$/],
  ['a next_page cursor that is not one of ours', days, /^Invalid next_page/, '?next_page=garbage'],
];

for (const [what, payload, message, query] of bad) {
  test(`batch usage with ${what} is a 400 explaining why`, async () => {
    const reply = await batch(payload, query);
    assert.equal(reply.status, 400, JSON.stringify(reply.body));
    assert.match(reply.body.message ?? '', message);
  });
}

test('a next_page cursor from one batch query is a 400 on another', async () => {
  const month = { window_size: 'day', starting_on: '2026-05-01T00:00:00Z', ending_before: '2026-05-21T00:00:00Z' };
  const first = await batch(month);
  assert.ok(first.body.next_page);
  const reused = await batch({ ...month, ending_before: '2026-05-22T00:00:00Z' }, `?next_page=${first.body.next_page}`);
  assert.equal(reused.status, 400);
  assert.match(reused.body.message ?? '', /^Invalid next_page/);
});
