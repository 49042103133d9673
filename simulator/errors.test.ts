import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACME_ID, GLOBEX_ID, METRIC_IDS } from './catalog.ts';
import { call, simulator, usage } from './test-helpers.ts';

const app = simulator();
const cpu = { customer_id: ACME_ID, billable_metric_id: METRIC_IDS.cpuHours, window_size: 'day', starting_on: '2026-06-01T00:00:00Z', ending_before: '2026-06-03T00:00:00Z' };
const tokens = { ...cpu, customer_id: GLOBEX_ID, billable_metric_id: METRIC_IDS.modelTokens };
const metricsUrl = `/v1/customers/${ACME_ID}/billable-metrics`;

test('requests without an Authorization header are rejected with 401 Unauthorized', async () => {
  for (const [method, url] of [['POST', '/v1/usage/groups'], ['GET', metricsUrl], ['GET', '/v1/nope']] as const) {
    const reply = await call(app, method, url, { json: method === 'POST' ? cpu : undefined, authorization: null });
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.body, { message: 'Unauthorized' });
  }
});

test('a wrong token or a non-bearer scheme is rejected with 401 Unauthorized', async () => {
  for (const authorization of ['Bearer wrong', 'Basic c2ltLXRlc3QtdG9rZW4=', 'sim-test-token', 'Bearer ']) {
    const reply = await call(app, 'GET', metricsUrl, { authorization });
    assert.equal(reply.status, 401, authorization);
    assert.deepEqual(reply.body, { message: 'Unauthorized' });
  }
});

test('the configured bearer token is accepted', async () => {
  assert.equal((await call(app, 'GET', metricsUrl)).status, 200);
  assert.equal((await usage(app, cpu)).status, 200);
});

test('unknown paths and methods answer 404 with a message', async () => {
  for (const [method, url] of [['GET', '/v1/nope'], ['GET', '/v1/usage/groups'], ['POST', '/v2/usage/groups'], ['GET', '/']] as const) {
    const reply = await call(app, method, url);
    assert.equal(reply.status, 404, `${method} ${url}`);
    assert.match(reply.body.message, /^Not found/);
  }
});

test('usage for an unknown customer or billable metric is a 404', async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ ...cpu, customer_id: '00000000-0000-4000-8000-000000000000' }, /^Customer not found$/],
    [{ ...cpu, billable_metric_id: '00000000-0000-4000-8000-000000000000' }, /^Billable metric not found$/],
    [{ ...cpu, billable_metric_id: METRIC_IDS.modelTokens }, /^Billable metric not found$/], // Globex's metric, Acme's id
  ];
  for (const [payload, message] of cases) {
    const reply = await usage(app, payload);
    assert.equal(reply.status, 404);
    assert.match(reply.body.message ?? '', message);
  }
});

test('billable metrics of an unknown customer are a 404', async () => {
  const reply = await call(app, 'GET', '/v1/customers/00000000-0000-4000-8000-000000000000/billable-metrics');
  assert.equal(reply.status, 404);
  assert.equal(reply.body.message, 'Customer not found');
});

const badUsage: Array<[string, Record<string, unknown> | string, RegExp, string?]> = [
  ['a body that is not JSON', '{"customer_id":', /^Request body must be valid JSON$/],
  ['an empty body', '', /^Request body must be valid JSON$/],
  ['a missing required field', { ...cpu, customer_id: undefined }, /body: missing required property "customer_id"/],
  ['a customer_id that is not a uuid', { ...cpu, customer_id: 'acme' }, /body\.customer_id: must be a uuid/],
  ['a window_size outside the enum', { ...cpu, window_size: 'week' }, /body\.window_size: must be one of "hour", "day", "none"/],
  ['a window_size in an unsupported casing', { ...cpu, window_size: 'dAY' }, /body\.window_size: must be one of/],
  ['a date that is not RFC 3339', { ...cpu, starting_on: '2026-06-01' }, /body\.starting_on: must be an RFC 3339 date-time/],
  ['an impossible calendar date', { ...cpu, ending_before: '2026-02-30T00:00:00Z' }, /body\.ending_before: must be an RFC 3339 date-time/],
  ['starting_on equal to ending_before', { ...cpu, ending_before: cpu.starting_on }, /^starting_on must be before ending_before$/],
  ['starting_on after ending_before', { ...cpu, starting_on: '2026-06-05T00:00:00Z' }, /^starting_on must be before ending_before$/],
  ['missing starting_on without current_period', { ...cpu, starting_on: undefined }, /^starting_on and ending_before are required unless current_period is true$/],
  ['current_period with explicit dates', { ...cpu, current_period: true }, /^starting_on and ending_before cannot be specified when current_period is true$/],
  ['a day window not starting at midnight UTC', { ...cpu, starting_on: '2026-06-01T05:00:00Z' }, /^starting_on must be at midnight UTC when window_size is day$/],
  ['an hour window ending mid-hour', { ...cpu, window_size: 'hour', ending_before: '2026-06-02T00:30:00Z' }, /^ending_before must be at the start of a UTC hour$/],
  ['a group_key the metric does not define', { ...cpu, group_key: ['zone'] }, /^group_key \["zone"\] is not a group key of billable metric "CPU hours"/],
  ['part of a compound group key', { ...tokens, group_key: ['region'] }, /^group_key \["region"\] is not a group key of billable metric "Model tokens" \(compound keys must match exactly/],
  ['a group_key on a metric without group keys', { ...tokens, billable_metric_id: METRIC_IDS.seats, group_key: ['model'] }, /defined: none\)$/],
  ['a repeated group_key', { ...cpu, group_key: ['region', 'region'] }, /^group_key must not repeat keys/],
  ['an empty group_key', { ...cpu, group_key: [] }, /body\.group_key: must have at least 1 item/],
  ['group_by together with group_key', { ...cpu, group_key: ['region'], group_by: { key: 'region' } }, /^group_by cannot be used together with group_key$/],
  ['group_by on an undefined key', { ...cpu, group_by: { key: 'zone' } }, /^group_key \["zone"\] is not a group key/],
  ['group_filters without group_key', { ...cpu, group_filters: { region: ['us-east-1'] } }, /^group_filters requires group_key$/],
  ['a group_filters key outside group_key', { ...tokens, group_key: ['model'], group_filters: { region: ['us-east-1'] } }, /^group_filters key "region" is not in group_key$/],
  ['limit 0', cpu, /^limit must be an integer between 1 and 100/, '?limit=0'],
  ['limit 101', cpu, /^limit must be an integer between 1 and 100/, '?limit=101'],
  ['a non-numeric limit', cpu, /^limit must be an integer between 1 and 100/, '?limit=ten'],
  ['a next_page cursor that is not one of ours', cpu, /^Invalid next_page/, '?next_page=garbage'],
];

for (const [what, payload, message, query] of badUsage) {
  test(`usage with ${what} is a 400 explaining why`, async () => {
    const init = typeof payload === 'string' ? { rawBody: payload } : { json: payload };
    const reply = await call(app, 'POST', `/v1/usage/groups${query ?? ''}`, init);
    assert.equal(reply.status, 400, JSON.stringify(reply.body));
    assert.match(reply.body.message, message);
  });
}

test('a next_page cursor issued for one usage query is a 400 on another', async () => {
  const first = await usage(app, { ...cpu, group_key: ['region'] }, '?limit=2');
  assert.equal(first.status, 200);
  assert.ok(first.body.next_page);
  const reused = await usage(app, { ...cpu, group_key: ['region'], group_filters: { region: ['us-east-1'] } }, `?limit=2&next_page=${first.body.next_page}`);
  assert.equal(reused.status, 400);
  assert.match(reused.body.message ?? '', /^Invalid next_page/);
});

const badList: Array<[string, string, RegExp]> = [
  ['a customer_id that is not a uuid', '/v1/customers/acme/billable-metrics', /^customer_id must be a uuid/],
  ['limit 0', `${metricsUrl}?limit=0`, /^limit must be an integer between 1 and 100/],
  ['limit 101', `${metricsUrl}?limit=101`, /^limit must be an integer between 1 and 100/],
  ['include_archived that is not a boolean', `${metricsUrl}?include_archived=yes`, /^include_archived must be true or false/],
  ['on_current_plan that is not a boolean', `${metricsUrl}?on_current_plan=1`, /^on_current_plan must be true or false/],
  ['a bad next_page cursor', `${metricsUrl}?next_page=abc`, /^Invalid next_page/],
];

for (const [what, url, message] of badList) {
  test(`listing billable metrics with ${what} is a 400 explaining why`, async () => {
    const reply = await call(app, 'GET', url);
    assert.equal(reply.status, 400);
    assert.match(reply.body.message, message);
  });
}
