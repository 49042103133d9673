import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ID, GLOBEX_ID } from '../../simulator/index.ts';
import type { ErrorBody, InvoiceExplainResponse, InvoicesResponse } from '../../contract/index.ts';
import { toMicros } from '../money.ts';
import { fakeFetch, PRODUCT, usageLine, USD } from '../test/fake-metronome.ts';
import { authGet, METRONOME_TOKEN, simulatorFetch, testApp, type UpstreamCall } from '../test/harness.ts';

async function get<T>(path: string, customerId = ACME_ID, app = testApp()) {
  const response = await authGet(app, path, customerId);
  return { status: response.status, body: (await response.json()) as T & ErrorBody };
}

async function invoiceId(customerId: string, status: 'draft' | 'finalized') {
  return (await get<InvoicesResponse>(`/api/invoices?type=usage&status=${status}`, customerId)).body.invoices[0]!.id;
}

describe('GET /api/invoices/:id/explain over the simulator', () => {
  it('explains Globex\'s tiered lines tier by tier and its flat line, each computed = Metronome\'s total', async () => {
    const id = await invoiceId(GLOBEX_ID, 'finalized');
    const { status, body } = await get<InvoiceExplainResponse>(`/api/invoices/${id}/explain`, GLOBEX_ID);
    assert.equal(status, 200);
    const tokens = body.lines.filter((l) => l.name === 'Model tokens (millions)');
    assert.deepEqual(tokens.map((l) => [l.tier!.level, l.computed!.price]), [[1, 20], [2, 15], [3, 10]]);
    assert.deepEqual(tokens[0]!.rate!.tiers, [{ size: 1000, price: 20 }, { size: 1000, price: 15 }, { size: null, price: 10 }]);
    assert.equal(tokens[0]!.rate!.rate_type, 'TIERED');
    assert.equal(tokens[0]!.rate!.source, 'list');
    const seats = body.lines.find((l) => l.name === 'Seat hours')!;
    assert.equal(seats.rate!.rate_type, 'FLAT');
    assert.equal(seats.rate!.price, 0.8);
    for (const line of body.lines) {
      assert.equal(toMicros(line.computed!.total), toMicros(line.total), line.name);
      assert.ok(line.computed!.matches && line.computed!.difference === 0);
      assert.equal(line.usage, null, 'finalized: no usage check');
      assert.deepEqual(line.problems, []);
    }
  });

  it('shows Acme storage\'s conversion and rounding (GB-hours ÷ 730, up to 2 decimals) and reconciles a draft with the usage API', async () => {
    const calls: UpstreamCall[] = [];
    const id = await invoiceId(ACME_ID, 'draft');
    const { body } = await get<InvoiceExplainResponse>(`/api/invoices/${id}/explain`, ACME_ID, testApp({ fetch: simulatorFetch(calls) }));
    const hot = body.lines.find((l) => l.name === 'Storage (GB-months)' && l.presentation_group_values?.tier === 'hot')!;
    assert.deepEqual(hot.product!.quantity_conversion, { conversion_factor: 730, operation: 'DIVIDE' });
    assert.deepEqual(hot.product!.quantity_rounding, { decimal_places: 2, rounding_method: 'ROUND_UP' });
    assert.deepEqual(hot.product!.presentation_group_key, ['tier']);
    const usage = hot.usage!;
    assert.equal(usage.metered_quantity, Math.ceil((usage.metered_raw / 730) * 100) / 100);
    assert.ok(usage.metered_raw / 730 !== usage.metered_quantity, 'rounding changed the quantity');
    assert.equal(usage.metered_quantity, hot.quantity);
    assert.ok(usage.matches && usage.difference === 0);
    assert.ok(hot.computed!.matches);
    // The usage call: the product's metric over the line's period, filtered to the line's group.
    const call = calls.find((c) => c.url.pathname === '/v1/usage/groups' && (c.body as { group_filters?: Record<string, string[]> }).group_filters?.tier?.[0] === 'hot')!;
    assert.deepEqual((call.body as { group_key: string[] }).group_key, ['tier']);
    assert.equal((call.body as { window_size: string }).window_size, 'none');
    assert.equal((call.body as { starting_on: string }).starting_on, hot.period.starting_on);
    // Every draft usage line reconciles, the one without a region (no filter, null group) included.
    for (const line of body.lines) assert.ok(line.usage!.matches && line.computed!.matches, `${line.name} ${JSON.stringify(line.presentation_group_values)}`);
    assert.ok(body.lines.some((l) => l.presentation_group_values?.region === null));
    const rateCalls = calls.filter((c) => c.url.pathname === '/v1/contracts/getContractRateSchedule');
    assert.equal(rateCalls.length, 1, 'one rate-schedule call for one period start');
    assert.equal((rateCalls[0]!.body as { at: string }).at, body.invoice.period.starting_on);
  });

  it('reconciles Globex\'s tiered draft line against the metered total of its tiers', async () => {
    const id = await invoiceId(GLOBEX_ID, 'draft');
    const { body } = await get<InvoiceExplainResponse>(`/api/invoices/${id}/explain`, GLOBEX_ID);
    const tokens = body.lines.find((l) => l.name === 'Model tokens (millions)')!;
    assert.equal(tokens.usage!.invoiced_quantity, tokens.quantity);
    assert.ok(tokens.usage!.matches);
  });

  it('answers 404 for another customer\'s invoice, 400 for a bad id, 401 without a session', async () => {
    const id = await invoiceId(ACME_ID, 'finalized');
    assert.equal((await get(`/api/invoices/${id}/explain`, GLOBEX_ID)).status, 404);
    assert.equal((await get('/api/invoices/xyz/explain')).status, 400);
    assert.equal((await testApp().request(`/api/invoices/${id}/explain`)).status, 401);
  });
});

describe('GET /api/invoices/:id/explain over hand-made Metronome answers', () => {
  const CUSTOMER = 'a1b2c3d4-0000-4000-8000-000000000001';
  const INVOICE = '0e1d2c3b-4a59-4687-8796-a5b4c3d2e1f0';
  const CONTRACT = 'c0c0c0c0-0000-4000-8000-000000000000';
  const METRIC = 'eeeeeeee-0000-4000-8000-000000000000';
  const invoice = (status: string, lines: unknown[]) => ({
    data: {
      id: INVOICE, customer_id: CUSTOMER, contract_id: CONTRACT, type: 'USAGE', status, credit_type: USD,
      start_timestamp: '2026-11-01T00:00:00Z', end_timestamp: '2026-12-01T00:00:00Z', line_items: lines, total: 0,
    },
  });
  const product = { data: { id: PRODUCT, type: 'USAGE', initial: { name: 'GB', created_at: '2025-01-01T00:00:00Z', created_by: 'x', billable_metric_id: METRIC } } };
  const schedule = (rate: Record<string, unknown>) => ({
    data: [{ product_id: PRODUCT, product_name: 'GB', starting_at: '2026-01-01T00:00:00Z', entitled: true, list_rate: { rate_type: 'FLAT', price: 5 }, ...rate }],
    next_page: null,
  });

  it('uses the override rate where the schedule has one and reports a difference and a usage mismatch', async () => {
    const app = testApp({
      fetch: fakeFetch({
        '/v1/customers/{id}/invoices/{invoice_id}': () => invoice('DRAFT', [usageLine('GB', 40, { quantity: 10, unit_price: 4 })]),
        '/v1/contract-pricing/products/get': () => product,
        '/v1/contracts/getContractRateSchedule': () => schedule({ override_rate: { rate_type: 'FLAT', price: 3.5 }, commit_rate: { rate_type: 'FLAT', price: 3 } }),
        '/v1/usage/groups': () => ({ data: [{ starting_on: '2026-11-01T00:00:00Z', ending_before: '2026-12-01T00:00:00Z', value: 9 }], next_page: null }),
      }),
    });
    const { status, body } = await get<InvoiceExplainResponse>(`/api/invoices/${INVOICE}/explain`, CUSTOMER, app);
    assert.equal(status, 200);
    const [line] = body.lines;
    assert.equal(line!.rate!.source, 'override');
    assert.equal(line!.rate!.price, 3.5);
    assert.deepEqual(line!.rate!.commit_rate, { rate_type: 'FLAT', price: 3, tiers: null });
    assert.deepEqual(line!.computed, { price: 3.5, total: 35, matches: false, difference: 5 });
    assert.deepEqual(line!.usage, { metered_raw: 9, metered_quantity: 9, invoiced_quantity: 10, matches: false, difference: 1 });
  });

  it('rates a price finer than a millionth of a cent and a quantity finer than a millionth exactly, and passes the quantity on as sent', async () => {
    // $0.075 per million tokens is 0.0000075 cents a token: rounding the price to the micro would make it 0.000008.
    const app = testApp({
      fetch: fakeFetch({
        '/v1/customers/{id}/invoices/{invoice_id}': () => invoice('FINALIZED', [usageLine('GB', 9.375000009, { quantity: 1_250_000.0000012, unit_price: 0.0000075 })]),
        '/v1/contract-pricing/products/get': () => product,
        '/v1/contracts/getContractRateSchedule': () => schedule({ list_rate: { rate_type: 'FLAT', price: 0.0000075 } }),
      }),
    });
    const { body } = await get<InvoiceExplainResponse>(`/api/invoices/${INVOICE}/explain`, CUSTOMER, app);
    const [line] = body.lines;
    assert.equal(line!.quantity, 1_250_000.0000012);
    assert.deepEqual(line!.computed, { price: 0.0000075, total: 9.375, matches: true, difference: 0 });
  });

  it('answers 502 with a plain message when a rating call fails', async () => {
    const app = testApp({
      fetch: async (input, init) => {
        const url = new URL(new Request(input, init).url);
        if (url.pathname === '/v1/contracts/getContractRateSchedule') return new Response(`boom ${METRONOME_TOKEN}`, { status: 500 });
        return fakeFetch({
          '/v1/customers/{id}/invoices/{invoice_id}': () => invoice('FINALIZED', [usageLine('GB', 40, { quantity: 10, unit_price: 4 })]),
          '/v1/contract-pricing/products/get': () => product,
        })(input, init);
      },
    });
    const response = await authGet(app, `/api/invoices/${INVOICE}/explain`, CUSTOMER);
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.ok(!text.includes(METRONOME_TOKEN) && !text.includes('boom'));
  });
});
