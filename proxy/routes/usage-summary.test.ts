import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ErrorBody, SpendResponse, UsageSummaryResponse } from '../../contract/index.ts';
import { HOOLI_ID, SIMULATOR_CUSTOMERS } from '../../simulator/index.ts';
import { breakdown, fakeFetch, GPU, PRODUCT, usageLine } from '../test/fake-metronome.ts';
import { authGet, METRONOME_TOKEN, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

/** /api/usage/summary on the simulator and on hand-made Metronome answers (the harness's clock: 2026-11-25T10:30Z). */

type Body = UsageSummaryResponse & ErrorBody;

async function summary(query: string, app = testApp(), customer = HOOLI_ID) {
  const response = await authGet(app, `/api/usage/summary${query}`, customer);
  return { status: response.status, body: (await response.json()) as Body };
}

describe('GET /api/usage/summary on the simulator', () => {
  it('lists every billable metric of the current billing period, biggest spend first, metrics without spend after by quantity', async () => {
    const { status, body } = await summary('');
    assert.equal(status, 200);
    assert.equal(body.starting_on, '2026-11-01T00:00:00.000Z');
    assert.equal(body.ending_before, '2026-12-01T00:00:00.000Z');
    assert.equal(body.through, '2026-11-25T10:30:00.000Z');
    const customer = (await (await authGet(testApp(), '/api/customer', HOOLI_ID)).json()) as { billable_metrics: Array<{ id: string }> };
    assert.deepEqual(body.metrics.map((m) => m.billable_metric.id).sort(), customer.billable_metrics.map((m) => m.id).sort());
    const priced = body.metrics.filter((m) => m.spend.length);
    assert.ok(priced.length >= 2, 'the demo customer has priced metrics');
    assert.deepEqual(body.metrics.slice(0, priced.length), priced, 'priced metrics come first');
    const usd = priced.filter((m) => m.spend[0]!.credit_type.name === 'USD (cents)').map((m) => m.spend[0]!.amount);
    assert.deepEqual(usd, [...usd].sort((a, b) => b - a));
    for (const metric of body.metrics) {
      assert.equal(metric.daily.length, 25, 'a value per day through today');
      assert.equal(metric.total, metric.daily.reduce((sum, v) => sum + v, 0));
    }
  });

  it('compares with the previous billing period over the same elapsed time, to the hour', async () => {
    const { body } = await summary('');
    assert.deepEqual(body.compared_with, { starting_on: '2026-10-01T00:00:00.000Z', ending_before: '2026-10-25T10:30:00.000Z' });
    assert.ok(body.metrics.some((m) => m.previous_total! > 0));
  });

  it('makes the same Metronome calls as the usage chart and the spend chart of the current period, so a page with all three asks once', async () => {
    const calls: UpstreamCall[] = [];
    const app = testApp({ fetch: simulatorFetch(calls) });
    const { body } = await summary('', app);
    const key = (call: UpstreamCall) => `${call.method} ${call.url.pathname}?${call.url.searchParams} ${JSON.stringify(call.body)}`;
    const summaryCalls = new Set(calls.map(key));
    calls.length = 0;
    const metric = body.metrics[0]!.billable_metric.id;
    await authGet(testApp({ fetch: simulatorFetch(calls) }), `/api/usage?billable_metric_id=${metric}&current_period=true&compare=previous`, HOOLI_ID);
    await authGet(testApp({ fetch: simulatorFetch(calls) }), `/api/spend?starting_on=${body.starting_on}&ending_before=${body.ending_before}`, HOOLI_ID);
    const missing = calls.map(key).filter((call) => !summaryCalls.has(call));
    assert.deepEqual(missing, []);
  });

  for (const customer of SIMULATOR_CUSTOMERS) {
    it(`adds its metrics' spend up to the spend chart's total of the same period, per credit type, for ${customer.name}`, async () => {
      const { body } = await summary('', testApp(), customer.id);
      const spend = (await (await authGet(testApp(), `/api/spend?starting_on=${body.starting_on}&ending_before=${body.ending_before}`, customer.id)).json()) as SpendResponse;
      const micros = (v: number) => Math.round(v * 1e6);
      const summed = new Map<string, number>();
      for (const m of body.metrics) for (const s of m.spend) summed.set(s.credit_type.name, (summed.get(s.credit_type.name) ?? 0) + micros(s.amount));
      for (const entry of spend.credit_types) assert.equal(summed.get(entry.credit_type.name) ?? 0, micros(entry.total), entry.credit_type.name);
    });
  }

  it('summarises a requested range, compared with as long just before it', async () => {
    const { status, body } = await summary('?starting_on=2026-11-10&ending_before=2026-11-17');
    assert.equal(status, 200);
    assert.equal(body.through, undefined);
    assert.deepEqual(body.compared_with, { starting_on: '2026-11-03T00:00:00.000Z', ending_before: '2026-11-10T00:00:00.000Z' });
    assert.ok(body.metrics.every((m) => m.daily.length === 7));
  });

  it('answers 401 without a session', async () => {
    assert.equal((await testApp().request('/api/usage/summary')).status, 401);
  });

  for (const [query, field] of [
    ['?starting_on=2026-11-31&ending_before=2026-12-02', 'starting_on'],
    ['?starting_on=2026-11-01', 'ending_before'],
    ['?starting_on=2026-11-05&ending_before=2026-11-01', 'ending_before'],
    ['?current_period=true&starting_on=2026-11-01', 'current_period'],
    ['?current_period=yes', 'current_period'],
    ['?starting_on=2020-01-01&ending_before=2026-11-01', 'ending_before'],
  ] as const) {
    it(`answers 400 naming ${field} for ${query}, before any upstream call`, async () => {
      const calls: UpstreamCall[] = [];
      const { status, body } = await summary(query, testApp({ fetch: simulatorFetch(calls) }));
      assert.equal(status, 400);
      assert.ok(body.error.message.startsWith(`${field}:`), body.error.message);
      assert.equal(calls.length, 0);
    });
  }

  it('answers 502 with a plain message when Metronome fails, leaking neither its body nor the token', async () => {
    const failing: typeof fetch = async () => new Response(JSON.stringify({ message: `boom; Bearer ${METRONOME_TOKEN}` }), { status: 500 });
    const response = await authGet(testApp({ fetch: failing }), '/api/usage/summary', HOOLI_ID);
    const text = await response.text();
    assert.equal(response.status, 502);
    assert.equal((JSON.parse(text) as ErrorBody).error.code, 'upstream_error');
    assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('boom'));
  });
});

const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
const TOKENS = '0a1b2c3d-0000-4000-8000-00000000000a';
const SEATS = '0a1b2c3d-0000-4000-8000-00000000000b';
const IDLE = '0a1b2c3d-0000-4000-8000-00000000000c';
const CREDITS = '0a1b2c3d-0000-4000-8000-00000000000d';
const GPU_PRODUCT = '9f2c6a1e-3b7d-4e95-a0c4-1d9e7b3f5a62';
const DAY = 86_400_000;
const CONTRACT = { id: 'k', starting_at: '2026-10-01T00:00:00Z', usage_statement_schedule: { billing_anchor_date: '2026-10-01T00:00:00Z', frequency: 'MONTHLY' } };

/** Daily aggregates of `value` on each day of [from, to). */
const days = (from: string, to: string, value: number) =>
  Array.from({ length: (Date.parse(to) - Date.parse(from)) / DAY }, (_, i) => {
    const start = Date.parse(from) + i * DAY;
    return { starting_on: new Date(start).toISOString(), ending_before: new Date(start + DAY).toISOString(), value };
  });

/**
 * A customer with tokens (priced in USD, with a unit), seats (unpriced, more usage than idle), idle (no
 * usage at all) and credits-priced GPU time; usage answered two aggregates a page, metrics one a page.
 */
function handMade(calls: UpstreamCall[] = []) {
  const metrics = [
    { id: SEATS, name: 'Seats' },
    { id: TOKENS, name: 'Tokens', custom_fields: { unit: ' tokens ' } },
    { id: IDLE, name: 'Idle' },
    { id: CREDITS, name: 'GPU time', custom_fields: { unit: '' } },
  ];
  const usageOf: Record<string, (from: string) => unknown[]> = {
    [TOKENS]: (from) => (from.startsWith('2026-11') ? days('2026-11-01', '2026-11-26', 4) : days('2026-10-01', '2026-11-01', 10)),
    [SEATS]: (from) => (from.startsWith('2026-11') ? days('2026-11-01', '2026-11-26', 2) : []),
    [IDLE]: () => [],
    [CREDITS]: (from) => (from.startsWith('2026-11') ? days('2026-11-01', '2026-11-26', 1) : []),
  };
  return testApp({
    fetch: fakeFetch(
      {
        '/v1/customers/{id}/billable-metrics': (url) => {
          const index = Number(url.searchParams.get('next_page') ?? 0);
          return { data: [metrics[index]], next_page: index + 1 < metrics.length ? String(index + 1) : null };
        },
        '/v2/contracts/list': () => ({ data: [CONTRACT] }),
        '/v1/usage/groups': (url, body) => {
          const { billable_metric_id: metric, starting_on: from } = body as { billable_metric_id: string; starting_on: string };
          const all = usageOf[metric]!(from);
          const index = Number(url.searchParams.get('next_page') ?? 0);
          return { data: all.slice(index, index + 2), next_page: index + 2 < all.length ? String(index + 2) : null };
        },
        '/v1/customers/{id}/invoices/breakdowns': (url) =>
          url.searchParams.get('next_page')
            ? { data: [breakdown('2026-11-02', [usageLine('Tokens', 700)])], next_page: null }
            : {
                data: [
                  breakdown('2026-11-01', [usageLine('Tokens', 500), usageLine('GPU', 30, { product_id: GPU_PRODUCT }, GPU), usageLine('Tokens', -200)]),
                  breakdown('2026-11-01', [usageLine('Tokens', 9000)], { status: 'VOID' }),
                ],
                next_page: '1',
              },
        '/v1/contract-pricing/products/get': (_url, body) => {
          const id = (body as { id: string }).id;
          return { data: { id, type: 'USAGE', current: { name: id, billable_metric_id: id === PRODUCT ? TOKENS : CREDITS }, initial: {}, updates: [] } };
        },
      },
      calls,
    ),
  });
}

describe('GET /api/usage/summary over hand-made Metronome answers', () => {
  it('reads every page: metrics, usage and breakdowns', async () => {
    const { status, body } = await summary('', handMade(), CUSTOMER);
    assert.equal(status, 200);
    assert.equal(body.metrics.length, 4);
    const tokens = body.metrics.find((m) => m.billable_metric.id === TOKENS)!;
    assert.equal(tokens.total, 100);
    assert.deepEqual(tokens.spend, [{ credit_type: { id: '2714e483-4ff1-48e4-9e25-ac732e8f24f2', name: 'USD (cents)' }, amount: 1200 }]);
  });

  it('orders USD spend first, then other credit types, then unpriced metrics by quantity', async () => {
    const { body } = await summary('', handMade(), CUSTOMER);
    assert.deepEqual(body.metrics.map((m) => m.billable_metric.name), ['Tokens', 'GPU time', 'Seats', 'Idle']);
    assert.deepEqual(body.metrics[1]!.spend, [{ credit_type: GPU, amount: 30 }]);
  });

  it('answers a metric without usage with zeros, a metric without spend with no spend, and a unit only when the metric names one', async () => {
    const { body } = await summary('', handMade(), CUSTOMER);
    const byName = Object.fromEntries(body.metrics.map((m) => [m.billable_metric.name, m]));
    assert.deepEqual(byName.Idle!.daily, Array(25).fill(0));
    assert.equal(byName.Idle!.total, 0);
    assert.deepEqual(byName.Seats!.spend, []);
    assert.equal(byName.Tokens!.unit, 'tokens');
    assert.equal(byName['GPU time']!.unit, null);
    assert.equal(byName.Seats!.unit, null);
  });

  it('counts the previous period for as long as this one has run, its last partial day pro rata', async () => {
    const { body } = await summary('', handMade(), CUSTOMER);
    const tokens = body.metrics.find((m) => m.billable_metric.id === TOKENS)!;
    // 24 whole days of 10, then 10.5 of the 25th day's 24 hours.
    assert.equal(tokens.previous_total, 240 + 10 * (10.5 / 24));
    assert.equal(body.metrics.find((m) => m.billable_metric.id === SEATS)!.previous_total, 0);
  });

  it('answers 400 naming current_period for a customer without a contract in force', async () => {
    const app = testApp({ fetch: fakeFetch({ '/v1/customers/{id}/billable-metrics': () => ({ data: [], next_page: null }), '/v2/contracts/list': () => ({ data: [] }) }) });
    const { status, body } = await summary('', app, CUSTOMER);
    assert.equal(status, 400);
    assert.match(body.error.message, /^current_period:/);
  });
});
