import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID, HOOLI_ID, INITECH_ID } from '../../simulator/index.ts';
import type { BalancesResponse, ErrorBody, SpendResponse, SpendSummaryResponse } from '../../contract/index.ts';
import { toMicros } from '../money.ts';
import { bareApplication, breakdown, fakeFetch, GPU, usageLine, USD } from '../test/fake-metronome.ts';
import { authGet, METRONOME_TOKEN, NOW, testApp, type UpstreamCall } from '../test/harness.ts';

async function summary(customerId = ACME_ID, app = testApp()) {
  const response = await authGet(app, '/api/spend/summary', customerId);
  return { status: response.status, body: (await response.json()) as SpendSummaryResponse & ErrorBody };
}

async function spendTotal(query: string, customerId = ACME_ID, index = 0) {
  const body = (await (await authGet(testApp(), `/api/spend?${query}`, customerId)).json()) as SpendResponse;
  return body.credit_types[index]!;
}

/** The ledger's reading of the same customer, which the projection must agree with. */
const balancesOf = async (customerId: string) => (await (await authGet(testApp(), '/api/balances', customerId)).json()) as BalancesResponse;

describe('GET /api/spend/summary over the simulator', () => {
  it('reads the current period from the draft invoice, with days left from now (the harness clock is Nov 25, 10:30)', async () => {
    const { status, body } = await summary();
    assert.equal(status, 200);
    assert.deepEqual(body.period, { starting_on: '2026-11-01T00:00:00.000Z', ending_before: '2026-12-01T00:00:00.000Z' });
    assert.equal(body.days_left, 5.5625);
    const usd = body.credit_types[0]!;
    assert.equal(usd.credit_type.name, 'USD (cents)');
    // The draft holds every hour so far, as do the breakdowns from the period start through today.
    const soFar = await spendTotal('starting_on=2026-11-01&ending_before=2026-11-26');
    assert.equal(usd.spend_to_date, soFar.total);
    assert.equal(usd.credits_applied, soFar.credits_applied);
    assert.equal(toMicros(usd.net), toMicros(usd.spend_to_date) + toMicros(usd.credits_applied));
    assert.equal(usd.net, 0, 'Acme\'s commit and credits cover everything so far');
  });

  it('projects at the average daily spend of the last 7 whole days, the rest covered by Acme\'s commit as the ledger says it lasts past the period', async () => {
    const usd = (await summary()).body.credit_types[0]!;
    const week = await spendTotal('starting_on=2026-11-18&ending_before=2026-11-25');
    const expected = toMicros(usd.spend_to_date) + Math.round((toMicros(week.total) / 7) * 5.5625);
    assert.equal(usd.projection!.method, 'at the average daily spend of the last 7 days');
    assert.equal(toMicros(usd.projection!.spend), expected);
    const commit = (await balancesOf(ACME_ID)).items.find((i) => i.name === 'Platform prepaid commit')!;
    assert.ok(commit.runway.runs_out_at! > '2026-12-01T00:00:00.000Z', 'the ledger says the commit outlasts the period');
    assert.deepEqual([usd.projection!.covered, usd.projection!.net, toMicros(usd.projection!.credits)], [true, 0, -expected]);
  });

  it('counts on a prepaid commit only at its runway rate and until it runs out: Hooli\'s GPU commit pays part of the rest, the minimum none', async () => {
    const { body } = await summary(HOOLI_ID);
    const usd = body.credit_types[0]!;
    const gpu = (await balancesOf(HOOLI_ID)).items.find((i) => i.name === 'GPU prepaid commit')!;
    const draws = Math.round(toMicros(gpu.runway.burn_per_day) * 5.5625);
    assert.ok(draws < toMicros(gpu.remaining));
    assert.equal(toMicros(usd.projection!.credits), toMicros(usd.credits_applied) - draws);
    assert.equal(toMicros(usd.projection!.net), toMicros(usd.projection!.spend) + toMicros(usd.projection!.credits));
    assert.equal(usd.projection!.covered, false);
  });

  it('compares with the previous period\'s finalized invoice at the same elapsed hour', async () => {
    const usd = (await summary()).body.credit_types[0]!;
    const october = await spendTotal('starting_on=2026-10-01&ending_before=2026-10-25T10:00:00Z&window_size=hour');
    assert.deepEqual(usd.previous, { spend_to_date: october.total, net: october.net });
    assert.ok(october.total > 0);
  });

  it('gives Initech a USD and a GPU credits entry, and Globex (billed from the 15th) its own period', async () => {
    const initech = (await summary(INITECH_ID)).body;
    assert.deepEqual(initech.credit_types.map((t) => t.credit_type.name), ['USD (cents)', 'GPU credits']);
    const gpu = initech.credit_types[1]!;
    assert.equal(gpu.spend_to_date, (await spendTotal('starting_on=2026-11-01&ending_before=2026-11-26', INITECH_ID, 1)).total);
    assert.ok(gpu.projection!.spend > gpu.spend_to_date);
    const globex = (await summary(GLOBEX_ID)).body;
    assert.equal(globex.period!.starting_on, '2026-11-15T00:00:00.000Z');
    assert.equal(globex.days_left, 19.5625);
    assert.equal(globex.credit_types[0]!.credits_applied, 0);
    assert.equal(globex.credit_types[0]!.net, globex.credit_types[0]!.spend_to_date);
  });

  it('answers 401 without a session', async () => {
    assert.equal((await testApp().request('/api/spend/summary')).status, 401);
  });

  it('answers 502 with a plain message when Metronome fails', async () => {
    const failing: typeof fetch = async () => new Response(JSON.stringify({ message: `boom ${METRONOME_TOKEN}` }), { status: 500 });
    const response = await authGet(testApp({ fetch: failing }), '/api/spend/summary', ACME_ID);
    const text = await response.text();
    assert.equal(response.status, 502);
    assert.ok(!text.includes('boom') && !text.includes(METRONOME_TOKEN));
  });
});

describe('GET /api/spend/summary over hand-made Metronome answers', () => {
  const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000002';
  const contract = (starting_at: string) => ({ id: 'k', starting_at, usage_statement_schedule: { frequency: 'MONTHLY', billing_anchor_date: '2026-01-01T00:00:00Z' } });
  const draft = (start: string, end: string, lines: unknown[], extra: Record<string, unknown> = {}) => ({
    id: 'd', customer_id: CUSTOMER, type: 'USAGE', status: 'DRAFT', credit_type: USD, start_timestamp: start, end_timestamp: end, line_items: lines, total: 0, ...extra,
  });

  function app(contracts: unknown[], drafts: unknown[], breakdowns: (url: URL) => unknown[] = () => [], calls: UpstreamCall[] = []) {
    return testApp({
      fetch: fakeFetch(
        {
          '/v2/contracts/list': () => ({ data: contracts }),
          '/v1/contracts/customerBalances/list': () => ({ data: [], next_page: null }),
          '/v1/customers/{id}/invoices': () => ({ data: drafts, next_page: null }),
          '/v1/customers/{id}/invoices/breakdowns': (url) => ({ data: breakdowns(url), next_page: null }),
        },
        calls,
      ),
    });
  }

  it('answers a customer without a contract with no period and no credit types', async () => {
    const calls: UpstreamCall[] = [];
    const { status, body } = await summary(CUSTOMER, app([], [], undefined, calls));
    assert.equal(status, 200);
    assert.deepEqual(body, { period: null, days_left: null, credit_types: [], as_of: NOW.toISOString(), stale: false });
    assert.equal(calls.length, 1, 'nothing to read without a period');
  });

  it('reads bare application lines as credits, per credit type, and ignores drafts of other periods and commit purchases', async () => {
    const nov = ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'] as const;
    const { body } = await summary(
      CUSTOMER,
      app(
        [contract('2026-01-01T00:00:00Z')],
        [
          draft(...nov, [usageLine('CPU', 0.1), usageLine('CPU', 0.2), bareApplication(-0.25)]),
          draft(...nov, [usageLine('GPU', 40, {}, GPU), bareApplication(-40, GPU)], { credit_type: GPU }),
          draft('2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', [usageLine('CPU', 999)]),
          draft(...nov, [{ name: 'Commit', type: 'scheduled', total: 5000, credit_type: USD }], { type: 'SCHEDULED' }),
        ],
      ),
    );
    assert.deepEqual(
      body.credit_types.map((t) => [t.credit_type.name, t.spend_to_date, t.credits_applied, t.net]),
      [
        ['USD (cents)', 0.3, -0.25, 0.05],
        ['GPU credits', 40, -40, 0],
      ],
    );
  });

  it('averages over the days since the contract began when it is younger than a week, and has no previous period in its first', async () => {
    const calls: UpstreamCall[] = [];
    const { body } = await summary(
      CUSTOMER,
      app(
        [{ ...contract('2026-11-22T00:00:00Z'), usage_statement_schedule: { frequency: 'MONTHLY', billing_anchor_date: '2026-11-22T00:00:00Z' } }],
        [draft('2026-11-22T00:00:00Z', '2026-12-22T00:00:00Z', [usageLine('CPU', 35)])],
        (url) => (url.searchParams.get('window_size') === 'day' ? ['2026-11-22', '2026-11-23', '2026-11-24'].map((d) => breakdown(d, [usageLine('CPU', 10)])) : []),
        calls,
      ),
    );
    const usd = body.credit_types[0]!;
    assert.equal(usd.projection!.method, 'at the average daily spend of the last 3 days');
    assert.equal(usd.projection!.spend, 35 + 10 * (body.days_left ?? 0));
    assert.equal(usd.previous, null);
    const breakdownCall = calls.find((c) => c.url.pathname.endsWith('/breakdowns'))!;
    assert.equal(breakdownCall.url.searchParams.get('starting_on'), '2026-11-22T00:00:00.000Z');
    assert.equal(breakdownCall.url.searchParams.get('ending_before'), '2026-11-25T00:00:00.000Z');
  });
});
